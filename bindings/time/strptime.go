package time

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// strptime is CPython's _strptime in the C locale: the format becomes a
// regular expression (the same one _strptime.TimeRE builds, matched
// ignoring case from the start of the text), and the captured fields are
// turned into a date the way _strptime does, defaults and all.

// The names strftime writes, lower-cased as _strptime's LocaleTime has them.
var (
	weekdayNames = lowered(dayNames, 0)
	monthsLower  = lowered(monthNames, 0)
)

// lowered lower-cases names, cut to n letters if n > 0.
func lowered(names []string, n int) []string {
	out := make([]string, len(names))
	for i, name := range names {
		if n > 0 {
			name = name[:n]
		}
		out[i] = strings.ToLower(name)
	}
	return out
}

func abbreviations(names []string) []string { return lowered(names, 3) }

// alternatives is _strptime's __seqToRE: the longest names first, so that
// "march" is not matched as "mar".
func alternatives(name string, values []string) string {
	v := append([]string(nil), values...)
	sort.SliceStable(v, func(i, j int) bool { return len(v[i]) > len(v[j]) })
	for i := range v {
		v[i] = regexp.QuoteMeta(v[i])
	}
	return "(?P<" + name + ">" + strings.Join(v, "|") + ")"
}

// zoneNames is _strptime's LocaleTime.timezone: names meaning no daylight
// saving (utc, gmt and the local standard zone), and the daylight one.
func zoneNames() (std, dst []string) {
	z := localZones()
	std = []string{"utc", "gmt"}
	if n := strings.ToLower(z.stdName); n != "utc" && n != "gmt" {
		std = append(std, n)
	}
	if z.stdOff != z.dstOff {
		dst = []string{strings.ToLower(z.dstName)}
	}
	return std, dst
}

// directiveRE is TimeRE's table, C locale.
func directiveRE(c byte) (string, bool) {
	switch c {
	case 'd':
		return `(?P<d>3[0-1]|[1-2]\d|0[1-9]|[1-9]| [1-9])`, true
	case 'f':
		return `(?P<f>[0-9]{1,6})`, true
	case 'H':
		return `(?P<H>2[0-3]|[0-1]\d|\d)`, true
	case 'I':
		return `(?P<I>1[0-2]|0[1-9]|[1-9])`, true
	case 'G':
		return `(?P<G>\d\d\d\d)`, true
	case 'j':
		return `(?P<j>36[0-6]|3[0-5]\d|[1-2]\d\d|0[1-9]\d|00[1-9]|[1-9]\d|0[1-9]|[1-9])`, true
	case 'm':
		return `(?P<m>1[0-2]|0[1-9]|[1-9])`, true
	case 'M':
		return `(?P<M>[0-5]\d|\d)`, true
	case 'S':
		return `(?P<S>6[0-1]|[0-5]\d|\d)`, true
	case 'U':
		return `(?P<U>5[0-3]|[0-4]\d|\d)`, true
	case 'W':
		return `(?P<W>5[0-3]|[0-4]\d|\d)`, true
	case 'w':
		return `(?P<w>[0-6])`, true
	case 'u':
		return `(?P<u>[1-7])`, true
	case 'V':
		return `(?P<V>5[0-3]|0[1-9]|[1-4]\d|\d)`, true
	case 'y':
		return `(?P<y>\d\d)`, true
	case 'Y':
		return `(?P<Y>\d\d\d\d)`, true
	case 'z':
		return `(?P<z>[+-]\d\d:?[0-5]\d(:?[0-5]\d(\.\d{1,6})?)?|(?-i:Z))`, true
	case 'A':
		return alternatives("A", weekdayNames), true
	case 'a':
		return alternatives("a", abbreviations(weekdayNames)), true
	case 'B':
		return alternatives("B", monthsLower), true
	case 'b':
		return alternatives("b", abbreviations(monthsLower)), true
	case 'p':
		return `(?P<p>am|pm)`, true
	case 'Z':
		std, dst := zoneNames()
		return alternatives("Z", append(std, dst...)), true
	case '%':
		return "%", true
	}
	return "", false
}

// expansions are the C locale's %c, %x and %X, which TimeRE expands.
var expansions = map[byte]string{'c': "%a %b %d %H:%M:%S %Y", 'x': "%m/%d/%y", 'X': "%H:%M:%S"}

var spaceRE = regexp.MustCompile(`\s+`)

// pattern is TimeRE.pattern: literal text escaped, runs of white space
// matching any white space, directives replaced by their expressions.
func pattern(L *lua.LState, format, whole string) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			j := i
			for j < len(format) && format[j] != '%' {
				j++
			}
			b.WriteString(spaceRE.ReplaceAllString(regexp.QuoteMeta(format[i:j]), `\s+`))
			i = j - 1
			continue
		}
		if i+1 >= len(format) {
			interp.Raise(L, interp.ValueError, "stray %% in format '%s'", whole)
		}
		i++
		if exp, ok := expansions[format[i]]; ok {
			b.WriteString(pattern(L, exp, whole))
			continue
		}
		re, ok := directiveRE(format[i])
		if !ok {
			interp.Raise(L, interp.ValueError, "'%c' is a bad directive in format '%s'", format[i], whole)
		}
		b.WriteString(re)
	}
	return b.String()
}

func strptime(L *lua.LState) int {
	var s, format string
	format = "%a %b %d %H:%M:%S %Y"
	interp.UnpackArgs(L, 1, "string", &s, "format?", &format)
	re, err := regexp.Compile("^(?i)" + pattern(L, format, format))
	if err != nil {
		// Only a directive given twice gets here (Python's re.error).
		interp.Raise(L, interp.ValueError, "%s in format '%s'", strings.TrimPrefix(err.Error(), "error parsing regexp: "), format)
	}
	m := re.FindStringSubmatchIndex(s)
	if m == nil {
		interp.Raise(L, interp.ValueError, "time data %s does not match format %s", interp.Repr(lua.LString(s)), interp.Repr(lua.LString(format)))
	}
	if m[1] != len(s) {
		interp.Raise(L, interp.ValueError, "unconverted data remains: %s", s[m[1]:])
	}
	found := map[string]string{}
	var order []string
	for i, name := range re.SubexpNames() {
		if name != "" && m[2*i] >= 0 {
			found[name] = s[m[2*i]:m[2*i+1]]
			order = append(order, name)
		}
	}
	t, zone, gmtoff := fromFields(L, order, found)
	st := newStruct(L, t)
	st.RawSetString("tm_zone", zone)
	st.RawSetString("tm_gmtoff", gmtoff)
	L.Push(st)
	return 1
}

func atoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}

func index(names []string, s string) int {
	s = strings.ToLower(s)
	for i, n := range names {
		if n == s {
			return i
		}
	}
	return -1
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// daysIn is the length of a year: 365 or 366.
func daysIn(year int) int { return date(year, 12, 31).YearDay() }

// fromFields is the second half of _strptime._strptime.
func fromFields(L *lua.LState, order []string, f map[string]string) (tm, lua.LValue, lua.LValue) {
	const unset = -1 << 31
	year, isoYear, isoWeek, weekOfYear, weekday, julian := unset, unset, unset, unset, unset, unset
	month, day, hour, minute, second, tz := 1, 1, 0, 0, 0, -1
	weekStartsMon := false
	var zone, gmtoff lua.LValue = lua.LNil, lua.LNil
	// In the order the directives appear, as Python walks found_dict: a
	// later one overrides an earlier one (%H then %I).
	for _, key := range order {
		v := f[key]
		switch key {
		case "y":
			year = atoi(v)
			if year <= 68 {
				year += 2000
			} else {
				year += 1900
			}
		case "Y":
			year = atoi(v)
		case "G":
			isoYear = atoi(v)
		case "m":
			month = atoi(v)
		case "B":
			month = index(monthsLower, v) + 1
		case "b":
			month = index(abbreviations(monthsLower), v) + 1
		case "d":
			day = atoi(v)
		case "H":
			hour = atoi(v)
		case "I":
			hour = atoi(v)
			switch strings.ToLower(f["p"]) {
			case "", "am":
				if hour == 12 {
					hour = 0
				}
			case "pm":
				if hour != 12 {
					hour += 12
				}
			}
		case "M":
			minute = atoi(v)
		case "S":
			second = atoi(v)
		case "A":
			weekday = index(weekdayNames, v)
		case "a":
			weekday = index(abbreviations(weekdayNames), v)
		case "w":
			weekday = (atoi(v) + 6) % 7
		case "u":
			weekday = atoi(v) - 1
		case "j":
			julian = atoi(v)
		case "U":
			weekOfYear, weekStartsMon = atoi(v), false
		case "W":
			weekOfYear, weekStartsMon = atoi(v), true
		case "V":
			isoWeek = atoi(v)
		case "z":
			gmtoff = lua.LNumber(parseOffset(L, v))
		case "Z":
			zone = lua.LString(v)
			std, dst := zoneNames()
			z := strings.ToLower(v)
			lz := localZones()
			ambiguous := lz.stdName == lz.dstName && lz.stdOff != lz.dstOff && z != "utc" && z != "gmt"
			for value, names := range [][]string{std, dst} {
				if index(names, z) >= 0 {
					if !ambiguous {
						tz = value
					}
					break
				}
			}
		}
	}
	switch {
	case year == unset && isoYear != unset:
		if isoWeek == unset || weekday == unset {
			interp.Raise(L, interp.ValueError, "%s", "ISO year directive '%G' must be used with the ISO week directive '%V' and a weekday directive ('%A', '%a', '%w', or '%u').")
		}
		if julian != unset {
			interp.Raise(L, interp.ValueError, "%s", "Day of the year directive '%j' is not compatible with ISO year directive '%G'. Use '%Y' instead.")
		}
	case weekOfYear == unset && isoWeek != unset:
		if weekday == unset {
			interp.Raise(L, interp.ValueError, "%s", "ISO week directive '%V' must be used with the ISO year directive '%G' and a weekday directive ('%A', '%a', '%w', or '%u').")
		}
		interp.Raise(L, interp.ValueError, "%s", "ISO week directive '%V' is incompatible with the year directive '%Y'. Use the ISO year '%G' instead.")
	}
	leapYearFix := false
	if year == unset && month == 2 && day == 29 {
		year, leapYearFix = 1904, true
	} else if year == unset {
		year = 1900
	}
	if year < 1 {
		interp.Raise(L, interp.ValueError, "year %d is out of range", year)
	}
	if julian == unset && weekday != unset {
		if weekOfYear != unset {
			julian = julianFromWeek(year, weekOfYear, weekday, weekStartsMon)
		} else if isoYear != unset && isoWeek != unset {
			year, julian = julianFromISO(isoYear, isoWeek, weekday+1)
		}
		if julian != unset && julian <= 0 {
			year--
			julian += daysIn(year)
		}
	}
	if julian == unset {
		if day > date(year, month+1, 0).Day() {
			interp.Raise(L, interp.ValueError, "day is out of range for month")
		}
		julian = date(year, month, day).YearDay()
	} else {
		d := date(year, 1, 1).AddDate(0, 0, julian-1)
		year, month, day = d.Year(), int(d.Month()), d.Day()
	}
	if weekday == unset {
		weekday = (int(date(year, month, day).Weekday()) + 6) % 7
	}
	if leapYearFix {
		year = 1900
	}
	return tm{year: year, mon: month, mday: day, hour: hour, min: minute, sec: second,
		wday: weekday, yday: julian, isdst: tz}, zone, gmtoff
}

// julianFromWeek is _calc_julian_from_U_or_W.
func julianFromWeek(year, week, dayOfWeek int, startsMon bool) int {
	first := (int(date(year, 1, 1).Weekday()) + 6) % 7
	if !startsMon {
		first = (first + 1) % 7
		dayOfWeek = (dayOfWeek + 1) % 7
	}
	if week == 0 {
		return 1 + dayOfWeek - first
	}
	return 1 + (7-first)%7 + 7*(week-1) + dayOfWeek
}

// julianFromISO is _calc_julian_from_V.
func julianFromISO(isoYear, isoWeek, isoWeekday int) (int, int) {
	wd := int(date(isoYear, 1, 4).Weekday())
	if wd == 0 {
		wd = 7
	}
	ordinal := isoWeek*7 + isoWeekday - (wd + 3)
	if ordinal < 1 {
		ordinal += daysIn(isoYear - 1)
		isoYear--
	}
	return isoYear, ordinal
}

// parseOffset is _strptime's %z: Z, or ±HH[:]MM[[:]SS[.ffffff]].
func parseOffset(L *lua.LState, z string) int {
	if z == "Z" {
		return 0
	}
	orig := z
	if z[3] == ':' {
		z = z[:3] + z[4:]
		if len(z) > 5 {
			if z[5] != ':' {
				interp.Raise(L, interp.ValueError, "Inconsistent use of : in %s", orig)
			}
			z = z[:5] + z[6:]
		}
	}
	secs := atoi(z[1:3])*3600 + atoi(z[3:5])*60
	if len(z) >= 7 {
		secs += atoi(z[5:7])
	}
	if z[0] == '-' {
		secs = -secs
	}
	return secs
}
