// Package socketserver is netlua's `socketserver` module. Python's socketserver, written in Lua.
package socketserver

import "netlua/interp"

// Module is the socketserver module.
var Module = &interp.Module{
	Name: "socketserver",
	Doc:  "Python's socketserver, written in Lua.",
}
