package socket

import (
	"netlua/interp"
)

// netdbFuncs are the module functions for names and addresses.
var netdbFuncs = []interp.Func{}
