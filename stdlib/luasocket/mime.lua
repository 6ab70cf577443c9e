-- mime: LuaSocket's MIME filters (base64, quoted-printable, line
-- wrapping, end-of-line normalization, SMTP dot-stuffing), written for
-- netlua from LuaSocket's documentation. The byte-level work (mime.b64,
-- mime.qp...) is done in Go (mimecore.go); this file makes ltn12 filters
-- of it:
--
--   local mime, ltn12 = require("mime"), require("ltn12")
--   print((mime.b64("hello")))                    --> aGVsbG8=
--   local f = ltn12.filter.chain(mime.encode("base64"), mime.wrap("base64"))

local M = ...
local ltn12 = require("ltn12")

M._VERSION = "MIME 1.0.3"

local type, tostring, error = type, tostring, error
local cycle = ltn12.filter.cycle

-- choose makes function fname, which calls table[name](...), with
-- "default" for a missing name.
local function choose(fname, table)
  return function(name, opt1, opt2)
    if type(name) ~= "string" then
      name, opt1, opt2 = "default", name, opt1
    end
    local f = table[name or "nil"]
    if not f then
      error("bad argument #1 to '" .. fname .. "' (unknown key (" .. tostring(name) .. "))", 2)
    end
    return f(opt1, opt2)
  end
end

local encodet, decodet, wrapt = {}, {}, {}
M.encodet, M.decodet, M.wrapt = encodet, decodet, wrapt

encodet["base64"] = function()
  return cycle(M.b64, "")
end

-- mode "binary" encodes line breaks too, as =0D=0A.
encodet["quoted-printable"] = function(mode)
  return cycle(M.qp, "", mode == "binary" and "=0D=0A" or "\r\n")
end

decodet["base64"] = function()
  return cycle(M.unb64, "")
end

decodet["quoted-printable"] = function()
  return cycle(M.unqp, "")
end

wrapt["text"] = function(length)
  length = length or 76
  return cycle(M.wrp, length, length)
end
wrapt["base64"] = wrapt["text"]
wrapt["default"] = wrapt["text"]

wrapt["quoted-printable"] = function()
  return cycle(M.qpwrp, 76, 76)
end

-- encode(name [, mode]), decode(name) and wrap(name [, length]) make filters.
M.encode = choose("encode", encodet)
M.decode = choose("decode", decodet)
M.wrap = choose("wrap", wrapt)

-- normalize([marker]) makes a filter turning every line break into marker
-- (CRLF by default).
function M.normalize(marker)
  return cycle(M.eol, 0, marker)
end

-- stuff() makes a filter that doubles dots at line starts, for SMTP.
function M.stuff()
  return cycle(M.dot, 2)
end

return M
