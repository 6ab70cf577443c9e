// Package pystruct is netlua's `struct` module. Python's struct: pack and unpack binary data with format strings.
package pystruct

import "netlua/interp"

// Module is the struct module.
var Module = &interp.Module{
	Name: "struct",
	Doc:  "Python's struct: pack and unpack binary data with format strings.",
}
