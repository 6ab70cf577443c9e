-- Tutorial 5 (004) in docs/tutorials.md, 二,检索远程机器的 IP 地址. The tutorial's
-- error branch prints an undefined name, remote_host; it means host_name.
-- Without internet, www.python.org does not resolve and the error branch runs.
local socket = require("socket")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Look up a remote host's IP address"}
parser:add_argument("--host", {default = "www.python.org"})
local args = parser:parse_args()

local function get_remote_machine_info(host_name)
  local ok, err_msg = pcall(function()
    print(("IP address of %s: %s"):format(host_name, socket.gethostbyname(host_name)))
  end)
  if not ok then
    if isinstance(err_msg, socket.error) then
      print(("%s: %s"):format(host_name, tostring(err_msg)))
    else
      error(err_msg, 0)
    end
  end
end

get_remote_machine_info(args.host)
