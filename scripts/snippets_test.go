package scripts

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// A snippet is a few lines of tutorial code in Python and its netlua port,
// written line for line the way a learner ports them.
type snippet struct {
	name, python, lua string
}

var snippets = []snippet{
	{"format an address and an error with %s",
		`import socket
srv = socket.socket()
srv.bind(('127.0.0.1', 0))
addr = srv.getsockname()
print("Connected by %s" % (addr,))
try:
    socket.socket().connect(('127.0.0.1', 1))
except OSError as e:
    print("error: %s" % e)
    print("errno %s: %s" % (e.errno, e.strerror))
`, `local srv = socket.socket()
srv:bind({"127.0.0.1", 0})
local addr = srv:getsockname()
print(("Connected by %s"):format(addr))
local ok, e = pcall(function() socket.socket():connect({"127.0.0.1", 1}) end)
print(("error: %s"):format(e))
print(("errno %s: %s"):format(e.errno, e.strerror))
`},
	{"a socket and its type",
		`import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
print(s)
s.bind(('127.0.0.1', 0))
print("%s" % s)
s.close()
print(s)
`, `local s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
print(s)
s:bind({"127.0.0.1", 0})
print(("%s"):format(s))
s:close()
print(s)
`},
	{"inet_aton, hexlify and byte order",
		`import socket
from binascii import hexlify
packed = socket.inet_aton('127.0.0.1')
print(hexlify(packed), socket.inet_ntoa(packed))
print("Long host byte order: %s, Network byte order:%s" % (socket.ntohl(1234), socket.htonl(1234)))
print("Short host byte order: %s, Network byte order:%s" % (socket.ntohs(1234), socket.htons(1234)))
print(socket.getservbyport(80, 'tcp'), socket.getservbyname('http', 'tcp'))
`, `local packed = socket.inet_aton("127.0.0.1")
print(bytes_repr(binascii.hexlify(packed)) .. " " .. socket.inet_ntoa(packed))
print(("Long host byte order: %s, Network byte order:%s"):format(socket.ntohl(1234), socket.htonl(1234)))
print(("Short host byte order: %s, Network byte order:%s"):format(socket.ntohs(1234), socket.htons(1234)))
print(socket.getservbyport(80, "tcp") .. " " .. socket.getservbyname("http", "tcp"))
`},
	{"TypeErrors name Python's types",
		`import socket
for f in (lambda: socket.htons("1"), lambda: socket.htonl("1"), lambda: socket.htons(1.5)):
    try:
        f()
    except TypeError as e:
        print("%s: %s" % (type(e).__name__, e))
`, `for _, f in ipairs({function() socket.htons("1") end, function() socket.htonl("1") end,
    function() socket.htons(1.5) end}) do
  local ok, e = pcall(f)
  -- netlua names the function where CPython does not (README.md).
  print(("%s: %s"):format(e.__name, (tostring(e):gsub("^%w+%(%): ", ""))))
end
`},
	{"encoded text as Python prints bytes",
		`data = "测试数据".encode("gbk")
print(data)
print(data.decode("gbk"))
print(repr({1: 'Client', 2: 'Server'}))
`, `local data = ("测试数据"):encode("gbk")
print(bytes_repr(data))
print(data:decode("gbk"))
print(repr(pickle.dict{[1] = "Client", [2] = "Server"}))

`},
	{"timeouts",
		`import socket
s = socket.socket()
print("Default socket timeout: %s" % s.gettimeout())
s.settimeout(2.5)
print("Current socket timeout: %s" % s.gettimeout())
s.setblocking(False)
print(s.getblocking())
`, `local s = socket.socket()
print(("Default socket timeout: %s"):format(repr(s:gettimeout())))
s:settimeout(2.5)
print(("Current socket timeout: %s"):format(s:gettimeout()))
s:setblocking(false)
print(repr(s:getblocking()))
`},
	{"a thread's repr through its life",
		`import threading
e = threading.Event()
t = threading.Thread(target=e.wait, name="worker", daemon=True)
print(t)
t.start()
print(t)
e.set()
t.join()
print(t)
`, `local e = threading.Event()
local t = threading.Thread{target = function() e:wait() end, name = "worker", daemon = true}
print(t)
t:start()
print(t)
e:set()
t:join()
print(t)
`},
	{"struct and a length header",
		`import struct
header = struct.pack('!I', 25)
print(header, struct.unpack('!I', header)[0])
print(f"{len(b'hello'):<10}".encode())
`, `local header = struct.pack("!I", 25)
print(bytes_repr(header) .. " " .. struct.unpack("!I", header)[1])
print(bytes_repr(("%-10d"):format(#"hello")))
`},
}

// TestSnippetsPrintAsPython runs each snippet in python3 and in netlua and
// compares what they print (descriptor numbers and thread idents masked:
// they are the process's own).
func TestSnippetsPrintAsPython(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3: not installed")
	}
	mask := regexp.MustCompile(`fd=\d+|\b1[34]\d{12,}\b|'127\.0\.0\.1', \d+`)
	dir := t.TempDir()
	for _, sn := range snippets {
		py := filepath.Join(dir, "snippet.py")
		lua := filepath.Join(dir, "snippet.lua")
		os.WriteFile(py, []byte(sn.python), 0o644)
		os.WriteFile(lua, []byte(sn.lua), 0o644)
		want, err := exec.Command(python, py).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: python3: %v\n%s", sn.name, err, want)
		}
		got, err := exec.Command(netlua, "-l", "socket", "-l", "threading", "-l", "struct", "-l", "binascii", "-l", "pickle", lua).CombinedOutput()
		if err != nil {
			t.Errorf("%s: netlua: %v\n%s", sn.name, err, got)
			continue
		}
		w, g := mask.ReplaceAllString(string(want), "{n}"), mask.ReplaceAllString(string(got), "{n}")
		if w != g {
			t.Errorf("%s:\nnetlua:\n%s\npython3:\n%s", sn.name, g, w)
		}
	}
}
