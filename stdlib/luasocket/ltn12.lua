-- ltn12: LuaSocket's "Lua Technical Note 12" pipes: sources, filters,
-- sinks and pumps, written for netlua from the note and LuaSocket's docs.
--
-- A source is a function that returns the next chunk of data, or nil at
-- the end (nil, err on failure). A sink is a function that takes chunks,
-- then nil at the end, and returns 1 (or nil, err). A filter is a function
-- from chunk to chunk; given nil it flushes what it kept and returns nil
-- after; it may return "" when it needs more input. A pump moves the data:
--
--   local ltn12 = require("ltn12")
--   local out = {}
--   ltn12.pump.all(ltn12.source.string("hello"), ltn12.sink.table(out))

local M = ...

local filter, source, sink, pump = {}, {}, {}, {}
M.filter, M.source, M.sink, M.pump = filter, source, sink, pump
M.BLOCKSIZE = 2048
M._VERSION = "LTN12 1.0.3"

local error, select, type, unpack, getmetatable = error, select, type, unpack, getmetatable
local insert, remove = table.insert, table.remove

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

---------------------------------------------------------------------------
-- Filters

-- cycle makes a filter from a function low(ctx, chunk, extra) that returns
-- its output and the context for the next call.
function filter.cycle(low, ctx, extra)
  expect("cycle", 1, low, "callable")
  return function(chunk)
    local out
    out, ctx = low(ctx, chunk, extra)
    return out
  end
end

-- chain makes one filter out of several: each one's output is the next
-- one's input. A filter that answers "" is asking for more input, so the
-- chain goes back to the filter before it; nil flushes through them all.
function filter.chain(...)
  local filters = { ... }
  local n = select("#", ...)
  for i = 1, n do expect("chain", i, filters[i], "callable") end
  local top, i = 1, 1 -- top: first filter not yet flushed; i: current
  local retry = ""    -- what to give a filter that asked for more
  return function(chunk)
    retry = chunk and retry
    while true do
      if i == top then
        chunk = filters[i](chunk)
        if chunk == "" or top == n then
          return chunk
        elseif chunk then
          i = i + 1
        else
          -- Filter top is flushed: from now on flush the next one.
          top = top + 1
          i = top
        end
      else
        chunk = filters[i](chunk or "")
        if chunk == "" then
          i = i - 1
          chunk = retry
        elseif chunk then
          if i == n then return chunk end
          i = i + 1
        else
          error("filter returned inappropriate nil")
        end
      end
    end
  end
end

---------------------------------------------------------------------------
-- Sources

local function nothing() return nil end

function source.empty()
  return nothing
end

function source.error(err)
  return function() return nil, err end
end

-- file reads an open file in blocks and closes it at the end.
function source.file(handle, io_err)
  if not handle then return source.error(io_err or "unable to open file") end
  return function()
    local chunk = handle:read(M.BLOCKSIZE)
    if not chunk then handle:close() end
    return chunk
  end
end

-- simplify turns a source that may return a replacement source as second
-- result into a plain one.
function source.simplify(src)
  expect("simplify", 1, src, "callable")
  return function()
    local chunk, err_or_next = src()
    src = err_or_next or src
    if not chunk then return nil, err_or_next end
    return chunk
  end
end

-- string returns s in blocks of BLOCKSIZE.
function source.string(s)
  if not s then return source.empty() end
  local i = 1
  return function()
    local chunk = s:sub(i, i + M.BLOCKSIZE - 1)
    i = i + M.BLOCKSIZE
    if chunk == "" then return nil end
    return chunk
  end
end

-- table returns the elements of an array one by one.
function source.table(t)
  expect("table", 1, t, "table")
  local i = 0
  return function()
    i = i + 1
    return t[i]
  end
end

-- rewind makes a source to which chunks can be given back: src(chunk)
-- pushes chunk, and the next src() returns it again.
function source.rewind(src)
  expect("rewind", 1, src, "callable")
  local pushed = {}
  return function(chunk)
    if chunk then
      insert(pushed, chunk)
      return
    end
    chunk = remove(pushed)
    if chunk then return chunk end
    return src()
  end
end

-- chain makes a source whose data is src's passed through filter f (or
-- through the chain of f and the filters after it).
function source.chain(src, f, ...)
  expect("chain", 1, src, "callable")
  expect("chain", 2, f, "callable")
  if ... then f = filter.chain(f, ...) end
  local input, output = "", ""
  local feeding = true -- true: f wants input; false: f may have more output
  local err
  return function()
    if not output then error("source is empty!", 2) end
    while true do
      if feeding then
        input, err = src()
        if err then return nil, err end
        output = f(input)
        if not output then
          if input then error("filter returned inappropriate nil") end
          return nil
        elseif output ~= "" then
          feeding = false
          if input then input = "" end
          return output
        end
      else
        -- Ask f for the rest of its output with an empty chunk (or nil,
        -- at the end of the input).
        output = f(input)
        if output == "" then
          if input ~= "" then error('filter returned ""') end
          feeding = true
        elseif not output then
          if input then error("filter returned inappropriate nil") end
          return nil
        else
          return output
        end
      end
    end
  end
end

-- cat returns the data of each source in turn.
function source.cat(...)
  local sources = { ... }
  for i = 1, select("#", ...) do expect("cat", i, sources[i], "callable") end
  local src = remove(sources, 1)
  return function()
    while src do
      local chunk, err = src()
      if chunk then return chunk end
      if err then return nil, err end
      src = remove(sources, 1)
    end
  end
end

---------------------------------------------------------------------------
-- Sinks

-- table stores the chunks in t (a new table if nil), returned second.
function sink.table(t)
  t = t or {}
  return function(chunk)
    if chunk then insert(t, chunk) end
    return 1
  end, t
end

-- simplify turns a sink that may return a replacement sink into a plain one.
function sink.simplify(snk)
  expect("simplify", 1, snk, "callable")
  return function(chunk, err)
    local ok, err_or_next = snk(chunk, err)
    if not ok then return nil, err_or_next end
    snk = err_or_next or snk
    return 1
  end
end

-- file writes to an open file and closes it at the end.
function sink.file(handle, io_err)
  if not handle then return sink.error(io_err or "unable to open file") end
  return function(chunk)
    if not chunk then
      handle:close()
      return 1
    end
    return handle:write(chunk)
  end
end

local function accept() return 1 end

function sink.null()
  return accept
end

function sink.error(err)
  return function() return nil, err end
end

-- chain makes a sink that passes its chunks through filter f (or a chain
-- of filters: sink.chain(f1, f2, snk)) before giving them to snk.
function sink.chain(f, snk, ...)
  if ... then
    local args = { f, snk, ... }
    snk = remove(args, #args)
    f = filter.chain(unpack(args))
  end
  expect("chain", 1, f, "callable")
  expect("chain", 2, snk, "callable")
  return function(chunk, err)
    if chunk == "" then return 1 end
    local filtered = f(chunk)
    -- At the end of the data (chunk nil), flush f until it returns nil;
    -- otherwise until it returns "".
    local last = chunk and ""
    while true do
      local ok, snk_err = snk(filtered, err)
      if not ok then return nil, snk_err end
      if filtered == last then return 1 end
      filtered = f(last)
    end
  end
end

---------------------------------------------------------------------------
-- Pumps

-- step moves one chunk from src to snk: 1, or nil and an error (or just
-- nil at the end).
function pump.step(src, snk)
  expect("step", 1, src, "callable")
  expect("step", 2, snk, "callable")
  local chunk, src_err = src()
  local ok, snk_err = snk(chunk, src_err)
  if chunk and ok then return 1 end
  return nil, src_err or snk_err
end

-- all moves everything: 1 at the end, or nil and the error.
function pump.all(src, snk, step)
  expect("all", 1, src, "callable")
  expect("all", 2, snk, "callable")
  if step ~= nil then expect("all", 3, step, "callable") end
  step = step or pump.step
  while true do
    local ok, err = step(src, snk)
    if not ok then
      if err then return nil, err end
      return 1
    end
  end
end

return M
