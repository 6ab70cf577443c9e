-- Beyond the tutorials (docs/tutorials.md lists them): the client of pool_server.lua. It sends JSON
-- messages, one per line, each with the sha256 of its text (one with a
-- wrong sum and one line that is not JSON, to show the server's answers),
-- then reads one JSON reply per line.
-- The same program in Python: testdata/python/json_client.py.
local socket = require("socket")
local json = require("json")
local hashlib = require("hashlib")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "JSON-lines client with sha256 checksums"}
parser:add_argument("--host", {default = "127.0.0.1"})
parser:add_argument("--port", {type = "int", default = 9500})
local args = parser:parse_args()

local texts = {"hello", "你好，世界", "checksum me"}
local lines = {}
for i, text in ipairs(texts) do
  local sum = hashlib.sha256(text):hexdigest()
  if i == 3 then sum = hashlib.sha256("something else"):hexdigest() end
  lines[#lines + 1] = json.dumps({seq = i, text = text, sha256 = sum})
end
lines[#lines + 1] = "{not json}"

local s = socket.create_connection({args.host, args.port})
for _, line in ipairs(lines) do
  s:sendall(line .. "\n")
end
print(("Sent %d messages"):format(#lines))

-- Read replies line by line until there is one per message.
local buffer, replies = "", 0
while replies < #lines do
  local data = s:recv(4096)
  if data == "" then break end
  buffer = buffer .. data
  while true do
    local nl = buffer:find("\n", 1, true)
    if not nl then break end
    local reply = json.loads(buffer:sub(1, nl - 1))
    buffer = buffer:sub(nl + 1)
    replies = replies + 1
    if reply.error then
      print("server: bad message: " .. reply.error)
    else
      print(("server: #%d %s, %d bytes"):format(reply.seq, reply.ok and "ok" or "checksum mismatch", reply.bytes))
    end
  end
end
s:close()
