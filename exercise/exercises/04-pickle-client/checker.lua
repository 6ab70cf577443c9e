-- Checker for the pickle client. The checker is the server: it sends the
-- 10-byte header and the pickle in pieces of random sizes with pauses (so
-- even the header is split), keeps the connection open, and changes the
-- text and its length every run; some runs send more than 64 KiB.
local check = require("check")
local pickle = require("pickle")

local big = math.random(2) == 1
local text = "你好, pickle!  " .. check.random_text(math.random(20, 200))
if big then
  text = text .. check.random_word(70000 + math.random(0, 30000))
end
local body = pickle.dumps({text = text, sender = "checker " .. check.random_word(6), seq = math.random(1, 999)})
local header = ("%-10d"):format(#body)
local where = big and (" (%d bytes)"):format(#body) or ""

check.step("receives the header and the pickle")
check.run_client(function(conn)
  -- The header in three pieces with a pause, then the body in pieces.
  conn:sendall(header:sub(1, 3))
  check.sleep(0.3)
  conn:sendall(header:sub(4, 7))
  check.sleep(0.3)
  conn:sendall(header:sub(8))
  check.sleep(0.3)
  local i = 1
  while i <= #body do
    local n = big and math.random(1000, 20000) or math.random(1, 13)
    if not pcall(conn.sendall, conn, body:sub(i, i + n - 1)) then
      break
    end
    i = i + n
    check.sleep(0.01)
  end
  -- Keep the connection open while the script works.
  local code = check.wait(5)
  if code == nil then
    check.fail{req = 3, hint = "recv-exactly",
      en = ("The checker sent the header %s and %d bytes of pickle%s in pieces, and kept the connection open; 5 s later the script still had not finished. Stop receiving when you have the number of bytes the header announced: the server does not close."):format(check.show(header), #body, where),
      zh = ("检查程序发送了头部 %s 和 %d 字节的 pickle 数据(分块发送),并保持连接打开;5 秒后脚本仍未结束。收到头部所说的字节数就应停止接收:服务器不会关闭连接。"):format(check.show(header), #body)}
  end
  if code ~= 0 then
    local out = check.output()
    -- A pickle that starts in the wrong place (an invalid load key, a MARK
    -- not found... any UnpicklingError but truncation) means the header was
    -- not read whole; a truncated one, that the body was not.
    local unpickling = out:find("UnpicklingError", 1, true) or out:find("nil value", 1, true)
    local truncated = out:find("truncated", 1, true) or out:find("Ran out of input", 1, true)
    local header_cut = unpickling and not truncated
    check.fail{req = header_cut and 2 or 3, hint = "recv-exactly",
      en = ("The checker sent the 10-byte header %s in three pieces 0.3 s apart, then %d bytes of pickle%s in pieces; the script failed (status %d): one recv is not one message. Its output ends with:\n%s"):format(
        check.show(header), #body, where, code, out:sub(-400)),
      zh = ("检查程序把 10 字节的头部 %s 分三块(间隔 0.3 秒)发送,再分块发送 %d 字节的 pickle 数据;脚本出错了(状态 %d):一次 recv 不等于一条消息。"):format(check.show(header), #body, code)}
  end
end)

check.step("prints the text field, and nothing else")
local out = check.finish(1)
if out ~= text .. "\n" then
  local found = out:find(text, 1, true)
  check.fail{req = 4, hint = "print-text",
    en = found and ("The script printed the text field, but other things too: its output is %d bytes, the text %d."):format(#out, #text)
      or ("The script should print the dict's text field (%d characters, beginning %s); it printed %s."):format(#text, check.show(text:sub(1, 20)), check.show(out)),
    zh = found and ("脚本打印了 text 字段,但还打印了别的内容:输出 %d 字节,文本 %d 字节。"):format(#out, #text)
      or ("脚本应该打印字典的 text 字段(%d 个字符,开头是 %s),但它打印的是 %s。"):format(#text, check.show(text:sub(1, 20)), check.show(out))}
end
