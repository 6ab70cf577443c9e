-- Checker for "receive until the server closes". The checker is the server:
-- it sends a text that differs every run (lines of random words, spaces and
-- tabs) in more than a hundred pieces of random sizes, pauses for almost two
-- seconds in the middle, then closes. The output must be the text, once.
local check = require("check")

local lines = {}
for i = 1, math.random(60, 120) do
  lines[i] = ("%03d\t%s  %s"):format(i, check.random_text(math.random(10, 70)), check.random_word(math.random(1, 12)))
end
local text = table.concat(lines, "\n")
local pieces = 0

check.step("connects to the given address")
check.run_client(function(conn)
  check.step("receives until the server closes")
  local i = 1
  local pause_at = math.floor(#text / 2)
  -- Each piece waits a few milliseconds, so that most arrive on their own.
  while i <= #text do
    local n = math.random(1, 90)
    if not pcall(conn.sendall, conn, text:sub(i, i + n - 1)) then
      break -- the script closed early: what it printed tells the rest
    end
    pieces = pieces + 1
    if i <= pause_at and i + n > pause_at then
      check.sleep(1.8)
    else
      check.sleep(0.004)
    end
    i = i + n
  end
end)

local code = check.wait(5)
if code == nil then
  check.fail{req = 4, hint = "recv-loop",
    en = ("The checker sent %d bytes in %d pieces and closed the connection; 5 s later the script was still running. When recv returns \"\", the server has closed: stop receiving, print and end."):format(#text, pieces),
    zh = ("检查程序分 %d 块发送了 %d 字节并关闭了连接;5 秒后脚本仍在运行。recv 返回 \"\" 表示服务器已关闭:停止接收,打印,然后结束。"):format(pieces, #text)}
end
if code ~= 0 then
  check.fail{req = 2, hint = "recv-loop",
    en = ("The checker sent %d bytes in %d pieces, with a pause of 1.8 s, then closed; the script failed. %s"):format(#text, pieces, check.output():sub(-400)),
    zh = ("检查程序分 %d 块发送了 %d 字节(中间停顿 1.8 秒)然后关闭连接;脚本出错退出了。"):format(pieces, #text)}
end

check.step("prints the whole text once, and nothing else")
local out = check.output()
if out == text .. "\n" then
  return
end
local got_all = out:find(text, 1, true)
local last = 0
for i = 1, #lines do
  if out:find(lines[i], 1, true) then
    last = i
  end
end
if not got_all and last < #lines then
  local stripped = out:gsub("%s", "") == text:gsub("%s", "")
  if stripped then
    check.fail{req = 3, hint = "exact",
      en = ("The checker sent %d lines; the script printed them with their spaces or tabs changed. Print the text exactly as received."):format(#lines),
      zh = ("检查程序发送了 %d 行;脚本打印时改变了其中的空格或制表符。请原样打印收到的文本。"):format(#lines)}
  end
  local joined = out:gsub("\n", "") == text:gsub("\n", "")
  check.fail{req = joined and 3 or 2, hint = joined and "print-once" or "recv-loop",
    en = joined and "The script printed the text in pieces, one print per recv: collect the pieces and print the whole text once, at the end."
      or ("The checker sent %d lines (%d bytes) in %d pieces with a pause of 1.8 s in the middle, then closed; the script printed %d whole lines of them. Receive until recv returns \"\"."):format(#lines, #text, pieces, last),
    zh = joined and "脚本分段打印了文本(每次 recv 打印一次):应该先收集所有数据,最后一次性打印。"
      or ("检查程序分 %d 块发送了 %d 行(%d 字节),中间停顿 1.8 秒,然后关闭连接;脚本只打印了其中 %d 整行。请一直接收到 recv 返回 \"\"。"):format(pieces, #lines, #text, last)}
end
check.fail{req = 3, hint = "print-once",
  en = ("The script printed the text, but its output is not just the text: it is %d bytes, the text %d (with print's newline %d)."):format(#out, #text, #text + 1),
  zh = ("脚本打印了文本,但输出中还有别的内容:输出 %d 字节,文本本身 %d 字节(加上 print 的换行是 %d)。"):format(#out, #text, #text + 1)}
