package ntplib_test

import (
	"testing"

	"netlua/bindings/socket"
	"netlua/bindings/threading"
	"netlua/bindings/time"
	"netlua/interp"
	"netlua/interp/interptest"
	"netlua/stdlib/ntplib"
	"netlua/stdlib/pystruct"
)

var modules = []*interp.Module{socket.Module, threading.Module, time.Module, pystruct.Module, ntplib.Module}

func run(t *testing.T, src string) string {
	t.Helper()
	return interptest.Run(t, src, modules...)
}

func TestRequestAgainstResponder(t *testing.T) {
	out := run(t, `
local r = ntplib.serve({"127.0.0.1", 0}, {stratum = 3})
local port = r.server_address[2]
local before = time.time()
local response = ntplib.NTPClient():request("127.0.0.1", 3, port, 2)
local after = time.time()
print(response.stratum, response.version, response.mode, response.leap, response.precision)
print(math.abs(response.offset) < 0.5, response.delay >= 0, response.delay < 1)
print(response.tx_time >= before - 0.5, response.tx_time <= after + 0.5)
print(response.recv_time <= response.tx_time, response.ref_time < response.recv_time)
-- the server sends our transmit time back as its originate time
print(response.orig_time >= before - 0.001, response.orig_time <= after)
print(math.abs(response.dest_time - after) < 0.5)
print(ntplib.ref_id_to_text(response.ref_id, response.stratum), ntplib.stratum_to_text(response.stratum))
print(ntplib.mode_to_text(response.mode), ntplib.leap_to_text(response.leap))
print(string.match(tostring(response), "^<ntplib.NTPStats object at 0x%x+>$") ~= nil)
r:stop()
`)
	want := "3\t3\t4\t0\t-20\n" +
		"true\ttrue\ttrue\n" +
		"true\ttrue\n" +
		"true\ttrue\n" +
		"true\ttrue\n" +
		"true\n" +
		"127.0.0.1\tsecondary reference (3)\n" +
		"server\tno warning\n" +
		"true\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

// TestOffset has the responder's clock run 100 s ahead: the client must
// see an offset of 100 s, and no more delay than without it.
func TestOffset(t *testing.T) {
	out := run(t, `
local r = ntplib.serve({"127.0.0.1", 0}, {offset = 100, stratum = 1, ref_id = 0x4c4f434c})
local response = ntplib.NTPClient():request("127.0.0.1", 2, r.server_address[2], 2)
print(math.abs(response.offset - 100) < 0.5, math.abs(response.delay) < 0.5, response.version)
print(ntplib.ref_id_to_text(response.ref_id, response.stratum))
r:stop()
`)
	if want := "true\ttrue\t2\nuncalibrated local clock\n"; out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// TestTimeout asks a UDP socket that never answers.
func TestTimeout(t *testing.T) {
	out := run(t, `
local silent = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
silent:bind({"127.0.0.1", 0})
local t0 = time.monotonic()
local ok, e = pcall(function()
  return ntplib.NTPClient():request("127.0.0.1", 2, silent:getsockname()[2], 0.2)
end)
local waited = time.monotonic() - t0
print(ok, e, isinstance(e, ntplib.NTPException), isinstance(e, Exception))
print(waited >= 0.19, waited < 3)
silent:close()
print(ntplib.NTPException, ntplib.NTPRolloverException)
`)
	want := "false\tNo response received from 127.0.0.1.\ttrue\ttrue\n" +
		"true\ttrue\n" +
		"<class 'ntplib.NTPException'>\t<class 'ntplib.NTPRolloverException'>\n"
	if out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// TestTutorialRawSNTP is tutorial 004's print_time.py without ntplib: a
// 48-byte request '\x1b' + 47 * '\0', and struct.unpack('!12I', data)[10]
// is the transmit time (index 11 in Lua).
func TestTutorialRawSNTP(t *testing.T) {
	out := run(t, `
local r = ntplib.serve({"127.0.0.1", 0})
local TIME1970 = 2208988800
local client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
client:settimeout(5)
local data = "\27" .. string.rep("\0", 47)
client:sendto(data, {"127.0.0.1", r.server_address[2]})
local data, address = client:recvfrom(1024)
if data then
  print("Response received from:", tostring(address) == tostring(r.server_address))
end
local t = struct.unpack("!12I", data)[11]
t = t - TIME1970
print(#data, math.abs(t - time.time()) <= 1)
-- the first word: leap 0, version 3, mode 4 (server), stratum 2
print(string.format("%08x", struct.unpack("!12I", data)[1]):sub(1, 4))
-- packets that are not client requests get no answer
client:settimeout(0.2)
client:sendto("\36" .. string.rep("\0", 47), {"127.0.0.1", r.server_address[2]})
client:sendto("short", {"127.0.0.1", r.server_address[2]})
print(pcall(client.recvfrom, client, 1024))
client:close()
r:stop()
`)
	want := "Response received from:\ttrue\n" +
		"48\ttrue\n" +
		"1c02\n" +
		"false\ttimed out\n"
	if out != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

// TestConversions checks values written down from ntplib 0.4.0 under
// CPython 3.11.
func TestConversions(t *testing.T) {
	out := run(t, `
print(ntplib.NTP.NTP_DELTA, ntplib.system_to_ntp_time(0), ntplib.ntp_to_system_time(3913056000))
print(repr(ntplib.system_to_ntp_time(1700000000.5)))
print(pcall(ntplib.system_to_ntp_time, 2^32))
print(pcall(ntplib.system_to_ntp_time, 2085978496.25))
print(ntplib.leap_to_text(0), ntplib.leap_to_text(3))
print(ntplib.mode_to_text(3), ntplib.mode_to_text(7))
print(ntplib.stratum_to_text(0), ntplib.stratum_to_text(1), ntplib.stratum_to_text(15), ntplib.stratum_to_text(16))
print(ntplib.ref_id_to_text(0x47505300, 1), ntplib.ref_id_to_text(0x41424344, 0), ntplib.ref_id_to_text(3232235777))
for _, call in ipairs({
  function() return ntplib.leap_to_text(4) end,
  function() return ntplib.mode_to_text(8) end,
  function() return ntplib.stratum_to_text(17) end,
  function() return ntplib.ref_id_to_text(1, 255) end,
}) do
  local ok, e = pcall(call)
  print(ok, e, isinstance(e, ntplib.NTPException))
end
print(pcall(ntplib.ntp_to_system_time, "x"))
print(pcall(ntplib.NTPClient, 1))
print(pcall(ntplib.NTPClient.request, {}, "127.0.0.1"))
`)
	want := "2208988800\t2208988800\t1704067200\n" +
		"3908988800.5\n" +
		"false\tTimestamp 4294967296 is beyond NTPv3 rollover\n" +
		"false\tTimestamp 2085978496.25 is beyond NTPv3 rollover\n" +
		"no warning\tunknown (clock unsynchronized)\n" +
		"client\treserved for private use\n" +
		"unspecified or invalid (0)\tprimary reference (1)\tsecondary reference (15)\tunsynchronized (16)\n" +
		"Global Position System\tUnidentified reference source 'ABCD'\t192.168.1.1\n" +
		"false\tInvalid leap indicator.\ttrue\n" +
		"false\tInvalid mode.\ttrue\n" +
		"false\tInvalid stratum or reserved.\ttrue\n" +
		"false\tInvalid stratum.\ttrue\n" +
		"false\tntp_to_system_time() argument 'timestamp' must be a number, not str\n" +
		"false\tNTPClient() takes no arguments\n" +
		"false\tdescriptor 'request' for 'ntplib.NTPClient' objects doesn't apply to a 'table' object (call it as obj:request(...), with a colon)\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

func TestHelpEntries(t *testing.T) {
	rt := interptest.New(t, modules...)
	for _, f := range ntplib.Module.Funcs {
		if d := rt.EntryNamed("ntplib." + f.Name); d == nil {
			t.Errorf("no help for ntplib.%s", f.Name)
		} else if d.Sig == "" || d.Doc == "" || d.Py == "" {
			t.Errorf("%s: missing Sig, Doc or Py", f.Name)
		}
	}
	if err := rt.RunString(`request = ntplib.NTPClient().request`, "test"); err != nil {
		t.Fatal(err)
	}
	if d := rt.EntryOf(rt.L.GetGlobal("request")); d == nil || d.Qualified != "ntplib.NTPClient.request" {
		t.Errorf("EntryOf(request) = %+v", d)
	}
}

// TestKeywords: request, ref_id_to_text and serve take their keyword
// arguments in a last table, and refuse an unknown one, a doubled one or
// too many arguments with the TypeErrors CPython gives for ntplib 0.4's
// signatures (request(self, host, version=2, port='ntp', timeout=5,
// address_family=socket.AF_UNSPEC), ref_id_to_text(ref_id, stratum=2);
// serve's keywords are keyword-only), run in python3 with the same calls.
func TestKeywords(t *testing.T) {
	out := run(t, `
local function try(f, ...)
  local ok, e = pcall(f, ...)
  print(ok and "ok" or tostring(e))
end
local r = ntplib.serve({"127.0.0.1", 0}, {stratum = 4, offset = 100})
local c = ntplib.NTPClient()
local response = c:request("127.0.0.1", {port = r.server_address[2], version = 4, timeout = 2})
print(response.stratum, response.version, response.offset > 50)
print(ntplib.ref_id_to_text(0x7f000001, {stratum = 3}), ntplib.ref_id_to_text(0x4c4f434c, {stratum = 1}))
try(c.request, c, "127.0.0.1", {prot = 1})
try(c.request, c, "127.0.0.1", 3, {version = 1})
try(c.request, c, "127.0.0.1", 1, 2, 3, 4, 5)
try(ntplib.ref_id_to_text, 1, {bogus = 1})
try(ntplib.serve, {"127.0.0.1", 0}, {x = 1})
try(ntplib.serve, {"127.0.0.1", 0}, 2)
r:stop()
`)
	want := "4\t4\ttrue\n" +
		"127.0.0.1\tuncalibrated local clock\n" +
		"NTPClient.request() got an unexpected keyword argument 'prot'\n" +
		"NTPClient.request() got multiple values for argument 'version'\n" +
		"NTPClient.request() takes from 2 to 6 positional arguments but 7 were given\n" +
		"ref_id_to_text() got an unexpected keyword argument 'bogus'\n" +
		"serve() got an unexpected keyword argument 'x'\n" +
		"serve() takes 1 positional argument but 2 were given\n"
	if out != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}
