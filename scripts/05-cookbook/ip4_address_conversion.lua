-- Tutorial 5 (004) in docs/tutorials.md, 三,转换 IPv4 地址的格式. Asks for a host
-- name and a base (2 or 16) with input(). The tutorial prints an undefined
-- name, binary_ip4_addr, for base 2: it means binary_ipd_addr. bytes_repr
-- shows bytes the way Python prints them (b'\x97eL\xdf').
local socket = require("socket")
local binascii = require("binascii")

local function get_remote_machine_ip4(host_name)
  -- get ip4_address from host_name
  local ip4_address = socket.gethostbyname(host_name)
  print(("IPv4 address of %s: %s"):format(host_name, ip4_address))
  return ip4_address
end

local function convert_ip4_address(host_name, mod)
  -- convert ip4_address decimal to different formats
  mod = tonumber(mod)
  local ipd_addr = get_remote_machine_ip4(host_name) -- 获取点分十进制字符串格式的IPv4地址。
  local binary_ipd_addr = socket.inet_aton(ipd_addr) -- 获取十转二的IPv4地址。
  if mod == 16 then
    local hexadecimal_ip4_addr = binascii.hexlify(binary_ipd_addr) -- 获取二转十六的IPv4地址。
    print(("Hexadecimal IPv4 Address: %s"):format(bytes_repr(hexadecimal_ip4_addr)))
  end
  if mod == 2 then
    print(("Binary IPv4 address: %s"):format(bytes_repr(binary_ipd_addr)))
  end
end

local host_name = input("input host's name:")
local base = input("input base,2 or 16:")
convert_ip4_address(host_name, base)
