// Package time is netlua's `time` module: Python's time for Lua. Clocks,
// sleep (which lets other threads run and which Ctrl-C interrupts), and the
// struct_time conversions with C's strftime directives as glibc has them.
//
// Files: module.go declares the module and the clocks; calendar.go is
// struct_time, localtime/gmtime/mktime and ctime/asctime; strftime.go the
// format directives; strptime.go parsing with them.
package time

import (
	"math"
	"time"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// Module is the time module.
var Module = &interp.Module{
	Name: "time",
	Doc:  "Time access and conversions, as Python's time module: clocks (time, monotonic, perf_counter), sleep, and calendar times as struct_time tables (localtime, gmtime, mktime, ctime, asctime, strftime). Times are seconds as Lua numbers.",
	Funcs: []interp.Func{
		{Name: "time", Fn: timeTime, Sig: "time.time() -> number",
			Doc: "Returns the current time in seconds since the Epoch (1970-01-01 UTC), with a fraction."},
		{Name: "monotonic", Fn: clock, Sig: "time.monotonic() -> number",
			Doc: "Returns the seconds of a clock that never goes backwards (unlike time() when the system clock is set). Only differences between two calls are meaningful."},
		{Name: "perf_counter", Fn: clock, Sig: "time.perf_counter() -> number",
			Doc: "Returns the seconds of the highest-resolution clock, for measuring short durations. Only differences between two calls are meaningful."},
		{Name: "sleep", Fn: sleep, Sig: "time.sleep(seconds)",
			Doc: "Suspends the calling thread for seconds (a fraction is fine); other threads run meanwhile. Ctrl-C interrupts it with KeyboardInterrupt.",
			Py:  "time.sleep(secs)"},
		{Name: "localtime", Fn: localtime, Sig: "time.localtime([seconds]) -> struct_time",
			Doc: "Converts seconds since the Epoch (now if omitted) to local time: a table with fields tm_year, tm_mon (1-12), tm_mday, tm_hour, tm_min, tm_sec, tm_wday (0 is Monday), tm_yday, tm_isdst, tm_zone, tm_gmtoff, whose first nine are also t[1]..t[9].",
			Py:  "time.localtime([secs])"},
		{Name: "gmtime", Fn: gmtime, Sig: "time.gmtime([seconds]) -> struct_time",
			Doc: "Converts seconds since the Epoch (now if omitted) to UTC, as a struct_time table like localtime's.",
			Py:  "time.gmtime([secs])"},
		{Name: "mktime", Fn: mktime, Sig: "time.mktime(t) -> number",
			Doc: "The inverse of localtime: converts a struct_time (or a table of its nine values) in local time to seconds since the Epoch."},
		{Name: "ctime", Fn: ctime, Sig: "time.ctime([seconds]) -> string",
			Doc: "Formats seconds since the Epoch (now if omitted) in local time as 'Sun Nov 22 03:48:21 2026' (the day padded with a space).",
			Py:  "time.ctime([secs])"},
		{Name: "asctime", Fn: asctime, Sig: "time.asctime([t]) -> string",
			Doc: "Formats a struct_time (now in local time if omitted) as 'Sun Nov 22 03:48:21 2026'."},
		{Name: "strftime", Fn: strftime, Sig: "time.strftime(format [, t]) -> string",
			Doc: "Formats a time with C's directives: %Y-%m-%d %H:%M:%S, %a %A %b %B %c %d %e %j %p %U %W %w %x %X %y %Z %z %% and glibc's %F %T %D %R %s %u %V %G %-d (no padding)... t is a struct_time or, as a netlua extension, seconds since the Epoch; it defaults to the current local time."},
		{Name: "strptime", Fn: strptime, Sig: "time.strptime(string [, format='%a %b %d %H:%M:%S %Y']) -> struct_time",
			Doc: "Parses string as format says, with the directives of strftime (%Y %m %d %H %M %S %f %a %A %b %B %p %j %U %W %w %u %G %V %y %z %Z %c %x %X %%), ignoring case, any white space matching any white space; returns a struct_time with tm_isdst -1 unless %Z named a zone. Fields not in the format default to 1900-01-01 00:00:00. Raises ValueError: time data '...' does not match format '...', unconverted data remains: ..., or a bad directive.",
			Py:  "time.strptime(string[, format])"},
	},
	// The zone's fields, read from the system's zone when a runtime
	// opens the module.
	Consts: []interp.Const{
		{Name: "timezone", Value: func(*lua.LState) lua.LValue { return lua.LNumber(-localZones().stdOff) }},
		{Name: "altzone", Value: func(*lua.LState) lua.LValue { return lua.LNumber(-localZones().dstOff) }},
		{Name: "daylight", Value: func(*lua.LState) lua.LValue {
			z := localZones()
			if z.stdOff != z.dstOff {
				return lua.LNumber(1)
			}
			return lua.LNumber(0)
		}},
		{Name: "tzname", Value: func(L *lua.LState) lua.LValue {
			z := localZones()
			return interp.NewTuple(L, lua.LString(z.stdName), lua.LString(z.dstName))
		}},
	},
}

func timeTime(L *lua.LState) int {
	interp.UnpackArgs(L, 1)
	L.Push(lua.LNumber(float64(time.Now().UnixNano()) / 1e9))
	return 1
}

// clock makes monotonic and perf_counter: both read the platform's
// monotonic clock (monotonicSeconds, per platform), as CPython does.
func clock(L *lua.LState) int {
	interp.UnpackArgs(L, 1)
	secs, err := monotonicSeconds()
	if err != nil {
		interp.RaiseOSError(L, err)
	}
	L.Push(lua.LNumber(secs))
	return 1
}

// maxSleep is CPython's limit, where nanoseconds overflow 64 bits; it is
// also where time.Duration does.
const maxSleep = 9223372036.0

func sleep(L *lua.LState) int {
	var secs float64
	interp.UnpackArgs(L, 1, "seconds", &secs)
	switch {
	case math.IsNaN(secs):
		interp.Raise(L, interp.ValueError, "Invalid value NaN (not a number)")
	case secs < 0:
		interp.Raise(L, interp.ValueError, "sleep length must be non-negative")
	case secs > maxSleep:
		interp.Raise(L, interp.OverflowError, "timestamp out of range for platform time_t")
	}
	if secs == 0 {
		// Even sleep(0) lets go of the GIL, as Python's does: it is the
		// idiom for letting other threads run.
		interp.Yield(L)
		return 0
	}
	cur := interp.Current(L)
	interp.Block(L, nil, func() {
		t := time.NewTimer(time.Duration(secs * float64(time.Second)))
		defer t.Stop()
		select {
		case <-t.C:
		case <-cur.Woken():
		}
	})
	return 0
}
