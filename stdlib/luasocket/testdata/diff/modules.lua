-- socket.url, mime and ltn12 on generated inputs: the same pseudo-random
-- sequence in both runs, printed as hex where bytes may be anything.
local url = require("socket.url")
local mime = require("mime")
local ltn12 = require("ltn12")

local seed = 12345
local function random(n) -- 1..n, the same in every Lua
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n + 1
end
local function bytes(n, alphabet)
  local t = {}
  for i = 1, n do
    if alphabet then
      local k = random(#alphabet)
      t[i] = alphabet:sub(k, k)
    else
      t[i] = string.char(random(256) - 1)
    end
  end
  return table.concat(t)
end
local function hex(s)
  if s == nil then return "nil" end
  return (tostring(s):gsub(".", function(c) return string.format("%02x", c:byte()) end))
end
local function show(label, ...)
  local t = { label }
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    t[#t + 1] = type(v) == "string" and ("'" .. hex(v) .. "'") or tostring(v)
  end
  print(table.concat(t, " "))
end

-- url: fixed cases, then URLs built from random parts
local urls = {
  "http://www.example.com/path/to/file.html?query=1#frag",
  "https://user:pass@host.com:8080/p;params?q#f", "ftp://[::1]:21/dir/",
  "mailto:someone@example.com", "//host/path", "/abs/path", "rel/path", "?q", "#f", ";p",
  "http://h", "http://h:/x", "http://@h", "http://u@h", "http://u:@h", "scheme:", "a:b:c",
  "http://h/a/../b/./c/", "http://h/a//b", "", "%41%20b",
}
local parts = { "http:", "//", "host", ":80", "/a", "/b/", "..", ".", ";p=1", "?x=y", "#z", "@", "user:pw@", "%20", " ", "[::1]" }
for _ = 1, 200 do
  local t = {}
  for i = 1, random(6) do t[i] = parts[random(#parts)] end
  urls[#urls + 1] = table.concat(t)
end
local fields = { "scheme", "authority", "userinfo", "user", "password", "host", "port", "path", "params", "query", "fragment" }
for _, u in ipairs(urls) do
  local p, err = url.parse(u)
  if not p then
    print("parse", u, err)
  else
    local t = {}
    for _, f in ipairs(fields) do
      if p[f] then t[#t + 1] = f .. "=" .. p[f] end
    end
    print("parse", u, table.concat(t, " "), "build", url.build(p))
  end
end
local bases = { "http://a/b/c/d;p?q", "http://h/", "http://h", "http://h/a/b/", "https://u@h:1/x?y#z" }
for _, b in ipairs(bases) do
  for _, r in ipairs(urls) do
    if r ~= "" then print("absolute", b, r, url.absolute(b, r)) end
  end
end
print("absolute table", url.absolute(url.parse("http://h/a/b"), "../c"))
for _ = 1, 50 do
  local s = bytes(random(20))
  show("escape", url.escape(s), url.unescape(url.escape(s)) == s)
  show("unescape", url.unescape(bytes(random(20), "%41aZ%2g%%0")))
end
for _, path in ipairs({ "/a/b/c", "a/b/", "/", "", "a%20b/c%2Fd/", "//x//y" }) do
  local p = url.parse_path(path)
  print("parse_path", path, #p, table.concat(p, "|"), p.is_absolute, p.is_directory)
  print("build_path", url.build_path(p), url.build_path(p, true))
end
print("build_path", url.build_path({ "a b", "c/d", "é", is_absolute = 1 }))

-- mime: whole strings and chunked through ltn12 filters
local function filtered(f, s, chunk)
  local out = {}
  local src = ltn12.source.string(s)
  if chunk then
    local i = 1
    src = function()
      if i > #s then return nil end
      local c = s:sub(i, i + chunk - 1)
      i = i + chunk
      return c
    end
  end
  assert(ltn12.pump.all(ltn12.source.chain(src, f), (ltn12.sink.table(out))))
  return table.concat(out)
end
show("b64 empty", mime.b64(""))
show("b64 nil", mime.b64(nil))
show("b64 two", mime.b64("ab", "cde"))
show("unb64 empty", mime.unb64(""))
show("qp empty", mime.qp(""))
show("eol nil", mime.eol(0, nil))
show("dot nil", mime.dot(2, nil))
show("wrp nil", mime.wrp(10, nil))
show("wrp full", mime.wrp(76, nil))
show("qpwrp nil", mime.qpwrp(10, nil))
for round = 1, 60 do
  local text = round % 2 == 0 and bytes(random(300)) or bytes(random(300), "ab =\t\r\n.x")
  local chunk = random(17)
  show("b64", mime.b64(text))
  show("b64 split", mime.b64(text:sub(1, chunk), text:sub(chunk + 1)))
  local encoded = filtered(mime.encode("base64"), text, chunk)
  show("b64 filter", encoded, filtered(mime.decode("base64"), encoded, random(9)) == text)
  show("unb64", mime.unb64(encoded .. "\r\n!x"))
  show("qp", mime.qp(text))
  show("qp split", mime.qp(text:sub(1, chunk), text:sub(chunk + 1)))
  show("qp binary", filtered(mime.encode("quoted-printable", "binary"), text, chunk))
  local qp = filtered(mime.encode("quoted-printable"), text, chunk)
  show("qp filter", qp)
  show("unqp", filtered(mime.decode("quoted-printable"), qp, random(9)))
  show("unqp raw", mime.unqp(text))
  show("wrap", filtered(mime.wrap("text", random(30)), text, chunk))
  show("wrap qp", filtered(mime.wrap("quoted-printable"), qp, chunk))
  show("wrap b64", filtered(ltn12.filter.chain(mime.encode("base64"), mime.wrap("base64")), text, chunk))
  show("normalize", filtered(mime.normalize(), text, chunk))
  show("normalize lf", filtered(mime.normalize("\n"), text, chunk))
  show("stuff", filtered(mime.stuff(), text, chunk))
  show("eol", mime.eol(random(14) - 1, text))
  show("dot", mime.dot(random(3) - 1, text))
  show("wrp", mime.wrp(random(80), text, random(80)))
  show("qpwrp", mime.qpwrp(random(80), text, random(80)))
end
print(pcall(mime.encode, "bogus") == false)

-- ltn12: sources, sinks, filters and pumps
local function collect(src)
  local t = {}
  local ok, err = ltn12.pump.all(src, (ltn12.sink.table(t)))
  return table.concat(t, "|"), ok, err
end
ltn12.BLOCKSIZE = 5
print("string", collect(ltn12.source.string("hello, world and more")))
print("empty", collect(ltn12.source.empty()))
print("error", collect(ltn12.source.error("boom")))
print("table", collect(ltn12.source.table({ "a", "b", "c" })))
print("cat", collect(ltn12.source.cat(ltn12.source.string("abc"), ltn12.source.empty(), ltn12.source.string("defgh"))))
local rewound = ltn12.source.rewind(ltn12.source.string("0123456789"))
local first = rewound()
rewound(first)
rewound("x")
print("rewind", collect(rewound))
local upper = function(chunk) return chunk and chunk:upper() end
local double = function(chunk) return chunk and (chunk .. chunk) end
print("chain", collect(ltn12.source.chain(ltn12.source.string("abcdefghijk"), upper)))
print("chain2", collect(ltn12.source.chain(ltn12.source.string("abcdefghijk"), upper, double)))
print("filter chain", collect(ltn12.source.chain(ltn12.source.string("abcdefghijk"), ltn12.filter.chain(double, upper, double))))
local counter = ltn12.filter.cycle(function(ctx, chunk, extra)
  if not chunk then return nil, ctx end
  if chunk == "" then return "", ctx end
  return chunk .. ":" .. ctx .. extra, ctx + 1
end, 1, "!")
print("cycle", collect(ltn12.source.chain(ltn12.source.string("abcdefghijk"), counter)))
local out = {}
local sink = ltn12.sink.chain(upper, (ltn12.sink.table(out)))
print("sink chain", ltn12.pump.all(ltn12.source.string("xyz and more"), sink), table.concat(out, "|"))
out = {}
print("sink chain3", ltn12.pump.all(ltn12.source.string("xyz"), ltn12.sink.chain(upper, double, (ltn12.sink.table(out)))), table.concat(out, "|"))
print("null", ltn12.pump.all(ltn12.source.string("abc"), ltn12.sink.null()))
print("sink error", ltn12.pump.all(ltn12.source.string("abc"), ltn12.sink.error("full")))
print("step", ltn12.pump.step(ltn12.source.string("abc"), ltn12.sink.null()))
print("step end", ltn12.pump.step(ltn12.source.empty(), ltn12.sink.null()))
local simple = ltn12.source.simplify(function() return nil, ltn12.source.string("replaced") end)
print("simplify", collect(simple))
local calls = 0
local snk = ltn12.sink.simplify(function(chunk)
  calls = calls + 1
  return 1, calls == 1 and ltn12.sink.null() or nil
end)
print("sink simplify", snk("a"), snk("b"), calls)
print("file nil", collect(ltn12.source.file(nil)))
print("file nil msg", collect(ltn12.source.file(nil, "no such file")))
print("sink file nil", ltn12.sink.file(nil)("x"))
print(ltn12._VERSION, url._VERSION, mime._VERSION)
