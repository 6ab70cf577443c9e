package socket_test

import (
	"strconv"
	"strings"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"netlua/bindings/socket"
	"netlua/internal/sockos"
	"netlua/interp"
)

// FuzzAddress feeds arbitrary text to the address parsers a learner's typo
// reaches: inet_aton, inet_pton (both families) and getaddrinfo with a
// numeric host and port (AI_NUMERICHOST|AI_NUMERICSERV, so no input ever
// reaches DNS). Seeds are in testdata/fuzz/FuzzAddress. Each call must return
// or raise a Python exception, never a Go panic; what parses must survive a
// round trip through the matching formatter.
func FuzzAddress(f *testing.F) {
	for _, s := range []string{
		"127.0.0.1", "1.2.3", "0x7f.1", "017.0.0.1", "4294967295", "1.2.3.4 junk",
		"::1", "::ffff:1.2.3.4", "fe80::1%lo", "1:2:3:4:5:6:7:8", "1::2::3", "",
		"256.0.0.1", "localhost", "\x00", "[::1]",
	} {
		f.Add(s, "80")
	}
	f.Add("127.0.0.1", "http")
	f.Add("::1", "-1")
	f.Add("1.2.3.4", "65536")

	rt := interp.New(socket.Module)
	if err := rt.RunString(`
socket = require("socket")
function aton(s) return socket.inet_aton(s) end
function ntoa(b) return socket.inet_ntoa(b) end
function pton(f, s) return socket.inet_pton(f, s) end
function ntop(f, b) return socket.inet_ntop(f, b) end
function gai(h, p)
  local flags = socket.AI_NUMERICHOST + socket.AI_NUMERICSERV
  local out = {}
  for _, r in ipairs(socket.getaddrinfo(h, p, 0, socket.SOCK_STREAM, 0, flags)) do
    out[#out + 1] = r[1] .. " " .. r[5][1] .. " " .. r[5][2]
  end
  return table.concat(out, "\n")
end`, "fuzz"); err != nil {
		f.Fatal(err)
	}
	call := func(t *testing.T, fn string, args ...lua.LValue) (string, bool) {
		err := rt.L.CallByParam(lua.P{Fn: rt.L.GetGlobal(fn), NRet: 1, Protect: true}, args...)
		if err != nil {
			if api, ok := err.(*lua.ApiError); ok && api.Type == lua.ApiErrorPanic {
				t.Fatalf("%s%q: Go panic: %v", fn, args, err)
			}
			if e := interp.FromLuaError(rt, err); e.Class == nil {
				t.Fatalf("%s%q: not a Python exception: %v", fn, args, err)
			}
			return "", false
		}
		v := rt.L.Get(-1)
		rt.L.Pop(1)
		return lua.LVAsString(v), true
	}
	const af4, af6 = lua.LNumber(sockos.AF_INET), lua.LNumber(sockos.AF_INET6)
	f.Fuzz(func(t *testing.T, host, port string) {
		s := lua.LString(host)
		if b, ok := call(t, "aton", s); ok {
			if len(b) != 4 {
				t.Fatalf("inet_aton(%q) gave %d bytes", host, len(b))
			}
			text, _ := call(t, "ntoa", lua.LString(b))
			if again, ok := call(t, "aton", lua.LString(text)); !ok || again != b {
				t.Fatalf("inet_aton(%q) = %q, but inet_aton(inet_ntoa(it) = %q) = %q", host, b, text, again)
			}
		}
		if b, ok := call(t, "pton", af4, s); ok {
			// inet_pton's dotted quad is a strict subset of inet_aton's forms.
			if loose, ok := call(t, "aton", s); !ok || loose != b || len(b) != 4 {
				t.Fatalf("inet_pton(AF_INET, %q) = %q, inet_aton = %q", host, b, loose)
			}
		}
		if b, ok := call(t, "pton", af6, s); ok {
			text, _ := call(t, "ntop", af6, lua.LString(b))
			if again, ok := call(t, "pton", af6, lua.LString(text)); len(b) != 16 || !ok || again != b {
				t.Fatalf("inet_pton(AF_INET6, %q) = %q; ntop gives %q, which parses as %q", host, b, text, again)
			}
		}
		list, ok := call(t, "gai", s, lua.LString(port))
		if !ok {
			return
		}
		for _, line := range strings.Split(list, "\n") {
			fields := strings.Fields(line)
			if len(fields) != 3 {
				t.Fatalf("getaddrinfo(%q, %q): entry %q", host, port, line)
			}
			fam, addr := af4, fields[1]
			if fields[0] == strconv.Itoa(sockos.AF_INET6) {
				fam = af6
				addr, _, _ = strings.Cut(addr, "%")
			}
			if _, ok := call(t, "pton", fam, lua.LString(addr)); !ok {
				t.Fatalf("getaddrinfo(%q, %q) gave address %q that inet_pton refuses", host, port, fields[1])
			}
		}
	})
}
