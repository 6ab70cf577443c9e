package time

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// dayNames start on Monday, as tm_wday does.
var dayNames = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

func strftime(L *lua.LState) int {
	var format string
	var v lua.LValue = lua.LNil
	interp.UnpackArgs(L, 1, "format", &format, "t?", &v)
	var t tm
	switch v := v.(type) {
	case *lua.LNilType:
		t = fromTime(time.Now())
	case lua.LNumber:
		t = fromTime(toTime(L, float64(v)).In(time.Local))
	default:
		t = structArg(L, v, "illegal time tuple argument")
		t.check(L)
	}
	L.Push(lua.LString(formatTime(format, &t)))
	return 1
}

// formatTime expands C's strftime directives as glibc does, including its
// flags: %-d (no padding), %_d (spaces), %0e (zeros), %^a (upper case),
// %#Z (swapped case) and a field width (%10A). %E and %O are accepted and
// ignored, as in the C locale. An unknown directive is copied as it is.
//
// CPython gives strftime a buffer of 1024 characters, doubled until it is at
// least 256 per character of the format, and returns "" when the result
// does not fit: the same limit keeps a width like %1000000000000d from
// asking Go for a terabyte.
func formatTime(format string, t *tm) string {
	limit := 1024
	for limit < 256*len(format) {
		limit *= 2
	}
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		start := i
		var flag byte
		for i+1 < len(format) && strings.IndexByte("-_0^#", format[i+1]) >= 0 {
			i++
			flag = format[i]
		}
		width := -1
		for i+1 < len(format) && format[i+1] >= '0' && format[i+1] <= '9' {
			i++
			width = min(max(width, 0)*10+int(format[i]-'0'), limit)
		}
		for i+1 < len(format) && (format[i+1] == 'E' || format[i+1] == 'O') {
			i++
		}
		if i+1 >= len(format) {
			b.WriteString(format[start:])
			break
		}
		i++
		f, ok := directive(format[i], t)
		if !ok {
			b.WriteString(format[start : i+1])
			continue
		}
		if b.Len()+width >= limit {
			return ""
		}
		b.WriteString(f.pad(flag, width))
	}
	if b.Len() >= limit {
		return ""
	}
	return b.String()
}

// A field is one expanded directive: text, or a number with its default
// width and fill, which glibc's flags and width then adjust.
type field struct {
	text  string
	num   bool
	n     int
	width int
	fill  byte
}

func text(s string) (field, bool) { return field{text: s}, true }

func num(n, width int, fill byte) (field, bool) {
	return field{num: true, n: n, width: width, fill: fill}, true
}

// pad applies a directive's flag and width: '-' drops a number's padding,
// '_' and '0' choose its fill; '^' upper-cases text, '#' swaps its case.
func (f field) pad(flag byte, width int) string {
	if f.num {
		s := strconv.Itoa(f.n)
		fill := f.fill
		switch flag {
		case '-':
			if width < 0 {
				return s
			}
			fill = ' ' // glibc: an explicit width still pads, with spaces
		case '_':
			fill = ' '
		case '0':
			fill = '0'
		}
		if width < 0 {
			width = f.width
		}
		if len(s) < width {
			s = strings.Repeat(string(fill), width-len(s)) + s
		}
		return s
	}
	s := f.text
	switch flag {
	case '^':
		s = strings.ToUpper(s)
	case '#':
		if strings.ToUpper(s) == s {
			s = strings.ToLower(s)
		} else {
			s = strings.ToUpper(s)
		}
	}
	if width > len(s) {
		fill := " "
		if flag == '0' {
			fill = "0"
		}
		s = strings.Repeat(fill, width-len(s)) + s
	}
	return s
}

// directive expands one conversion; ok is false for unknown directives.
func directive(c byte, t *tm) (f field, ok bool) {
	cwday := (t.wday + 1) % 7 // C's: 0 is Sunday
	hour12 := t.hour % 12
	if hour12 == 0 {
		hour12 = 12
	}
	switch c {
	case 'a':
		return text(dayNames[t.wday][:3])
	case 'A':
		return text(dayNames[t.wday])
	case 'b', 'h':
		return text(monthNames[t.mon-1][:3])
	case 'B':
		return text(monthNames[t.mon-1])
	case 'c':
		return text(formatTime("%a %b %e %H:%M:%S %Y", t))
	case 'C':
		return num(floorDiv(t.year, 100), 2, '0')
	case 'd':
		return num(t.mday, 2, '0')
	case 'D', 'x':
		return text(formatTime("%m/%d/%y", t))
	case 'e':
		return num(t.mday, 2, ' ')
	case 'F':
		return text(formatTime("%Y-%m-%d", t))
	case 'g':
		y, _ := isoWeek(t)
		return num(((y%100)+100)%100, 2, '0')
	case 'G':
		y, _ := isoWeek(t)
		return num(y, 1, '0')
	case 'H':
		return num(t.hour, 2, '0')
	case 'I':
		return num(hour12, 2, '0')
	case 'j':
		return num(t.yday, 3, '0')
	case 'k':
		return num(t.hour, 2, ' ')
	case 'l':
		return num(hour12, 2, ' ')
	case 'm':
		return num(t.mon, 2, '0')
	case 'M':
		return num(t.min, 2, '0')
	case 'n':
		return text("\n")
	case 'p', 'P':
		s := "AM"
		if t.hour >= 12 {
			s = "PM"
		}
		if c == 'P' {
			s = strings.ToLower(s)
		}
		return text(s)
	case 'r':
		return text(formatTime("%I:%M:%S %p", t))
	case 'R':
		return text(formatTime("%H:%M", t))
	case 's':
		return text(strconv.FormatInt(t.goTime(time.Local).Unix(), 10))
	case 'S':
		return num(t.sec, 2, '0')
	case 't':
		return text("\t")
	case 'T', 'X':
		return text(formatTime("%H:%M:%S", t))
	case 'u':
		return num(t.wday+1, 1, '0')
	case 'U':
		return num((t.yday-1+7-cwday)/7, 2, '0')
	case 'V':
		_, w := isoWeek(t)
		return num(w, 2, '0')
	case 'w':
		return num(cwday, 1, '0')
	case 'W':
		return num((t.yday-1+7-t.wday)/7, 2, '0')
	case 'y':
		return num(((t.year%100)+100)%100, 2, '0')
	case 'Y':
		return num(t.year, 1, '0')
	case 'z':
		off := t.gmtoff
		sign := '+'
		if off < 0 {
			sign, off = '-', -off
		}
		return text(fmt.Sprintf("%c%02d%02d", sign, off/3600, off/60%60))
	case 'Z':
		if t.hasZone {
			return text(t.zone)
		}
		// A plain tuple has no zone: glibc falls back to tzname[isdst].
		return text(localZoneName(t.isdst > 0))
	case '%':
		return text("%")
	}
	return field{}, false
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

// isoWeek is the ISO 8601 week-numbering year and week of t (%G, %V).
func isoWeek(t *tm) (year, week int) {
	return time.Date(t.year, 1, t.yday, 12, 0, 0, 0, time.UTC).ISOWeek()
}

// localZoneName is time.tzname[0] or [1].
func localZoneName(dst bool) string {
	z := localZones()
	if dst {
		return z.dstName
	}
	return z.stdName
}

// zones describes the local zone's standard and summer time this year, as
// Python's timezone, altzone and tzname do.
type zones struct {
	stdName, dstName string
	stdOff, dstOff   int
}

func localZones() zones {
	year := time.Now().Year()
	var z zones
	z.stdName, z.stdOff = time.Date(year, 1, 1, 0, 0, 0, 0, time.Local).Zone()
	z.dstName, z.dstOff = time.Date(year, 7, 1, 0, 0, 0, 0, time.Local).Zone()
	if z.stdOff > z.dstOff { // southern hemisphere: summer is in January
		z.stdName, z.stdOff, z.dstName, z.dstOff = z.dstName, z.dstOff, z.stdName, z.stdOff
	}
	return z
}
