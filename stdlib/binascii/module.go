// Package binascii is netlua's `binascii` module. Python's binascii: hex and base64 conversions, crc32.
package binascii

import "netlua/interp"

// Module is the binascii module.
var Module = &interp.Module{
	Name: "binascii",
	Doc:  "Python's binascii: hex and base64 conversions, crc32.",
}
