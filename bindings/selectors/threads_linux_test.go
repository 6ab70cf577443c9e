package selectors

import (
	"strconv"
	"strings"
	"testing"

	"netlua/bindings/socket"
	"netlua/bindings/threading"
	nltime "netlua/bindings/time"
	"netlua/interp/interptest"
)

// TestManyThreadsInSelect: 3000 threads blocked in select.select at once
// hold no OS thread each (issue 15, item 1): the wait goes through Go's
// poller, as a socket's does. Before, each held an OS thread in poll(2), and
// 10,500 of them ended the process with "fatal error: thread exhaustion".
// The count is read from /proc/self/status while all of them wait; then one
// byte wakes them all.
func TestManyThreadsInSelect(t *testing.T) {
	const n = 3000
	out := interptest.Run(t, `
local a, b = socket.socketpair()
local waiting, woken = 0, 0
local lock = threading.Lock()
local threads = {}
for i = 1, `+strconv.Itoa(n)+` do
  local th = threading.Thread{target = function()
    lock:acquire() waiting = waiting + 1 lock:release()
    local r = select.select({a}, {}, {}, 60)
    if #r == 1 then lock:acquire() woken = woken + 1 lock:release() end
  end}
  th:start()
  threads[i] = th
end
while waiting < `+strconv.Itoa(n)+` do time.sleep(0.01) end
time.sleep(0.3) -- let the last ones reach their wait
local f = io.open("/proc/self/status")
local status = f:read("*a")
f:close()
print("threads", status:match("Threads:%s*(%d+)"))
b:send("x")
for _, th in ipairs(threads) do th:join() end
print("woken", woken)
`, SelectModule, socket.Module, threading.Module, nltime.Module)
	var osThreads int
	for _, line := range interptest.Lines(out) {
		if v, ok := strings.CutPrefix(line, "threads\t"); ok {
			osThreads, _ = strconv.Atoi(v)
		}
	}
	if osThreads == 0 || osThreads > 100 {
		t.Errorf("OS threads while %d Lua threads waited in select.select: %d (want a few dozen at most)\n%s", n, osThreads, out)
	}
	if !strings.Contains(out, "woken\t"+strconv.Itoa(n)+"\n") {
		t.Errorf("not every thread was woken:\n%s", out)
	}
}
