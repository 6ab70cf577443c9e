package time

import (
	"encoding/hex"
	"os/exec"
	"strings"
	"testing"

	"netlua/interp/interptest"
)

// TestStrptimeAgainstPython: CPython formats random times with random
// formats (every directive strptime knows), sometimes damaged (a character
// dropped, junk appended, case changed); netlua's strptime must give the
// same struct_time, tm_zone and tm_gmtoff, or the same ValueError text.
func TestStrptimeAgainstPython(t *testing.T) {
	path, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("SKIP: python3 is not installed; the differential test needs it")
	}
	out, err := exec.Command(path, "-c", `
import random, re, time
rng = random.Random(19)
dirs = ['%Y', '%m', '%d', '%H', '%M', '%S', '%a', '%A', '%b', '%B', '%p', '%I', '%j', '%y', '%f', '%z', '%Z',
        '%U', '%W', '%w', '%u', '%c', '%x', '%X', '%%', '%G %V %u']
seps = [' ', '-', '/', ':', 'T', ', ', '  ', '']
for _ in range(600):
    t = time.gmtime(rng.randint(-2000000000, 4000000000))
    fmt = ''.join(rng.choice(dirs) + rng.choice(seps) for _ in range(rng.randint(1, 6)))
    s = time.strftime(fmt.replace('%f', '123').replace('%z', '+0130').replace('%Z', 'UTC'), t)
    k = rng.randint(0, 9)
    if k == 0 and s: s = s[:-1]
    elif k == 1: s += rng.choice(['x', ' ', '1'])
    elif k == 2: s = s.upper()
    elif k == 3: fmt += rng.choice(['%', '%Q', '%e'])
    try:
        st = time.strptime(s, fmt)
        res = '%r %r %r' % (st, st.tm_zone, st.tm_gmtoff)
    except ValueError as e:
        res = 'ValueError: %s' % e
    except Exception:
        continue  # a directive given twice: re.error, not compared
    print(s.encode().hex(), fmt.encode().hex(), res)
`).CombinedOutput()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, out)
	}
	var lua strings.Builder
	var want []string
	lua.WriteString("local cases = {\n")
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		parts := strings.SplitN(line, " ", 3)
		s, _ := hex.DecodeString(parts[0])
		f, _ := hex.DecodeString(parts[1])
		lua.WriteString("{" + luaString(string(s)) + ", " + luaString(string(f)) + "},\n")
		want = append(want, parts[2])
	}
	lua.WriteString(`}
for _, c in ipairs(cases) do
  local ok, r = pcall(time.strptime, c[1], c[2])
  if ok then
    print(tostring(r) .. " " .. repr(r.tm_zone) .. " " .. repr(r.tm_gmtoff))
  elseif isinstance(r, ValueError) then
    print("ValueError: " .. (tostring(r):gsub("^strptime%(%): ", "")))
  else
    error(r)
  end
end
`)
	got := strings.Split(strings.TrimSpace(interptest.Run(t, lua.String(), Module)), "\n")
	for i := range want {
		if i >= len(got) || got[i] != want[i] {
			t.Fatalf("case %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
}

func luaString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		b.WriteString("\\" + itoa3(s[i]))
	}
	b.WriteByte('"')
	return b.String()
}

func itoa3(c byte) string { return string([]byte{'0' + c/100, '0' + c/10%10, '0' + c%10}) }
