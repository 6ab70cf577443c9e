-- cpu.lua: pure-Lua CPU benchmark, run by netlua and by plain gopher-lua
-- (bench/cmd/gluacpu) so the table shows what the runtime's interruption
-- context costs. It uses only Lua 5.1's base library, prints one line per
-- part ("fib 0.512" in seconds) and a checksum line so both runs can be
-- checked to have done the same work.
local clock = os.clock

local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

local function strings()
  -- Building text piece by piece, as protocol code does: formatting,
  -- concatenation and table.concat.
  local total = 0
  for round = 1, 100 do
    local parts = {}
    for i = 1, 1000 do
      parts[#parts + 1] = string.format("%d:%s;", i, string.rep("x", i % 16))
    end
    local s = table.concat(parts)
    local t = ""
    for i = 1, 100 do t = t .. tostring(i) end
    total = total + #s + #t
  end
  return total
end

local function sorting()
  -- A deterministic linear congruential generator, so every run sorts the
  -- same numbers.
  local seed, t = 42, {}
  for i = 1, 200000 do
    seed = (seed * 1103515245 + 12345) % 2147483648
    t[i] = seed
  end
  table.sort(t)
  return t[1] + t[#t]
end

local parts = {
  {"fib", function()
    -- fib(27) alone takes ~50 ms here: ten of them time well.
    local s = 0
    for _ = 1, 10 do s = s + fib(27) end
    return s
  end},
  {"strings", strings},
  {"sort", sorting},
}
local sum = 0
for _, p in ipairs(parts) do
  local t0 = clock()
  sum = sum + p[2]()
  print(("%s %.4f"):format(p[1], clock() - t0))
end
print(("checksum %.0f"):format(sum))
