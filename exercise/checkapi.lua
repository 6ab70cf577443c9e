-- The Lua half of the checker API (see exercise/README.md). The Go half gives
-- check.start/running/wait/output/sleep/clock; everything here is built on
-- the socket module, the way a checker author would write it by hand.
local check = ...
local socket = require("socket")

-- fail raises a marked table: the runner tells a failed check apart from a
-- bug in the checker by the mark.
function check.fail(message, hint)
  error({check_failure = true, message = message, hint = hint}, 0)
end

function check.show(data)
  if #data > 60 then
    return repr(data:sub(1, 60)) .. ("... (%d bytes)"):format(#data)
  end
  return repr(data)
end

-- exit_note says how the script ended, for messages about a script that died.
local function exit_note(code)
  local out = check.output()
  if out == "" then
    return ("the script exited with status %d and printed nothing"):format(code)
  end
  return ("the script exited with status %d; its output ends with:\n%s"):format(code, out:sub(-600))
end

function check.start_server(extra_args)
  local args = {"--host", check.host, "--port", tostring(check.port)}
  for _, a in ipairs(extra_args or {}) do
    args[#args + 1] = a
  end
  check.start(args)
end

function check.connect(timeout)
  local deadline = check.clock() + (timeout or 5)
  while true do
    local s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s:settimeout(3)
    local ok = pcall(s.connect, s, {check.host, check.port})
    if ok then
      s:setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
      return s
    end
    s:close()
    local code = check.wait(0)
    if code then
      check.fail(("the checker tried to connect to %s:%d, but %s"):format(check.host, check.port, exit_note(code)), "listen")
    end
    if check.clock() > deadline then
      check.fail(("the checker tried to connect to %s:%d for %g s, but nothing accepted: does the script bind to the --host and --port it is given, and listen?"):format(check.host, check.port, timeout or 5), "listen")
    end
    check.sleep(0.05)
  end
end

-- send_in_pieces does not raise when the script closes early: the checker
-- goes on to read what came back, which is what the failure message is about.
function check.send_in_pieces(sock, data, piece_size, delay)
  for i = 1, #data, piece_size do
    if not pcall(sock.sendall, sock, data:sub(i, i + piece_size - 1)) then
      return i - 1, "reset"
    end
    if i + piece_size <= #data then
      check.sleep(delay)
    end
  end
  return #data, "ok"
end

-- receive is one recv that reports what happened instead of raising.
local function receive(sock, n, deadline)
  local left = deadline - check.clock()
  if left <= 0 then
    return nil, "timeout"
  end
  sock:settimeout(left)
  local ok, data = pcall(sock.recv, sock, n)
  if ok then
    if data == "" then
      return nil, "closed"
    end
    return data
  end
  if isinstance(data, socket.timeout) then
    return nil, "timeout"
  end
  return nil, "reset"
end

function check.expect_recv(sock, n, timeout)
  local deadline = check.clock() + (timeout or 3)
  local got = {}
  local have = 0
  while have < n do
    local data, why = receive(sock, n - have, deadline)
    if not data then
      return table.concat(got), why
    end
    got[#got + 1] = data
    have = have + #data
  end
  return table.concat(got), "ok"
end

function check.recv_until_close(sock, timeout)
  local deadline = check.clock() + (timeout or 3)
  local got = {}
  while true do
    local data, why = receive(sock, 65536, deadline)
    if not data then
      return table.concat(got), why
    end
    got[#got + 1] = data
  end
end

function check.listen(kind)
  local s
  if kind == "udp" then
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s:bind({check.host, 0})
  else
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s:setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s:bind({check.host, 0})
    s:listen(128)
  end
  s:settimeout(5)
  check.port = s:getsockname()[2]
  return s
end

function check.run_client(handler, extra_args)
  local server = check.listen()
  check.start_server(extra_args)
  local deadline = check.clock() + 5
  local conn
  while not conn do
    server:settimeout(0.1)
    local ok, c = pcall(server.accept, server)
    if ok then
      conn = c
    else
      local code = check.wait(0)
      if code then
        check.fail(("the checker listened on %s:%d, but %s"):format(check.host, check.port, exit_note(code)), "connect")
      end
      if check.clock() > deadline then
        check.fail(("the checker listened on %s:%d for 5 s and the script never connected: does it connect to the --host and --port it is given?"):format(check.host, check.port), "connect")
      end
    end
  end
  conn:settimeout(3)
  conn:setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
  handler(conn)
  conn:close()
  server:close()
end

function check.finish(timeout)
  local code = check.wait(timeout or 5)
  if not code then
    check.fail(("the script was still running %g s after the checker was done with it: it should end by itself"):format(timeout or 5), "exit")
  end
  if code ~= 0 then
    check.fail(exit_note(code), "error")
  end
  return check.output()
end

function check.expect_output(text, what, hint)
  local out = check.output()
  if not out:find(text, 1, true) then
    local shown = out == "" and "nothing" or ("this:\n" .. out:sub(-600))
    check.fail(("the script should print %s (%s), but it printed %s"):format(what, text, shown), hint)
  end
end
