package time

import (
	"fmt"
	"math"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// A tm is C's struct tm as Python's struct_time presents it: tm_mon 1-12,
// tm_wday 0 for Monday, tm_yday from 1.
type tm struct {
	year, mon, mday, hour, min, sec, wday, yday, isdst int
	zone                                               string
	gmtoff                                             int
	hasZone                                            bool // false for a plain table of nine values
}

// fields are struct_time's field names; the first nine are also its indexes.
var fields = []string{"tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst"}

func (t *tm) ints() []*int {
	return []*int{&t.year, &t.mon, &t.mday, &t.hour, &t.min, &t.sec, &t.wday, &t.yday, &t.isdst}
}

func fromTime(t time.Time) tm {
	zone, off := t.Zone()
	isdst := 0
	if t.IsDST() {
		isdst = 1
	}
	return tm{
		year: t.Year(), mon: int(t.Month()), mday: t.Day(),
		hour: t.Hour(), min: t.Minute(), sec: t.Second(),
		wday: (int(t.Weekday()) + 6) % 7, yday: t.YearDay(), isdst: isdst,
		zone: zone, gmtoff: off, hasZone: true,
	}
}

// goTime is the instant t names in loc, normalising out-of-range fields as
// C's mktime does.
func (t *tm) goTime(loc *time.Location) time.Time {
	return time.Date(t.year, time.Month(t.mon), t.mday, t.hour, t.min, t.sec, 0, loc)
}

// secondsArg reads the optional seconds argument of localtime, gmtime and
// ctime: now if omitted, otherwise checked as CPython checks a time_t.
func secondsArg(L *lua.LState) time.Time {
	secs := math.NaN()
	interp.UnpackArgs(L, 1, "seconds?", &secs)
	if L.Get(1) == lua.LNil {
		return time.Now()
	}
	return toTime(L, secs)
}

func toTime(L *lua.LState, secs float64) time.Time {
	switch {
	case math.IsNaN(secs):
		interp.Raise(L, interp.ValueError, "Invalid value NaN (not a number)")
	case secs >= 1<<63 || secs < -(1<<63):
		interp.Raise(L, interp.OverflowError, "timestamp out of range for platform time_t")
	}
	// C's time_t drops the fraction toward minus infinity: -0.5 is 23:59:59.
	return time.Unix(int64(math.Floor(secs)), 0)
}

func localtime(L *lua.LState) int {
	L.Push(newStruct(L, fromTime(secondsArg(L).In(time.Local))))
	return 1
}

func gmtime(L *lua.LState) int {
	t := fromTime(secondsArg(L).UTC())
	t.zone = "GMT" // what glibc's gmtime names it, and so CPython
	L.Push(newStruct(L, t))
	return 1
}

const structMetaKey = "time.struct_time"

// newStruct makes a struct_time: a table with both the named fields and the
// indexes 1..9, printing as CPython's repr.
func newStruct(L *lua.LState, t tm) *lua.LTable {
	s := L.CreateTable(9, 11)
	for i, p := range t.ints() {
		s.RawSetInt(i+1, lua.LNumber(*p))
		s.RawSetString(fields[i], lua.LNumber(*p))
	}
	s.RawSetString("tm_zone", lua.LString(t.zone))
	s.RawSetString("tm_gmtoff", lua.LNumber(t.gmtoff))
	reg := interp.Of(L).L.G.Registry
	mt, ok := reg.RawGetString(structMetaKey).(*lua.LTable)
	if !ok {
		mt = L.NewTable()
		mt.RawSetString("__name", lua.LString("time.struct_time"))
		mt.RawSetString("__tostring", L.NewFunction(structString))
		reg.RawSetString(structMetaKey, mt)
	}
	L.SetMetatable(s, mt)
	return s
}

func structString(L *lua.LState) int {
	s := L.CheckTable(1)
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = f + "=" + interp.Repr(s.RawGetString(f))
	}
	L.Push(lua.LString("time.struct_time(" + strings.Join(parts, ", ") + ")"))
	return 1
}

// structArg converts a struct_time argument: a table with tm_* fields (what
// localtime returns, possibly edited) or a sequence of nine integers (a
// Python tuple). msg is CPython's complaint for anything else.
func structArg(L *lua.LState, v lua.LValue, msg string) tm {
	tbl, ok := v.(*lua.LTable)
	if !ok {
		interp.Raise(L, interp.TypeError, "%s", msg)
	}
	var t tm
	named := tbl.RawGetString("tm_year") != lua.LNil
	for i, p := range t.ints() {
		f := tbl.RawGetInt(i + 1)
		if named {
			f = tbl.RawGetString(fields[i])
		}
		n, bad := interp.ToInt(f)
		if bad != "" {
			interp.Raise(L, interp.TypeError, "%s (%s %s)", msg, fields[i], bad)
		}
		*p = int(n)
	}
	if z, ok := tbl.RawGetString("tm_zone").(lua.LString); ok && named {
		t.zone, t.hasZone = string(z), true
		if off, ok := tbl.RawGetString("tm_gmtoff").(lua.LNumber); ok {
			t.gmtoff = int(off)
		}
	}
	return t
}

// check validates t for formatting as CPython's checktm does, after
// normalising what CPython normalises (month, day and yday 0 mean 1; wday -1
// means Sunday; isdst is clamped to -1..1).
func (t *tm) check(L *lua.LState) {
	t.mon, t.mday, t.yday = max(t.mon, 1), max(t.mday, 1), max(t.yday, 1)
	t.isdst = min(max(t.isdst, -1), 1)
	var msg string
	switch {
	case t.mon > 12:
		msg = "month out of range"
	case t.mday > 31:
		msg = "day of month out of range"
	case t.hour < 0 || t.hour > 23:
		msg = "hour out of range"
	case t.min < 0 || t.min > 59:
		msg = "minute out of range"
	case t.sec < 0 || t.sec > 61:
		msg = "seconds out of range"
	case (t.wday+1)%7 < 0:
		msg = "day of week out of range"
	case t.yday > 366:
		msg = "day of year out of range"
	}
	if msg != "" {
		interp.Raise(L, interp.ValueError, "%s", msg)
	}
	t.wday = ((t.wday+1)%7 + 6) % 7
}

func mktime(L *lua.LState) int {
	var v lua.LValue
	interp.UnpackArgs(L, 1, "t", &v)
	t := structArg(L, v, "Tuple or struct_time argument required")
	L.Push(lua.LNumber(t.goTime(time.Local).Unix()))
	return 1
}

// ascFormat is C's asctime layout, which ctime shares.
func ascFormat(t *tm) string {
	return fmt.Sprintf("%s %s %2d %02d:%02d:%02d %d",
		dayNames[t.wday][:3], monthNames[t.mon-1][:3], t.mday, t.hour, t.min, t.sec, t.year)
}

func ctime(L *lua.LState) int {
	t := fromTime(secondsArg(L).In(time.Local))
	L.Push(lua.LString(ascFormat(&t)))
	return 1
}

func asctime(L *lua.LState) int {
	var v lua.LValue = lua.LNil
	interp.UnpackArgs(L, 1, "t?", &v)
	var t tm
	if v == lua.LNil {
		t = fromTime(time.Now())
	} else {
		t = structArg(L, v, "Tuple or struct_time argument required")
		t.check(L)
	}
	L.Push(lua.LString(ascFormat(&t)))
	return 1
}
