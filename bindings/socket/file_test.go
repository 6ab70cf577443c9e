package socket_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMakefile follows the tutorial's makefile example: a server reads with
// read(n) and readline, writes a reply and flushes; the client reads lines.
func TestMakefile(t *testing.T) {
	got := run(t, server+`
go(function()
  local conn = srv:accept()
  local f = conn:makefile("rw")
  local first = f:read(10)
  local line = f:readline()
  f:write("Return your msg:" .. first .. "\n")
  f:write("second line\nthird")
  f:flush()
  f:close()
  conn:close()
  served = {first, line}
end)
local c = socket.create_connection({"127.0.0.1", port})
c:sendall("0123456789rest of line\n")
local f = c:makefile("r")
print(tostring(f):match("mode='r'") ~= nil)
for line in f:lines() do print(line) end
print(f:read() == "", f:readline() == "")
f:close()
print(pcall(f.read, f))
f:close()
join()
print(served[1], served[2])
`)
	expect(t, got,
		"true",
		"Return your msg:0123456789",
		"second line",
		"third",
		"true\ttrue",
		"false\tread(): I/O operation on closed file.",
		"0123456789\trest of line\n",
	)
}

// TestMakefileKeepsSocketOpen: as in CPython, closing the socket while a
// makefile object uses it only marks it closed; the descriptor closes with
// the file.
func TestMakefileKeepsSocketOpen(t *testing.T) {
	got := run(t, `
local a, b = socket.socketpair()
local f = b:makefile("rb")
b:close()
print((tostring(b):gsub("fd=%d+", "fd=N")))
a:sendall("still works\n")
print(f:readline())
f:close()
print(tostring(b))
print(select(2, pcall(f.write, f, "x")))
local w = a:makefile("w")
print(select(2, pcall(w.read, w)))
`)
	expect(t, got,
		"<socket.socket [closed] fd=N, family="+pf+", type=1, proto=0>",
		"still works\n",
		"<socket.socket [closed] fd=-1, family="+pf+", type=1, proto=0>",
		"write(): I/O operation on closed file.",
		"not readable",
	)
}

// TestSendfile sends a file opened with io.open, whole and in part.
func TestSendfile(t *testing.T) {
	path := filepath.Join(tempDir(t), "data.bin")
	content := strings.Repeat("0123456789", 20000) // 200000 bytes
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	got := run(t, `
local path = "`+strings.ReplaceAll(path, `\`, `\\`)+`"
local a, b = socket.socketpair()
go(function()
  local n = 0
  while n < 200000 + 5 do
    local d = b:recv(65536)
    if d == "" then break end
    n = n + #d
    last = d:sub(-5)
  end
  total = n
end)
local f = io.open(path, "rb")
print(a:sendfile(f))
f:close()
f = io.open(path, "rb")
print(a:sendfile(f, 3, 5))
print(f:read(2))
join()
print(total, last)
print(select(2, pcall(a.sendfile, a, io.open(path, "rb"), 0, 0)))
print(select(2, pcall(socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendfile, socket.socket(socket.AF_INET, socket.SOCK_DGRAM), f)))
local nb = socket.socket() nb:setblocking(false)
print(select(2, pcall(nb.sendfile, nb, f)))
print(select(2, pcall(a.sendfile, a, 42)))
`)
	expect(t, got,
		"200000",
		"5",
		"89",
		"200005\t34567",
		"sendfile(): count must be a positive integer (got 0)",
		"sendfile(): only SOCK_STREAM type sockets are supported",
		"sendfile(): non-blocking sockets are not supported",
		"sendfile() argument 'file' must be a file from io.open (with :read), not int",
	)
}
