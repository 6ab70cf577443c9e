-- Beyond the tutorials of docs/tutorials.md, the next chapter (ssl): fetch a
-- server's certificate, as Python's ssl.get_server_certificate does,
-- and show who it was issued to and by, and when it expires.
-- Python: pem = ssl.get_server_certificate((host, port))
--
--   netlua 06-tls/get_server_certificate.lua --host www.python.org
--   netlua 06-tls/get_server_certificate.lua --host localhost --port 9443 --cafile ca.pem
--
-- The certificate is fetched without checking it (with --cafile it must
-- verify against that file); then a second, verifying connection reads its
-- fields with getpeercert().
local socket = require("socket")
local ssl = require("ssl")
local argparse = require("argparse")

local parser = argparse.ArgumentParser{description = "Print a TLS server's certificate"}
parser:add_argument("--host", {default = "www.python.org"})
parser:add_argument("--port", {type = "int", default = 443})
parser:add_argument("--cafile", {help = "trust this CA file instead of the system's"})
local args = parser:parse_args()

local pem = ssl.get_server_certificate({args.host, args.port}, {ca_certs = args.cafile, timeout = 10})
io.write(pem)
print(("%d bytes of DER"):format(#ssl.PEM_cert_to_DER_cert(pem)))

-- A verifying connection for the decoded fields (names as CPython's dict has them).
local function name(rdns)
  local parts = {}
  for _, rdn in ipairs(rdns) do
    for _, pair in ipairs(rdn) do parts[#parts + 1] = pair[1] .. "=" .. pair[2] end
  end
  return table.concat(parts, ", ")
end
local ctx = ssl.create_default_context({cafile = args.cafile})
local ok, e = pcall(function()
  local s = ctx:wrap_socket(socket.create_connection({args.host, args.port}, 10), {server_hostname = args.host})
  local cert = s:getpeercert()
  print("subject: " .. name(cert.subject))
  print("issuer:  " .. name(cert.issuer))
  print("valid:   " .. cert.notBefore .. " to " .. cert.notAfter)
  s:close()
end)
if not ok then
  print("not verified: " .. tostring(e))
end
