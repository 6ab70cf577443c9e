-- Wrong: lets json.loads' error end the connection: the client's next
-- lines get no answer (requirement 3).
-- expect: requirement 3 / 要求 3
local socket = require("socket")
local threading = require("threading")
local queue = require("queue")
local json = require("json")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "A JSON line server"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9999})
local args = parser:parse_args()

local function answer(line)
  local msg = json.loads(line)
  local sum = 0
  for _, n in ipairs(msg.numbers) do
    sum = sum + n
  end
  return {id = msg.id, sum = sum}
end

local function handle(conn)
  local buffer = ""
  while true do
    local data = conn:recv(4096)
    if data == "" then
      break -- the client shut down its side
    end
    buffer = buffer .. data
    while true do
      local nl = buffer:find("\n", 1, true)
      if not nl then
        break
      end
      local line = buffer:sub(1, nl - 1)
      buffer = buffer:sub(nl + 1)
      conn:sendall(json.dumps(answer(line)) .. "\n")
    end
  end
  conn:close()
end

local jobs = queue.Queue()
for _ = 1, 8 do
  threading.Thread{target = function()
    while true do
      local conn = jobs:get()
      pcall(handle, conn)
      jobs:task_done()
    end
  end, daemon = true}:start()
end

local server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server:bind({args.host, args.port})
server:listen(16)
while true do
  local conn = server:accept()
  jobs:put(conn)
end
