-- socket.http: LuaSocket's HTTP/1.1 client, written for netlua from
-- LuaSocket's documentation and behaviour.
--
-- The simple form returns the body:
--   local body, code, headers, status = http.request("http://127.0.0.1:8000/")
--   local body, code = http.request("http://127.0.0.1:8000/form", "a=1&b=2") -- a POST
-- The generic form streams through ltn12 sources and sinks:
--   local t = {}
--   local ok, code, headers, status = http.request{
--     url = "http://127.0.0.1:8000/", sink = ltn12.sink.table(t),
--     method = "PUT", source = ltn12.source.string(data),
--     headers = {["content-length"] = #data}, redirect = false, proxy = nil,
--   }
-- Errors come back as nil, err. Responses may be chunked; redirects
-- (301, 302, 303, 307) are followed for GET and HEAD, up to 5 times.
-- https:// URLs go through netlua's ssl module when it is present.

local M = ...
require("socket").http = M -- as LuaSocket does: socket.http is this module

local socket = require("socket")
local url = require("socket.url")
local ltn12 = require("ltn12")
local mime = require("mime")
local headers_module = require("socket.headers")

local type, tostring, tonumber, pairs, setmetatable = type, tostring, tonumber, pairs, setmetatable
local getmetatable = getmetatable

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
local find, lower, format, gsub = string.find, string.lower, string.format, string.gsub
local concat = table.concat

M.TIMEOUT = 60                   -- seconds, for each socket operation
M.USERAGENT = socket._VERSION    -- the User-Agent header
M.PROXY = nil                    -- "http://host:port" to send every request through

-- Ways to connect, by URL scheme: the default port, and create(reqt),
-- which returns the function that makes the connection object.
local schemes = {}
M.schemes = schemes

schemes.http = {
  port = 80,
  create = function() return socket.tcp end,
}

-- https: a LuaSocket tcp object whose Python socket is wrapped by the ssl
-- module's default context after connecting (and verified against the
-- host name). Without an ssl module, an https request fails with a message.
schemes.https = {
  port = 443,
  create = function(reqt)
    local ok, ssl = pcall(require, "ssl")
    if not ok or type(ssl) ~= "table" or not ssl.create_default_context then
      error("LuaSocket: no ssl module for https", 0)
    end
    return function()
      local c, err = socket.tcp()
      if not c then return nil, err end
      local connect = c.connect
      -- Replace connect on this object: connect, then start TLS.
      c.connect = function(self, host, port)
        local res, cerr = connect(self, host, port)
        if not res then return nil, cerr end
        local wrapped, e = pcall(function()
          return ssl.create_default_context():wrap_socket(self._sock, { server_hostname = reqt.host })
        end)
        if not wrapped then
          if type(e) == "table" and e.strerror then return nil, tostring(e) end
          return nil, tostring(e)
        end
        self._sock, self._pytimeout = e, "unset"
        return 1
      end
      return c
    end
  end,
}

---------------------------------------------------------------------------
-- Reading and writing HTTP

-- receive_headers reads header lines up to the empty line into t, with
-- names in lowercase; a repeated header's values are joined by ", ".
local function receive_headers(sock, t)
  t = t or {}
  local line, err = sock:receive()
  if err then return nil, err end
  while line ~= "" do
    local _, _, name, value = find(line, "^(.-):%s*(.*)")
    if not (name and value) then return nil, "malformed reponse headers" end
    name = lower(name)
    line, err = sock:receive()
    if err then return nil, err end
    -- Lines starting with white space continue the value.
    while find(line, "^%s") do
      value = value .. line
      line, err = sock:receive()
      if err then return nil, err end
    end
    if t[name] then t[name] = t[name] .. ", " .. value else t[name] = value end
  end
  return t
end

-- A source that decodes a chunked body: hex size line, data, CRLF...
-- then the trailer headers after the zero-size chunk.
socket.sourcet["http-chunked"] = function(sock, headers)
  return setmetatable({
    getfd = function() return sock:getfd() end,
    dirty = function() return sock:dirty() end,
  }, {
    __call = function()
      local line, err = sock:receive()
      if err then return nil, err end
      local size = tonumber((gsub(line, ";.*", "")), 16)
      if not size then return nil, "invalid chunk size" end
      if size > 0 then
        local chunk, cerr = sock:receive(size)
        if chunk then sock:receive() end -- the CRLF after the data
        return chunk, cerr
      end
      local trailer, terr = receive_headers(sock, headers)
      if not trailer then return nil, terr end
    end,
  })
end

-- A sink that sends a body chunked, for requests of unknown length.
socket.sinkt["http-chunked"] = function(sock)
  return setmetatable({
    getfd = function() return sock:getfd() end,
    dirty = function() return sock:dirty() end,
  }, {
    __call = function(_, chunk)
      if not chunk then return sock:send("0\r\n\r\n") end
      return sock:send(format("%X\r\n", #chunk) .. chunk .. "\r\n")
    end,
  })
end

-- A connection: M.open(host, port, create) connects and returns it; its
-- methods send a request and read the reply step by step. Failures raise
-- through h.try, which closes the connection, and request's protect turns
-- them into nil, err.
local connection = {}
connection.__index = connection

function M.open(host, port, create)
  expect("open", 1, host, "string")
  expect("open", 3, create, "callable")
  local c = socket.try(create())
  local h = setmetatable({ c = c }, connection)
  h.try = socket.newtry(function() h:close() end)
  h.try(c:settimeout(M.TIMEOUT))
  h.try(c:connect(host, port))
  return h
end

function connection:sendrequestline(method, uri)
  return self.try(self.c:send(format("%s %s HTTP/1.1\r\n", method or "GET", uri)))
end

function connection:sendheaders(tosend)
  local canonic = headers_module.canonic
  local h = "\r\n"
  for name, value in pairs(tosend) do
    h = (canonic[name] or name) .. ": " .. value .. "\r\n" .. h
  end
  self.try(self.c:send(h))
  return 1
end

function connection:sendbody(headers, source, step)
  source = source or ltn12.source.empty()
  step = step or ltn12.pump.step
  local mode = headers["content-length"] and "keep-open" or "http-chunked"
  return self.try(ltn12.pump.all(source, socket.sink(mode, self.c), step))
end

-- receivestatusline returns the status code and line; nil and what was
-- read for an HTTP/0.9 reply (no status line); 408 if the server said
-- nothing before the timeout.
function connection:receivestatusline()
  local start, err = self.try(self.c:receive(5))
  if start ~= "HTTP/" then
    if err == "timeout" then return 408 end
    return nil, start
  end
  local status = self.try(self.c:receive("*l", start))
  local _, _, code = find(status, "HTTP/%d*%.%d* (%d%d%d)")
  return self.try(tonumber(code), status)
end

function connection:receiveheaders()
  return self.try(receive_headers(self.c))
end

function connection:receivebody(headers, sink, step)
  sink = sink or ltn12.sink.null()
  step = step or ltn12.pump.step
  local length = tonumber(headers["content-length"])
  local encoding = headers["transfer-encoding"]
  local mode = "default" -- until the server closes
  if encoding and encoding ~= "identity" then
    mode = "http-chunked"
  elseif length then
    mode = "by-length"
  end
  return self.try(ltn12.pump.all(socket.source(mode, self.c, length), sink, step))
end

function connection:receive09body(status, sink, step)
  local source = ltn12.source.rewind(socket.source("until-closed", self.c))
  source(status)
  return self.try(ltn12.pump.all(source, sink, step))
end

function connection:close()
  return self.c:close()
end

---------------------------------------------------------------------------
-- Building the request

-- request_uri is what goes on the request line: the path (with params and
-- query), or the whole URL when talking to a proxy.
local function request_uri(reqt)
  if reqt.proxy or M.PROXY then return url.build(reqt) end
  return url.build({
    path = socket.try(reqt.path, "invalid path 'nil'"),
    params = reqt.params, query = reqt.query, fragment = reqt.fragment,
  })
end

-- server returns where to connect: the proxy, or the URL's host and port.
local function server(reqt)
  local proxy = reqt.proxy or M.PROXY
  if proxy then
    proxy = url.parse(proxy)
    return proxy.host, proxy.port or 3128
  end
  return reqt.host, reqt.port
end

-- request_headers are the default headers with the caller's on top, all
-- names in lowercase.
local function request_headers(reqt)
  local host = reqt.host
  local port = tostring(reqt.port)
  if port ~= tostring(schemes[reqt.scheme].port) then host = host .. ":" .. port end
  local t = {
    ["user-agent"] = M.USERAGENT,
    ["host"] = host,
    ["connection"] = "close, TE",
    ["te"] = "trailers",
  }
  if reqt.user and reqt.password then
    t["authorization"] = "Basic " .. (mime.b64(reqt.user .. ":" .. url.unescape(reqt.password)))
  end
  local proxy = reqt.proxy or M.PROXY
  if proxy then
    proxy = url.parse(proxy)
    if proxy.user and proxy.password then
      t["proxy-authorization"] = "Basic " .. (mime.b64(proxy.user .. ":" .. proxy.password))
    end
  end
  for name, value in pairs(reqt.headers or {}) do
    t[lower(name)] = value
  end
  return t
end

local defaults = { path = "/", scheme = "http" }

-- prepare fills in a request table: the URL's parts, port, method, uri,
-- headers, and where to connect.
local function prepare(reqt)
  local nreqt = reqt.url and url.parse(reqt.url, defaults) or {}
  for k, v in pairs(reqt) do nreqt[k] = v end
  local scheme = schemes[nreqt.scheme]
  if not scheme then
    socket.try(nil, "wrong scheme '" .. tostring(nreqt.scheme) .. "'")
  end
  if not nreqt.create then nreqt.create = scheme.create(nreqt) end
  if not (nreqt.port and nreqt.port ~= "") then nreqt.port = scheme.port end
  if not (nreqt.method and nreqt.method ~= "") then nreqt.method = "GET" end
  if not (nreqt.host and nreqt.host ~= "") then
    socket.try(nil, "invalid host '" .. tostring(nreqt.host) .. "'")
  end
  nreqt.uri = reqt.uri or request_uri(nreqt)
  nreqt.headers = request_headers(nreqt)
  if nreqt.source and not nreqt.headers["content-length"]
      and not nreqt.headers["transfer-encoding"] then
    nreqt.headers["transfer-encoding"] = "chunked"
  end
  nreqt.host, nreqt.port = server(nreqt)
  return nreqt
end

local function should_redirect(reqt, code, headers)
  local location = headers.location
  if not location then return false end
  location = gsub(location, "%s", "")
  if location == "" then return false end
  local scheme = url.parse(location).scheme
  if scheme and not schemes[scheme] then return false end
  -- Never from https down to http.
  if reqt.scheme == "https" and scheme ~= "https" then return false end
  return reqt.redirect ~= false
    and (code == 301 or code == 302 or code == 303 or code == 307)
    and (not reqt.method or reqt.method == "GET" or reqt.method == "HEAD")
    and (reqt.maxredirects == false or (reqt.nredirects or 0) < (reqt.maxredirects or 5))
end

local function should_receive_body(reqt, code)
  if reqt.method == "HEAD" then return false end
  if code == 204 or code == 304 then return false end
  if code >= 100 and code < 200 then return false end
  return true
end

local request_table -- the generic form, defined below

local function redirect(reqt, location)
  local newurl = url.absolute(reqt.url, location)
  if url.parse(newurl).scheme ~= reqt.scheme then
    reqt.port = nil
    reqt.create = nil
  end
  local result, code, headers, status = request_table({
    url = newurl, source = reqt.source, sink = reqt.sink, headers = reqt.headers,
    proxy = reqt.proxy, maxredirects = reqt.maxredirects,
    nredirects = (reqt.nredirects or 0) + 1, create = reqt.create,
  })
  headers = headers or {}
  headers.location = headers.location or location
  return result, code, headers, status
end

function request_table(reqt)
  local nreqt = prepare(reqt)
  local h = M.open(nreqt.host, nreqt.port, nreqt.create)
  h:sendrequestline(nreqt.method, nreqt.uri)
  h:sendheaders(nreqt.headers)
  if nreqt.source then h:sendbody(nreqt.headers, nreqt.source, nreqt.step) end
  local code, status = h:receivestatusline()
  if not code then
    h:receive09body(status, nreqt.sink, nreqt.step)
    return 1, 200
  elseif code == 408 then
    return 1, code
  end
  while code == 100 do -- "100 Continue": the real reply follows
    h:receiveheaders()
    code, status = h:receivestatusline()
  end
  local headers = h:receiveheaders()
  if should_redirect(nreqt, code, headers) and not nreqt.source then
    h:close()
    return redirect(reqt, headers.location)
  end
  if should_receive_body(nreqt, code) then
    h:receivebody(headers, nreqt.sink, nreqt.step)
  end
  h:close()
  return 1, code, headers, status
end

-- genericform(url [, body]) is the request table the simple form makes:
-- a GET, or a form POST of body; the body collects in reqt.target.
function M.genericform(u, body)
  expect("genericform", 1, u, "string")
  if body ~= nil then
    expect("genericform", 2, body, "string")
    body = tostring(body)
  end
  local t = {}
  local reqt = { url = u, sink = ltn12.sink.table(t), target = t }
  if body then
    reqt.source = ltn12.source.string(body)
    reqt.headers = {
      ["content-length"] = #body,
      ["content-type"] = "application/x-www-form-urlencoded",
    }
    reqt.method = "POST"
  end
  return reqt
end

local function request_string(u, body)
  local reqt = M.genericform(u, body)
  local _, code, headers, status = request_table(reqt)
  return concat(reqt.target), code, headers, status
end

local protected_request = socket.protect(function(reqt, body)
  if type(reqt) == "string" then return request_string(reqt, body) end
  return request_table(reqt)
end)

function M.request(reqt, body)
  if type(reqt) ~= "string" then expect("request", 1, reqt, "table") end
  if body ~= nil then expect("request", 2, body, "string") end
  return protected_request(reqt, body)
end

return M
