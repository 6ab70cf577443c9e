-- Checker for the JSON line server. The checker is the client: requests
-- whose ids and numbers differ every run, several in one write, one in
-- 3-byte pieces with a pause; malformed lines (not JSON, an empty line, a
-- trailing comma, an unclosed array, extra data) mixed with good ones in
-- one write; then a second client while the first one sits silent.
local check = require("check")
local socket = require("socket")
local json = require("json")

check.start_server()
check.step("listens on the given address only")
local sock = check.connect()
check.expect_bound_to_host(1)

-- read_lines reads until k lines have come (without their "\n"), the
-- connection closes, or timeout seconds pass; it says which.
local function read_lines(s, k, timeout)
  local deadline = check.clock() + timeout
  local buffer, lines = "", {}
  while #lines < k do
    local left = deadline - check.clock()
    if left <= 0 then
      return lines, "silent", buffer
    end
    s:settimeout(left)
    local ok, data = pcall(s.recv, s, 65536)
    if not ok then
      return lines, "silent", buffer
    end
    if data == "" then
      return lines, "closed", buffer
    end
    buffer = buffer .. data
    while #lines < k do
      local nl = buffer:find("\n", 1, true)
      if not nl then break end
      lines[#lines + 1] = buffer:sub(1, nl - 1)
      buffer = buffer:sub(nl + 1)
    end
  end
  return lines, "ok", buffer
end

local last_id = 0
-- request makes one good line and the reply it must get.
local function request()
  last_id = last_id + math.random(1, 50)
  local numbers, sum = json.array(), 0
  for i = 1, math.random(0, 6) do
    local n = math.random(-4000, 4000) / 4
    numbers[i] = n
    sum = sum + n
  end
  return {line = json.dumps({id = last_id, numbers = numbers}), want = {id = last_id, sum = sum}}
end

-- malformed makes a bad line and the error reply it must get: the text of
-- json.loads' error, which CPython's json gives too.
local function malformed(line)
  local ok, e = pcall(json.loads, line)
  assert(not ok, "the checker's malformed line parsed: " .. line)
  return {line = line, want = {error = tostring(e)}}
end

local function describe(want)
  return want.error and ('{"error": %s}'):format(json.dumps(want.error)) or json.dumps({id = want.id, sum = want.sum})
end

-- expect sends items (a function does the sending) and checks one reply
-- line per item, in order.
local function expect(s, items, how, how_zh, send, req, hint)
  send()
  local lines, why = read_lines(s, #items, 3)
  for i, item in ipairs(items) do
    local got = lines[i]
    local problem
    if not got then
      problem = why == "closed" and "closed the connection" or "sent nothing more for 3 s"
    else
      local ok, reply = pcall(json.loads, got)
      if not ok or type(reply) ~= "table" then
        problem = ("answered %s, which is not a JSON object"):format(check.show(got))
      elseif item.want.error then
        if reply.error ~= item.want.error then
          problem = ("answered %s"):format(check.show(got))
        end
      elseif reply.id ~= item.want.id or reply.sum ~= item.want.sum then
        problem = ("answered %s"):format(check.show(got))
      end
    end
    if problem then
      check.fail{req = req, hint = hint,
        en = ("The checker sent %s. To line %d, %s, the script %s; it should answer %s."):format(how, i, check.show(item.line), problem, describe(item.want)),
        zh = ("检查程序发送了%s。对第 %d 行 %s,脚本%s;应该回答 %s。"):format(how_zh, i, check.show(item.line),
          not got and (why == "closed" and "关闭了连接" or "3 秒内没有再发送") or ("回答了 " .. check.show(got)), describe(item.want))}
    end
  end
end

local function joined(items)
  local t = {}
  for i, item in ipairs(items) do t[i] = item.line .. "\n" end
  return table.concat(t)
end

check.step("answers lines that came in one segment")
local batch = {request(), request(), request(), request()}
expect(sock, batch, "4 JSON lines in one write", "一次写入的 4 行 JSON", function() sock:sendall(joined(batch)) end, 2, "lines")

check.step("answers a line that came in pieces, with a pause")
local piece = {request()}
expect(sock, piece, "one JSON line in 3-byte pieces, with a pause of 1.5 s in the middle",
  "分成 3 字节小块的一行 JSON,中间停顿 1.5 秒", function()
  local data = joined(piece)
  local half = math.floor(#data / 2)
  check.send_in_pieces(sock, data:sub(1, half), 3, 0.02)
  check.sleep(1.5)
  check.send_in_pieces(sock, data:sub(half + 1), 3, 0.02)
end, 2, "lines")

check.step("answers malformed lines with json.loads' error, and goes on")
local good = request()
local mixed = {request(), malformed("{not json}"), malformed(""), good,
  malformed(('{"id": %d, "numbers": [1,]}'):format(math.random(1, 99))),
  malformed("[" .. math.random(1, 99) .. ", 2"), malformed(good.line .. " x"), request()}
expect(sock, mixed, "good and malformed lines mixed, in one write", "一次写入的、混在一起的正确行和错误行", function() sock:sendall(joined(mixed)) end, 3, "json")

check.step("serves a second client while the first sits silent")
local second = check.connect()
local other = {request()}
expect(second, other, "a JSON line from a second client, while the first client stayed connected and silent",
  "第二个客户端的一行 JSON(第一个客户端仍然连着,但什么都不发)",
  function() second:sendall(joined(other)) end, 4, "threads")

check.step("closes when the client shuts down its side")
for i, s in ipairs({second, sock}) do
  s:shutdown(socket.SHUT_WR)
  check.expect_close(s, 3, {req = 5, hint = "close",
    en = ("Client %d shut down its sending side, so recv returned \"\"."):format(3 - i),
    zh = ("第 %d 个客户端关闭了发送方向,所以 recv 返回了 \"\"。"):format(3 - i)})
  s:close()
end
