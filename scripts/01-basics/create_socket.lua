-- Tutorial 1 (000) in docs/tutorials.md, 二、创建套接字对象(Socket 的实例化):
-- create a TCP socket, print it and its type.
--
--   import socket
--   s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
--   print(s)
--   print(type(s))
local socket = require("socket")

local s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
print(s)
-- Lua's type() names only Lua's own types ("userdata"); the class name that
-- Python's type(s) prints is the object's __name.
print(("<class '%s'>"):format(getmetatable(s).__name))
