-- Tutorial 5 (004) in docs/tutorials.md, 十, the SNTP version of print_time.py:
-- send a 48-byte mode-3 request, unpack the answer with struct.unpack('!12I')
-- and print the transmit time. Python's index [10] is Lua's [11].
local socket = require("socket")
local struct = require("struct")
local time = require("time")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Print the time from an SNTP server"}
parser:add_argument("--host", {default = "cn.pool.ntp.org"})
parser:add_argument("--port", {type = "int", default = 123})
local args = parser:parse_args()

local NTP_SERVER = args.host
local TIME1970 = 2208988800

local function print_time()
  local client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM) -- 创建套接字对象
  local data = "\27" .. ("\0"):rep(47)
  client:sendto(data:encode("utf-8"), {NTP_SERVER, args.port}) -- 发送数据
  local data, address = client:recvfrom(1024) -- 获取时间服务器的响应
  if data ~= "" then
    -- Python's print(a, b) separates with a space, Lua's with a tab.
    print("Response received from: " .. tostring(address))
  end
  local t = struct.unpack("!12I", data)[11] -- 解包数据
  t = t - TIME1970
  print(("\tTime=%s"):format(time.ctime(t)))
end

print_time()
