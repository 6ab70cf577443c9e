-- The Lua half of the checker API (see exercise/README.md). The Go half gives
-- check.start/running/wait/output/sleep/clock; everything here is built on
-- the socket module, the way a checker author would write it by hand.
local check = ...
local socket = require("socket")

-- fail raises a marked table: the runner tells a failed check apart from a
-- bug in the checker by the mark. It takes a message and a hint, or a table
-- {req = N, en = "...", zh = "...", hint = "..."}: the message then names
-- requirement N of task.md (check.requirements[N]) and says what happened in
-- English and in Chinese.
function check.fail(message, hint)
  if type(message) == "table" then
    local t, lines = message, {}
    if t.req then
      lines[#lines + 1] = ("requirement %d / 要求 %d: %s"):format(t.req, t.req, check.requirements[t.req] or "(not in task.md)")
    end
    lines[#lines + 1] = t.en
    lines[#lines + 1] = t.zh
    message, hint = table.concat(lines, "\n"), t.hint
  end
  error({check_failure = true, message = message, hint = hint}, 0)
end

-- Random payloads, from the run's seed (math.random is seeded with it), so
-- that every run sends other data and a value copied from one run fails.
local letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

function check.random_word(n)
  local t = {}
  for i = 1, n do
    local k = math.random(#letters)
    t[i] = letters:sub(k, k)
  end
  return table.concat(t)
end

-- random_text is printable text with spaces, tabs and punctuation, which a
-- script must keep exactly.
function check.random_text(n)
  local pool = letters .. "  \t.,;:!?-_()[]'\""
  local t = {}
  for i = 1, n do
    local k = math.random(#pool)
    t[i] = pool:sub(k, k)
  end
  return table.concat(t)
end

function check.random_bytes(n)
  local t = {}
  for i = 1, n do
    t[i] = string.char(math.random(0, 255))
  end
  return table.concat(t)
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

-- expect_close waits for the script to close sock and fails with what
-- (a table for check.fail, its en and zh saying what the checker did) if it
-- is still open after timeout seconds.
function check.expect_close(sock, timeout, what)
  local got, why = check.recv_until_close(sock, timeout or 3)
  if why ~= "closed" and why ~= "reset" then
    what.en = what.en .. (" The script did not close the connection within %g s."):format(timeout or 3)
    what.zh = what.zh .. ("脚本在 %g 秒内没有关闭连接。"):format(timeout or 3)
    check.fail(what)
  end
  return got
end

-- next_client connects the next client, after the script served others;
-- if the script has exited meanwhile, the failure says so, with req.
function check.next_client(req, pause)
  if pause then
    check.sleep(pause)
  end
  local code = check.wait(0)
  if code then
    check.fail{req = req, hint = "loop",
      en = ("After serving the previous client%s, the script exited (status %d) instead of accepting the next one. %s"):format(
        pause and (" and a pause of %g s"):format(pause) or "", code, exit_note(code)),
      zh = ("服务完上一个客户端%s后,脚本退出了(状态 %d),而没有继续接受下一个客户端。"):format(
        pause and ("并等待 %g 秒"):format(pause) or "", code)}
  end
  local ok, sock = pcall(check.connect)
  if ok then
    return sock
  end
  code = check.wait(0.5)
  if code then
    check.fail{req = req, hint = "loop",
      en = ("After serving the previous client, the script exited (status %d) instead of accepting the next one. %s"):format(code, exit_note(code)),
      zh = ("服务完上一个客户端后,脚本退出了(状态 %d),而没有继续接受下一个客户端。"):format(code)}
  end
  error(sock, 0)
end

-- expect_bound_to_host checks that the script listens on the --host it was
-- given only: a client trying another loopback address must not get in.
-- (On systems where check.host is 127.0.0.1 there is no other address to
-- try, and this checks nothing.)
function check.expect_bound_to_host(req, kind)
  if check.host == "127.0.0.1" then
    return
  end
  -- Another loopback address, not 127.0.0.1 where other programs listen.
  local other
  repeat
    other = ("127.%d.%d.%d"):format(math.random(0, 255), math.random(0, 255), math.random(2, 254))
  until other ~= check.host
  local answered
  if kind == "udp" then
    local s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s:bind({other, 0})
    s:sendto("ping", {other, check.port})
    s:settimeout(0.5)
    answered = pcall(s.recvfrom, s, 1024)
    s:close()
  else
    local s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s:settimeout(1)
    answered = pcall(s.connect, s, {other, check.port})
    s:close()
  end
  if answered then
    check.fail{req = req, hint = "listen",
      en = ("The script was given --host %s, but a client that tried %s:%d got an answer too: the script listens on every address (0.0.0.0 or \"\") instead of the one it was given."):format(check.host, other, check.port),
      zh = ("脚本得到的是 --host %s,但连接 %s:%d 的客户端也得到了回应:脚本监听了所有地址(0.0.0.0 或 \"\"),而不是给定的地址。"):format(check.host, other, check.port)}
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
