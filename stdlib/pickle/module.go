// Package pickle is netlua's `pickle` module. Python's pickle, compatible with CPython's protocols 0-5.
package pickle

import "netlua/interp"

// Module is the pickle module.
var Module = &interp.Module{
	Name: "pickle",
	Doc:  "Python's pickle, compatible with CPython's protocols 0-5.",
}
