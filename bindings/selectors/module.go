// Package selectors is netlua's `select` module. Python's select.select, on poll underneath.
package selectors

import "netlua/interp"

// Module is the select module.
var Module = &interp.Module{
	Name: "select",
	Doc:  "Python's select.select, on poll underneath.",
}

// SelectorsModule is the selectors module.
var SelectorsModule = &interp.Module{
	Name: "selectors",
	Doc:  "Python's selectors: DefaultSelector with register, unregister, modify and select.",
}
