// Package threading is netlua's `threading` module. Python's threading: Thread, Event, Lock, RLock.
package threading

import "netlua/interp"

// Module is the threading module.
var Module = &interp.Module{
	Name: "threading",
	Doc:  "Python's threading: Thread, Event, Lock, RLock.",
}
