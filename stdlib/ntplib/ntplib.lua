-- ntplib: a small SNTP client, the third-party Python package ntplib 0.4
-- written in Lua over socket and struct, plus a small SNTP responder
-- (ntplib.serve) so that tests and tutorial scripts have a time server on
-- the loopback interface.
--
--   local c = ntplib.NTPClient()
--   local response = c:request("pool.ntp.org")
--   print(time.ctime(response.tx_time), response.offset)

local ntplib, wrong_self, arg_error, type_name, keywords = ...
-- keywords(name, ...) takes Python's keyword arguments for the function
-- documented as name, given as a last table (client:request(host,
-- {version = 3, timeout = 1})), and returns the arguments in the order of
-- its signature, with CPython's TypeError for an unknown keyword or a
-- wrong count; it is the Go modules' argument checker (interp/luakeywords.go).

local socket = require("socket")
local struct = require("struct")
local time = require("time")
local threading = require("threading")

-- NTPException is raised by this module; NTPRolloverException when the
-- system time is past NTP's era 0 (February 2036).
-- (The classes are declared in module.go: exception classes are Go's.)
local NTPException = ntplib.NTPException
local NTPRolloverException = ntplib.NTPRolloverException

-- Seconds from the NTP epoch (1900-01-01) to the system epoch (1970-01-01).
local NTP_DELTA = 2208988800

local NTP = {
  NTP_DELTA = NTP_DELTA,
  REF_ID_TABLE = {
    ["GOES"] = "Geostationary Orbit Environment Satellite",
    ["GPS\0"] = "Global Position System",
    ["GAL\0"] = "Galileo Positioning System",
    ["PPS\0"] = "Generic pulse-per-second",
    ["IRIG"] = "Inter-Range Instrumentation Group",
    ["WWVB"] = "LF Radio WWVB Ft. Collins, CO 60 kHz",
    ["DCF\0"] = "LF Radio DCF77 Mainflingen, DE 77.5 kHz",
    ["HBG\0"] = "LF Radio HBG Prangins, HB 75 kHz",
    ["MSF\0"] = "LF Radio MSF Anthorn, UK 60 kHz",
    ["JJY\0"] = "LF Radio JJY Fukushima, JP 40 kHz, Saga, JP 60 kHz",
    ["LORC"] = "MF Radio LORAN C station, 100 kHz",
    ["TDF\0"] = "MF Radio Allouis, FR 162 kHz",
    ["CHU\0"] = "HF Radio CHU Ottawa, Ontario",
    ["WWV\0"] = "HF Radio WWV Ft. Collins, CO",
    ["WWVH"] = "HF Radio WWVH Kauai, HI",
    ["NIST"] = "NIST telephone modem",
    ["ACTS"] = "NIST telephone modem",
    ["USNO"] = "USNO telephone modem",
    ["PTB\0"] = "European telephone modem",
    ["LOCL"] = "uncalibrated local clock",
    ["CESM"] = "calibrated Cesium clock",
    ["RBDM"] = "calibrated Rubidium clock",
    ["OMEG"] = "OMEGA radionavigation system",
    ["DCN\0"] = "DCN routing protocol",
    ["TSP\0"] = "TSP time protocol",
    ["DTS\0"] = "Digital Time Service",
    ["ATOM"] = "Atomic clock (calibrated)",
    ["VLF\0"] = "VLF radio (OMEGA,, etc.)",
    ["1PPS"] = "External 1 PPS input",
    ["FREE"] = "(Internal clock)",
    ["INIT"] = "(Initialization)",
    ["ROA\0"] = "Real Observatorio de la Armada",
    ["\0\0\0\0"] = "NULL",
  },
  STRATUM_TABLE = {
    [0] = "unspecified or invalid (%s)",
    [1] = "primary reference (%s)",
  },
  MODE_TABLE = {
    [0] = "reserved",
    [1] = "symmetric active",
    [2] = "symmetric passive",
    [3] = "client",
    [4] = "server",
    [5] = "broadcast",
    [6] = "reserved for NTP control messages",
    [7] = "reserved for private use",
  },
  LEAP_TABLE = {
    [0] = "no warning",
    [1] = "last minute of the day has 61 seconds",
    [2] = "last minute of the day has 59 seconds",
    [3] = "unknown (clock unsynchronized)",
  },
}

---------------------------------------------------------------------------
-- Timestamps. An NTP timestamp is seconds since 1900 as a 32-bit integral
-- part and a 32-bit fraction; Lua numbers (doubles) hold both exactly
-- enough.

local function to_int(timestamp)
  if timestamp < 0 then
    return math.ceil(timestamp)
  end
  return math.floor(timestamp)
end

local function to_frac(timestamp, bits)
  return math.floor(math.abs(timestamp - to_int(timestamp)) * 2 ^ (bits or 32))
end

local function to_time(integ, frac, bits)
  return integ + frac / 2 ^ (bits or 32)
end

-- check_number raises TypeError unless v is a number, naming the argument
-- as Python's argument checks do (arg_error names the function).
local function check_number(name, v)
  if type(v) ~= "number" then
    arg_error(name, "must be a number, not " .. type_name(v))
  end
end

function ntplib.ntp_to_system_time(timestamp)
  check_number("timestamp", timestamp)
  return timestamp - NTP_DELTA
end

function ntplib.system_to_ntp_time(timestamp)
  check_number("timestamp", timestamp)
  local ntp_time = timestamp + NTP_DELTA
  if ntp_time >= 2 ^ 32 then
    error(NTPRolloverException("Timestamp " .. repr(timestamp) .. " is beyond NTPv3 rollover"))
  end
  return ntp_time
end

---------------------------------------------------------------------------
-- Packets. The first byte packs three fields: leap (2 bits), version (3)
-- and mode (3); Lua 5.1 has no bit operators, so it is arithmetic.

-- Python's "!B B B b 11I": 4 bytes of header, then 11 unsigned 32-bit words.
local PACKET_FORMAT = "!B B B b 11I"

local NTPPacket = {}
NTPPacket.__index = NTPPacket

local function new_packet(version, mode, tx_timestamp)
  return setmetatable({
    leap = 0,
    version = version or 2,
    mode = mode or 3,
    stratum = 0,
    poll = 0,
    precision = 0,
    root_delay = 0,
    root_dispersion = 0,
    ref_id = 0,
    ref_timestamp = 0,
    orig_timestamp = 0,
    recv_timestamp = 0,
    tx_timestamp = tx_timestamp or 0,
  }, NTPPacket)
end

-- to_data packs the packet into its 48 bytes for the wire.
function NTPPacket:to_data()
  local ok, packed = pcall(struct.pack, PACKET_FORMAT,
    self.leap * 64 + self.version * 8 + self.mode,
    self.stratum,
    self.poll,
    self.precision,
    to_int(self.root_delay) * 2 ^ 16 + to_frac(self.root_delay, 16),
    to_int(self.root_dispersion) * 2 ^ 16 + to_frac(self.root_dispersion, 16),
    self.ref_id,
    to_int(self.ref_timestamp), to_frac(self.ref_timestamp),
    to_int(self.orig_timestamp), to_frac(self.orig_timestamp),
    to_int(self.recv_timestamp), to_frac(self.recv_timestamp),
    to_int(self.tx_timestamp), to_frac(self.tx_timestamp))
  if not ok then
    error(NTPException("Invalid NTP packet fields."))
  end
  return packed
end

-- from_data fills the packet from the bytes received.
function NTPPacket:from_data(data)
  local ok, u = pcall(struct.unpack, PACKET_FORMAT, string.sub(data, 1, struct.calcsize(PACKET_FORMAT)))
  if not ok then
    error(NTPException("Invalid NTP packet."))
  end
  self.leap = math.floor(u[1] / 64) % 4
  self.version = math.floor(u[1] / 8) % 8
  self.mode = u[1] % 8
  self.stratum = u[2]
  self.poll = u[3]
  self.precision = u[4]
  self.root_delay = u[5] / 2 ^ 16
  self.root_dispersion = u[6] / 2 ^ 16
  self.ref_id = u[7]
  self.ref_timestamp = to_time(u[8], u[9])
  self.orig_timestamp = to_time(u[10], u[11])
  self.recv_timestamp = to_time(u[12], u[13])
  self.tx_timestamp = to_time(u[14], u[15])
end

---------------------------------------------------------------------------
-- NTPStats: a response. offset, delay and the *_time fields (system time,
-- seconds since 1970) are computed when read, as Python's properties are.

local stats_properties = {
  -- How far the local clock is behind the server's, in seconds.
  offset = function(s)
    return ((s.recv_timestamp - s.orig_timestamp) + (s.tx_timestamp - s.dest_timestamp)) / 2
  end,
  -- Round-trip delay, less the time the server held the request.
  delay = function(s)
    return (s.dest_timestamp - s.orig_timestamp) - (s.tx_timestamp - s.recv_timestamp)
  end,
  tx_time = function(s)
    return ntplib.ntp_to_system_time(s.tx_timestamp)
  end,
  recv_time = function(s)
    return ntplib.ntp_to_system_time(s.recv_timestamp)
  end,
  orig_time = function(s)
    return ntplib.ntp_to_system_time(s.orig_timestamp)
  end,
  ref_time = function(s)
    return ntplib.ntp_to_system_time(s.ref_timestamp)
  end,
  dest_time = function(s)
    return ntplib.ntp_to_system_time(s.dest_timestamp)
  end,
}

local NTPStats = {
  __index = function(s, key)
    local property = stats_properties[key]
    if property then
      return property(s)
    end
    return NTPPacket[key]
  end,
  __tostring = function(s)
    return "<ntplib.NTPStats object at " .. rawget(s, "_address") .. ">"
  end,
}

local function new_stats()
  local s = new_packet()
  s.dest_timestamp = 0
  s._address = string.match(tostring(s), "0x%x+") or "0x0"
  return setmetatable(s, NTPStats)
end

---------------------------------------------------------------------------
-- NTPClient

-- NTPClient is a class: calling it makes a client, whose methods are
-- NTPClient's fields.
local NTPClient = {}
NTPClient.__index = NTPClient
NTPClient.__tostring = function(c)
  return "<ntplib.NTPClient object at " .. c._address .. ">"
end

setmetatable(NTPClient, {
  __call = function(_, arg)
    if arg ~= nil then
      error(TypeError("NTPClient() takes no arguments"))
    end
    local c = {}
    c._address = string.match(tostring(c), "0x%x+") or "0x0"
    return setmetatable(c, NTPClient)
  end,
})

-- request asks host for the time and returns an NTPStats.
function NTPClient:request(...)
  if getmetatable(self) ~= NTPClient then
    wrong_self(self, "ntplib.NTPClient")
  end
  local host, version, port, timeout, address_family = keywords("NTPClient.request", ...)
  version = version or 2
  port = port or "ntp"
  timeout = timeout or 5
  address_family = address_family or socket.AF_UNSPEC

  -- look up the server's address
  local addrinfo = socket.getaddrinfo(host, port, address_family)[1]
  local family, sockaddr = addrinfo[1], addrinfo[5]

  local sock = socket.socket(family, socket.SOCK_DGRAM)
  local response_packet, dest_timestamp
  local ok, err = pcall(function()
    sock:settimeout(timeout)
    -- the request packet: mode 3 is client
    local query = new_packet(version, 3, ntplib.system_to_ntp_time(time.time()))
    sock:sendto(query:to_data(), sockaddr)
    -- wait for the response, from the server's address
    local src_addr = {}
    while src_addr[1] ~= sockaddr[1] do
      response_packet, src_addr = sock:recvfrom(256)
    end
    dest_timestamp = ntplib.system_to_ntp_time(time.time())
  end)
  -- finally:
  sock:close()
  if not ok then
    if isinstance(err, socket.timeout) then
      error(NTPException("No response received from " .. tostring(host) .. "."))
    end
    error(err, 0)
  end

  local stats = new_stats()
  stats:from_data(response_packet)
  stats.dest_timestamp = dest_timestamp
  return stats
end

---------------------------------------------------------------------------
-- Fields as text.

function ntplib.leap_to_text(leap)
  local text = NTP.LEAP_TABLE[leap]
  if text == nil then
    error(NTPException("Invalid leap indicator."))
  end
  return text
end

function ntplib.mode_to_text(mode)
  local text = NTP.MODE_TABLE[mode]
  if text == nil then
    error(NTPException("Invalid mode."))
  end
  return text
end

function ntplib.stratum_to_text(stratum)
  if NTP.STRATUM_TABLE[stratum] then
    return string.format(NTP.STRATUM_TABLE[stratum], stratum)
  elseif type(stratum) == "number" and 1 < stratum and stratum < 16 then
    return string.format("secondary reference (%s)", stratum)
  elseif stratum == 16 then
    return string.format("unsynchronized (%s)", stratum)
  end
  error(NTPException("Invalid stratum or reserved."))
end

function ntplib.ref_id_to_text(...)
  local ref_id, stratum = keywords("ref_id_to_text", ...)
  stratum = stratum or 2
  if type(ref_id) ~= "number" then
    arg_error("ref_id", "must be int, not " .. type_name(ref_id))
  elseif ref_id ~= math.floor(ref_id) or ref_id - 1 == ref_id then
    arg_error("ref_id", "must be int, not float")
  end
  local fields = {
    math.floor(ref_id / 2 ^ 24) % 256,
    math.floor(ref_id / 2 ^ 16) % 256,
    math.floor(ref_id / 2 ^ 8) % 256,
    ref_id % 256,
  }
  -- a four-character code for stratum 0 and 1, an IPv4 address above
  if type(stratum) == "number" and 0 <= stratum and stratum <= 1 then
    local text = string.char(unpack(fields))
    return NTP.REF_ID_TABLE[text] or string.format("Unidentified reference source '%s'", text)
  elseif type(stratum) == "number" and 2 <= stratum and stratum < 255 then
    return string.format("%d.%d.%d.%d", unpack(fields))
  end
  error(NTPException("Invalid stratum."))
end

---------------------------------------------------------------------------
-- A small SNTP responder, for tests and teaching: not part of Python's
-- ntplib. It answers each client request (mode 3) with a server reply
-- (mode 4) stamped with the system clock, plus the offset keyword's seconds.

local Responder = {}
Responder.__index = Responder
Responder.__tostring = function(r)
  return "<ntplib responder on " .. tostring(r.server_address) .. ">"
end

-- serve answers requests until r:stop().
local function serve(self)
  local sock = self.socket
  sock:settimeout(0.1) -- wake up now and then to notice stop()
  while not self._stop:is_set() do
    local ok, data, addr = pcall(sock.recvfrom, sock, 1024)
    if ok then
      local received = ntplib.system_to_ntp_time(time.time()) + self.offset
      self:_answer(data, addr, received)
    elseif not isinstance(data, socket.timeout) and not self._stop:is_set() then
      error(data, 0)
    end
  end
end

-- _answer replies to one request; packets that are not requests are ignored.
function Responder:_answer(data, addr, received)
  local request = new_packet()
  if not pcall(request.from_data, request, data) or request.mode ~= 3 then
    return
  end
  local reply = new_packet(request.version, 4)
  reply.leap = 0
  reply.stratum = self.stratum
  reply.poll = request.poll
  reply.precision = -20 -- about a microsecond
  reply.root_dispersion = 0.001
  reply.ref_id = self.ref_id
  reply.ref_timestamp = received - 16
  reply.orig_timestamp = request.tx_timestamp -- the client's own time, sent back
  reply.recv_timestamp = received
  reply.tx_timestamp = ntplib.system_to_ntp_time(time.time()) + self.offset
  self.socket:sendto(reply:to_data(), addr)
end

-- stop ends the responder's thread and closes its socket.
function Responder:stop()
  if getmetatable(self) ~= Responder then
    wrong_self(self, "ntplib.Responder")
  end
  self._stop:set()
  if self._thread then
    self._thread:join()
  end
  self.socket:close()
end

-- ntplib.serve(address [, {stratum=, ref_id=, offset=}]) binds a UDP
-- socket and answers SNTP requests in a daemon thread; its keywords:
-- stratum (default 2), ref_id (default 127.0.0.1's number), offset
-- (seconds added to the clock).
function ntplib.serve(...)
  local address, stratum, ref_id, offset = keywords("serve", ...)
  if type(address) ~= "table" or type(address[1]) ~= "string" or type(address[2]) ~= "number" then
    arg_error("address", "must be a {host, port} table")
  end
  local sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
  local ok, err = pcall(sock.bind, sock, address)
  if not ok then
    sock:close()
    error(err, 0)
  end
  local r = setmetatable({
    socket = sock,
    server_address = sock:getsockname(),
    stratum = stratum or 2,
    ref_id = ref_id or 0x7f000001,
    offset = offset or 0,
    _stop = threading.Event(),
  }, Responder)
  r._thread = threading.Thread({
    target = serve,
    args = { r },
    daemon = true,
  })
  r._thread:start()
  return r
end

ntplib.NTP = NTP
ntplib.NTPClient = NTPClient
ntplib.Responder = Responder
return ntplib
