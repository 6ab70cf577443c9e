local socket = require("socket")

-- get the host name, then the address for that name, and print both
