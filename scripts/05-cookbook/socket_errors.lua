-- Tutorial 5 (004) in docs/tutorials.md, 七,使用套接字并优雅地处理错误:
-- socket_errors.py --host --port --file. Each of the four try/except blocks
-- is a pcall; `except socket.gaierror` / `except socket.error` become
-- isinstance tests, most specific first, as Python's except clauses are.
local socket = require("socket")
local argparse = require("argparse")

local function main()
  -- setup argument parsing
  local parser = argparse.ArgumentParser{description = "Socket Error Examples"} -- 1,创建 ArgumentParser 对象
  parser:add_argument("--host", {action = "store", dest = "host", required = false}) -- 2,调用 add_argument() 方法传递命令行参数
  parser:add_argument("--port", {action = "store", dest = "port", type = "int", required = false})
  parser:add_argument("--file", {action = "store", dest = "file", required = false})
  local given_args = parser:parse_args() -- 3,调用parse_args() 方法来解析参数
  local host = given_args.host
  local port = given_args.port
  local filename = given_args.file

  -- First try-except block -- create socket
  local ok, s = pcall(socket.socket, socket.AF_INET, socket.SOCK_STREAM) -- 1,创建套接字对象
  if not ok then
    if not isinstance(s, socket.error) then error(s, 0) end
    print(("Error creating socket: %s"):format(tostring(s)))
    exit(1)
  end

  -- Second try-except block -- connect to given host/port
  local ok, e = pcall(function() s:connect({host, port}) end) -- 2,连接套接字,创建管道
  if not ok then
    if isinstance(e, socket.gaierror) then -- 表示与地址相关的错误。
      print(("Address-related error connecting to server: %s"):format(tostring(e)))
      exit(1)
    elseif isinstance(e, socket.error) then
      print(("Connection error: %s"):format(tostring(e)))
      exit(1)
    end
    error(e, 0)
  end

  -- Third try-except block -- sending data
  ok, e = pcall(function()
    local msg = ("GET %s HTTP/1.0\r\n\r\n"):format(tostring(filename))
    s:sendall(msg:encode("utf-8")) -- 3,向管道中送入数据
  end)
  if not ok then
    if not isinstance(e, socket.error) then error(e, 0) end
    print(("Error sending data: %s"):format(tostring(e)))
    exit(1)
  end

  while true do
    -- Fourth tr-except block -- waiting to receive data from remote host
    local ok, buf = pcall(s.recv, s, 2048) -- 4,接收管道中的数据
    if not ok then
      if not isinstance(buf, socket.error) then error(buf, 0) end
      print(("Error receiving data: %s"):format(tostring(buf)))
      exit(1)
    end
    if #buf == 0 then
      break
    end
    -- write the received data
    io.write(buf:decode("utf-8"))
  end
end

main()
