-- socket.url: LuaSocket's URL functions (RFC 3986 style), written for
-- netlua from LuaSocket's documented behaviour.
--
--   local url = require("socket.url")
--   local p = url.parse("http://user:pw@host:8080/a/b;x?q=1#top")
--   -- p.scheme "http", p.host "host", p.port "8080", p.path "/a/b", ...
--   url.build(p), url.absolute("http://h/a/b", "../c"), url.escape("a b")

local M = ...
require("socket").url = M -- as LuaSocket does: socket.url is this module
M._VERSION = "URL 1.0.3"

local gsub, format, byte, char, sub, find, match = string.gsub, string.format,
  string.byte, string.char, string.sub, string.find, string.match
local tonumber, tostring, type, pairs, getmetatable = tonumber, tostring, type, pairs, getmetatable

-- expect raises an argument error naming the function unless v is of the
-- kind wanted: "string" (numbers count), "table", or "callable" (a
-- function or something with a __call metamethod).
local function expect(fname, n, v, kind)
  local t = type(v)
  if kind == "string" and (t == "string" or t == "number") then return end
  if kind == "table" and t == "table" then return end
  if kind == "callable" then
    if t == "function" then return end
    local mt = (t == "table" or t == "userdata") and getmetatable(v)
    if mt and mt.__call then return end
  end
  error(string.format("bad argument #%d to '%s' (%s expected, got %s)", n, fname,
    kind == "callable" and "function" or kind, v == nil and "no value" or t), 3)
end

-- escape replaces every byte but letters, digits and "_" with %xx.
function M.escape(s)
  expect("escape", 1, s, "string")
  return (gsub(s, "[^%w_]", function(c) return format("%%%02x", byte(c)) end))
end

-- unescape turns every %xx back into its byte.
function M.unescape(s)
  expect("unescape", 1, s, "string")
  return (gsub(s, "%%(%x%x)", function(hex) return char(tonumber(hex, 16)) end))
end

-- Bytes a path segment may hold as they are (besides letters, digits, "_").
local segment_safe = {}
for c in ("-_.!~*'():@&=+$,"):gmatch(".") do segment_safe[c] = true end

-- protect_segment escapes a path segment for build_path, as %XX.
local function protect_segment(s)
  return (gsub(s, "[^%w_]", function(c)
    if segment_safe[c] then return c end
    return format("%%%02X", byte(c))
  end))
end

-- replace_all applies a one-match gsub until the string stops changing.
local function replace_all(s, pattern, replacement)
  while true do
    local next = gsub(s, pattern, replacement, 1)
    if next == s then return s end
    s = next
  end
end

-- remove_dots removes "." and ".." segments from a path. Empty segments
-- ("//") are kept by marking them first, so ".." does not eat them.
local function remove_dots(path)
  local mark = "\1"
  path = replace_all(path, "//", "/" .. mark .. "/")
  path = replace_all(path, "/%./", "/")
  path = replace_all(path, "[^/]+/%.%./([^/]+)", "%1")
  path = gsub(path, "[^/]+/%.%./*$", "")
  path = gsub(path, "/%.%.$", "/")
  path = gsub(path, "/%.$", "/")
  path = gsub(path, "^/%.%./", "/")
  path = gsub(path, mark, "")
  return path
end

-- merge resolves a relative path against the path of a base URL.
local function merge(base_path, relative_path)
  if sub(relative_path, 1, 1) == "/" then return remove_dots(relative_path) end
  local dir = gsub(base_path, "[^/]*$", "")
  if not find(dir, "/$") then dir = dir .. "/" end
  return remove_dots(dir .. relative_path)
end

-- parse splits url into scheme, authority (userinfo, user, password, host,
-- port), path, params, query and fragment; fields of default fill in
-- what url lacks. Returns nil, "invalid url" for an empty url.
function M.parse(url, default)
  if url ~= nil then expect("parse", 1, url, "string") end
  if default ~= nil then expect("parse", 2, default, "table") end
  local parsed = {}
  for k, v in pairs(default or {}) do parsed[k] = v end
  if not url or url == "" then return nil, "invalid url" end
  -- Each part is cut off the string in turn, from the outside in.
  local function cut(pattern, field)
    url = gsub(url, pattern, function(v) parsed[field] = v return "" end)
  end
  cut("^([%w][%w%+%-%.]*)%:", "scheme")
  cut("^//([^/]*)", "authority")
  cut("#(.*)$", "fragment")
  cut("%?(.*)", "query")
  cut("%;(.*)", "params")
  if url ~= "" then parsed.path = url end
  local authority = parsed.authority
  if not authority then return parsed end
  authority = gsub(authority, "^([^@]*)@", function(u) parsed.userinfo = u return "" end)
  authority = gsub(authority, ":([^:%]]*)$", function(p) parsed.port = p return "" end)
  if authority ~= "" then
    -- An IPv6 literal comes in brackets: [::1].
    parsed.host = match(authority, "^%[(.+)%]$") or authority
  end
  local userinfo = parsed.userinfo
  if not userinfo then return parsed end
  userinfo = gsub(userinfo, ":([^:]*)$", function(p) parsed.password = p return "" end)
  parsed.user = userinfo
  return parsed
end

-- build is parse's inverse: the URL string of a parsed table. host, port,
-- user and password, when present, take precedence over authority and
-- userinfo.
function M.build(parsed)
  expect("build", 1, parsed, "table")
  local url = parsed.path or ""
  if parsed.params then url = url .. ";" .. parsed.params end
  if parsed.query then url = url .. "?" .. parsed.query end
  local authority = parsed.authority
  if parsed.host then
    authority = parsed.host
    if find(authority, ":") then authority = "[" .. authority .. "]" end
    if parsed.port then authority = authority .. ":" .. tostring(parsed.port) end
    local userinfo = parsed.userinfo
    if parsed.user then
      userinfo = parsed.user
      if parsed.password then userinfo = userinfo .. ":" .. parsed.password end
    end
    if userinfo then authority = userinfo .. "@" .. authority end
  end
  if authority then url = "//" .. authority .. url end
  if parsed.scheme then url = parsed.scheme .. ":" .. url end
  if parsed.fragment then url = url .. "#" .. parsed.fragment end
  return url
end

-- absolute resolves relative_url against base_url (a string or a parsed
-- table), as a browser resolves a link.
function M.absolute(base_url, relative_url)
  if type(base_url) ~= "table" then expect("absolute", 1, base_url, "string") end
  expect("absolute", 2, relative_url, "string")
  local base
  if type(base_url) == "table" then
    base = base_url
    base_url = M.build(base)
  else
    base = M.parse(base_url)
  end
  local rel = M.parse(relative_url)
  local result
  if not base then
    result = relative_url
  elseif not rel then
    result = base_url
  elseif rel.scheme then
    result = relative_url
  else
    rel.scheme = base.scheme
    if not rel.authority then
      rel.authority = base.authority
      if rel.path then
        rel.path = merge(base.path or "", rel.path)
      else
        -- No path: the base's path, and its params and query unless given.
        rel.path = base.path
        if not rel.params then
          rel.params = base.params
          if not rel.query then rel.query = base.query end
        end
      end
    end
    result = M.build(rel)
  end
  return remove_dots(result)
end

-- parse_path splits a path into its unescaped segments; is_absolute and
-- is_directory record a leading and a trailing "/".
function M.parse_path(path)
  if path ~= nil then expect("parse_path", 1, path, "string") end
  local parsed = {}
  path = tostring(path or "")
  for segment in path:gmatch("[^/]+") do
    parsed[#parsed + 1] = M.unescape(segment)
  end
  if sub(path, 1, 1) == "/" then parsed.is_absolute = 1 end
  if sub(path, -1) == "/" then parsed.is_directory = 1 end
  return parsed
end

-- build_path joins segments into a path, escaping each unless unsafe.
function M.build_path(parsed, unsafe)
  expect("build_path", 1, parsed, "table")
  local protect = unsafe and function(s) return s end or protect_segment
  local parts = {}
  for i = 1, #parsed do parts[i] = protect(parsed[i]) end
  local path = table.concat(parts, "/")
  if #parsed > 0 and parsed.is_directory then path = path .. "/" end
  if parsed.is_absolute then path = "/" .. path end
  return path
end

return M
