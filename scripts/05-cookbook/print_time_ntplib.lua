-- Tutorial 5 (004) in docs/tutorials.md, 十,UDP 客户端从互联网时间服务器打印当前时间:
-- print_time.py with ntplib. Without internet the NTP pool does not resolve.
local ntplib = require("ntplib")
local time = require("time")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Print the time from an NTP server"}
parser:add_argument("--host", {default = "0.cn.pool.ntp.org"})
parser:add_argument("--port", {type = "int", default = 123})
local args = parser:parse_args()

local function print_time()
  local ntp_client = ntplib.NTPClient()
  local response = ntp_client:request(args.host, 2, args.port)
  print(time.ctime(response.tx_time))
end

print_time()
