package time

import (
	"fmt"
	"strings"
	"testing"
	gotime "time"

	"netlua/interp"
	"netlua/interp/interptest"
)

func run(t *testing.T, src string) string {
	t.Helper()
	return interptest.Run(t, src, Module)
}

// inZone runs f with the local time zone set to name, as TZ=name would for
// CPython. Tests here do not run in parallel, and Lua runs on the test's
// goroutine, so swapping time.Local is safe.
func inZone(t *testing.T, name string, f func()) {
	t.Helper()
	loc, err := gotime.LoadLocation(name)
	if err != nil {
		t.Fatalf("zone %s: %v", name, err)
	}
	saved := gotime.Local
	gotime.Local = loc
	defer func() { gotime.Local = saved }()
	f()
}

func TestGmtimeAndStrftime(t *testing.T) {
	// Every expected line is python3.11's output for the same call.
	out := run(t, `
local g = time.gmtime(1700000000)
print(g)
print(g.tm_year, g[1], g.tm_wday, g[7], g.tm_zone, g.tm_gmtoff)
print(time.strftime("%a %A %b %B %c|%d %H %I %j %m %M %p %S %U %w %W %x %X %y %Y %Z %z %% %e %D %F %T %R %h %C %g %G %V %u %k %l %P %r", g))
print(time.strftime("%-d|%_d|%05d|%^a|%#Z|%10A|%-5H|%Ey|%Od|%:z", g))
print(time.strftime("%U %W %V %G %g", {2021,1,1,0,0,0,4,1,0}), time.strftime("%j", {2021,1,1,0,0,0,4,0,0}))
print(time.strftime("%Y %Q %f", g), time.strftime("%", g), time.strftime("%Y-%m-%d %a", {2021,1,1,0,0,0,-1,1,0}))
print(time.gmtime(-1))
print(time.gmtime(-0.5).tm_sec, time.gmtime(1700000000.9).tm_sec)
print(time.asctime(time.gmtime(0)), time.asctime({2021,1,1,0,0,0,0,1,0}))
print(time.strftime("%s", 0) == time.strftime("%s", time.localtime(0)))
`)
	want := `time.struct_time(tm_year=2023, tm_mon=11, tm_mday=14, tm_hour=22, tm_min=13, tm_sec=20, tm_wday=1, tm_yday=318, tm_isdst=0)
2023	2023	1	1	GMT	0
Tue Tuesday Nov November Tue Nov 14 22:13:20 2023|14 22 10 318 11 13 PM 20 46 2 46 11/14/23 22:13:20 23 2023 GMT +0000 % 14 11/14/23 2023-11-14 22:13:20 22:13 Nov 20 23 2023 46 2 22 10 pm 10:13:20 PM
14|14|00014|TUE|gmt|   Tuesday|   22|23|14|%:z
00 00 53 2020 20	001
2023 %Q %f	%	2021-01-01 Sun
time.struct_time(tm_year=1969, tm_mon=12, tm_mday=31, tm_hour=23, tm_min=59, tm_sec=59, tm_wday=2, tm_yday=365, tm_isdst=0)
59	20
Thu Jan  1 00:00:00 1970	Mon Jan  1 00:00:00 2021
true
`
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}

func TestLocalTime(t *testing.T) {
	// python3.11 with TZ=America/New_York.
	inZone(t, "America/New_York", func() {
		out := run(t, `
local t = time.localtime(1700000000)
print(t)
print(t.tm_zone, t.tm_gmtoff, time.ctime(1700000000), time.mktime(t), time.strftime("%Z %z %c", t))
local s = time.localtime(1690000000)
print(s, s.tm_zone, time.strftime("%Z %z", s))
print(time.strftime("%H:%M %Z", 1700000000), time.strftime("%Z", {2023,7,1,0,0,0,0,1,1}))
print(time.timezone, time.altzone, time.daylight, time.tzname)
print(time.ctime(1700000000 + 86400 * 20))
`)
		want := `time.struct_time(tm_year=2023, tm_mon=11, tm_mday=14, tm_hour=17, tm_min=13, tm_sec=20, tm_wday=1, tm_yday=318, tm_isdst=0)
EST	-18000	Tue Nov 14 17:13:20 2023	1700000000	EST -0500 Tue Nov 14 17:13:20 2023
time.struct_time(tm_year=2023, tm_mon=7, tm_mday=22, tm_hour=0, tm_min=26, tm_sec=40, tm_wday=5, tm_yday=203, tm_isdst=1)	EDT	EDT -0400
17:13 EST	EDT
18000	14400	1	('EST', 'EDT')
Mon Dec  4 17:13:20 2023
`
		if out != want {
			t.Errorf("got:\n%s\nwant:\n%s", out, want)
		}
	})
}

func TestErrors(t *testing.T) {
	// CPython 3.11's texts; where they do not name the function, netlua
	// prefixes its name.
	cases := []struct{ src, want string }{
		{`time.sleep(-1)`, "ValueError: sleep length must be non-negative"},
		{`time.sleep(0/0)`, "ValueError: sleep(): Invalid value NaN (not a number)"},
		{`time.sleep(1/0)`, "OverflowError: sleep(): timestamp out of range for platform time_t"},
		{`time.sleep("1")`, "TypeError: sleep() argument 'seconds' must be a number, not str"},
		{`time.ctime(1e20)`, "OverflowError: ctime(): timestamp out of range for platform time_t"},
		{`time.localtime(0/0)`, "ValueError: localtime(): Invalid value NaN (not a number)"},
		{`time.strftime("%Y", 5 > 4)`, "TypeError: strftime(): illegal time tuple argument"},
		{`time.strftime("%Y", {2021,13,1,0,0,0,0,1,0})`, "ValueError: strftime(): month out of range"},
		{`time.strftime("%Y", {2021,1,32,0,0,0,0,1,0})`, "ValueError: strftime(): day of month out of range"},
		{`time.strftime("%Y", {2021,1,1,24,0,0,0,1,0})`, "ValueError: strftime(): hour out of range"},
		{`time.strftime("%Y", {2021,1,1,0,60,0,0,1,0})`, "ValueError: strftime(): minute out of range"},
		{`time.strftime("%Y", {2021,1,1,0,0,62,0,1,0})`, "ValueError: strftime(): seconds out of range"},
		{`time.strftime("%Y", {2021,1,1,0,0,0,-2,1,0})`, "ValueError: strftime(): day of week out of range"},
		{`time.strftime("%Y", {2021,1,1,0,0,0,0,367,0})`, "ValueError: strftime(): day of year out of range"},
		{`time.strftime("%Y", {2021,1,1})`, "TypeError: strftime(): illegal time tuple argument (tm_hour must be int, not NoneType)"},
		{`time.mktime(5)`, "TypeError: mktime(): Tuple or struct_time argument required"},
		{`time.asctime(5)`, "TypeError: asctime(): Tuple or struct_time argument required"},
	}
	for _, c := range cases {
		got := interptest.Error(t, c.src, Module)
		if !strings.HasSuffix(got, c.want) {
			t.Errorf("%s:\n got %q\nwant suffix %q", c.src, got, c.want)
		}
	}
}

func TestClocksAndSleep(t *testing.T) {
	before := float64(gotime.Now().UnixNano()) / 1e9
	out := run(t, `
local w0, m0, p0 = time.time(), time.monotonic(), time.perf_counter()
time.sleep(0.1)
local w1, m1, p1 = time.time(), time.monotonic(), time.perf_counter()
print(m1 - m0 >= 0.1, m1 - m0 < 2, p1 - p0 >= 0.1, w1 - w0 > 0.09)
print(string.format("%.0f", w0))
time.sleep(0)
`)
	lines := interptest.Lines(out)
	if lines[0] != "true\ttrue\ttrue\ttrue" {
		t.Errorf("clocks: %q", lines[0])
	}
	var w0 float64
	if _, err := fmt.Sscan(lines[1], &w0); err != nil || w0 < before-1 || w0 > before+5 {
		t.Errorf("time.time() = %s, Go says %f", lines[1], before)
	}
}

func TestSleepInterrupted(t *testing.T) {
	rt := interptest.New(t, Module)
	start := gotime.Now()
	timer := gotime.AfterFunc(100*gotime.Millisecond, rt.Interrupt)
	defer timer.Stop()
	err := rt.RunString(`
local ok, e = pcall(time.sleep, 30)
print(ok, isinstance(e, KeyboardInterrupt))
time.sleep(0.01)
print("after")
`, "test")
	if err != nil {
		t.Fatal(interp.FromLuaError(rt.Runtime, err).Report())
	}
	if got := rt.Stdout.String(); got != "false\ttrue\nafter\n" {
		t.Errorf("got %q", got)
	}
	if d := gotime.Since(start); d > 5*gotime.Second {
		t.Errorf("sleep interrupted after %v", d)
	}
}

// A field width is bounded as CPython bounds strftime's buffer (at least
// 256 characters per format character): beyond it the result is "", as
// CPython gives on glibc. %1000000000000d asked Go for a terabyte (a fatal
// error) and a width of 30 digits overflowed.
func TestStrftimeWidthIsBounded(t *testing.T) {
	out := run(t, `
		for _, f in ipairs{"%1000000000000d", "%99999999999999999999999999d", "%100000d", "%1010d", "%Y"} do
			io.write(#time.strftime(f, 0), " ")
		end`)
	if want := "0 0 0 1010 4 "; out != want {
		t.Errorf("got %q, want %q (python3: len(time.strftime(f)) for each)", out, want)
	}
}
