-- Beyond the tutorials (docs/tutorials.md lists them): a server that hands each accepted connection to a
-- pool of worker threads through a queue.Queue, the way the tutorials'
-- thread-per-connection server grows up. A client sends JSON messages, one
-- per line, each with the sha256 of its text; a worker checks the sum and
-- answers one JSON line per message. Runs until Ctrl-C.
-- The same program in Python: testdata/python/pool_server.py.
-- Client: json_client.lua.
local socket = require("socket")
local threading = require("threading")
local queue = require("queue")
local json = require("json")
local hashlib = require("hashlib")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "JSON-lines server with a pool of worker threads"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9500})
parser:add_argument("--workers", {type = "int", default = 4})
local args = parser:parse_args()

-- answer turns one line into the reply table. Keys are written in the
-- order the table constructor lists them, as Python's dict keeps them.
local function answer(line)
  local ok, msg = pcall(json.loads, line)
  if not ok then
    if not isinstance(msg, json.JSONDecodeError) then error(msg, 0) end
    print("bad message: " .. tostring(msg))
    return {ok = false, error = tostring(msg)}
  end
  local good = hashlib.sha256(msg.text):hexdigest() == msg.sha256
  print(("#%d %s, %d bytes"):format(msg.seq, good and "checksum ok" or "checksum mismatch", #msg.text))
  return {seq = msg.seq, ok = good, bytes = #msg.text}
end

-- handle serves one connection: received data is cut into lines, since
-- TCP may deliver a message in pieces or several at once.
local function handle(conn, addr)
  print(("Connection from %s:%d"):format(addr[1], addr[2]))
  local buffer = ""
  while true do
    local data = conn:recv(4096)
    if data == "" then break end
    buffer = buffer .. data
    while true do
      local nl = buffer:find("\n", 1, true)
      if not nl then break end
      local line = buffer:sub(1, nl - 1)
      buffer = buffer:sub(nl + 1)
      conn:sendall(json.dumps(answer(line)) .. "\n")
    end
  end
  conn:close()
  print(("Connection from %s:%d closed"):format(addr[1], addr[2]))
end

local jobs = queue.Queue()

-- Each worker takes connections from the queue forever. Workers are
-- daemon threads: they end with the program.
local function worker()
  while true do
    local job = jobs:get()
    local ok, e = pcall(handle, job[1], job[2])
    if not ok then print("worker error: " .. tostring(e)) end
    jobs:task_done()
  end
end

for _ = 1, args.workers do
  threading.Thread{target = worker, daemon = true}:start()
end

local s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s:bind({args.host, args.port})
s:listen(5)
print(("Serving on %s:%d with %d workers"):format(args.host, args.port, args.workers))
local ok, e = pcall(function()
  while true do
    local conn, addr = s:accept()
    jobs:put({conn, addr})
  end
end)
if not ok and not isinstance(e, KeyboardInterrupt) then error(e, 0) end
s:close()
print("Server stopped")
