// Package time is netlua's `time` module. Python's time: time, monotonic, sleep, ctime, strftime.
package time

import "netlua/interp"

// Module is the time module.
var Module = &interp.Module{
	Name: "time",
	Doc:  "Python's time: time, monotonic, sleep, ctime, strftime.",
}
