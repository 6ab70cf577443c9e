-- Tutorial 5 (004) in docs/tutorials.md, 八,修改套接字发送与接受数据的缓冲区大小.
-- Linux doubles the value set with SO_SNDBUF/SO_RCVBUF: 4096 reads back 8192.
local socket = require("socket")

-- 缓冲区区大小
local SEND_BUF_SIZE = 4096
local RECV_BUF_SIZE = 4096

local function modify_buff_size()
  local sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM) -- 创建套接字
  local sndbufsize = sock:getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF) -- 获取该套接字的发送缓冲区大小
  print(("send buffer size [Before]:%d"):format(sndbufsize))
  local rcvbufsize = sock:getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF) -- 获取该套接字的接收缓冲区大小
  print(("receive buffer size [Before]:%d"):format(rcvbufsize))
  sock:setsockopt( -- 设置套接字选项。
    socket.SOL_TCP, -- 在 TCP 层级中,
    socket.TCP_NODELAY, -- 是否不使用Nagle算法,
    1) -- 是。
  sock:setsockopt( -- 设置套接字选项。
    socket.SOL_SOCKET, -- 在该套接字层级中,
    socket.SO_SNDBUF, -- 设置发送缓冲区大小,
    SEND_BUF_SIZE) -- 为 4096 字节。
  sock:setsockopt( -- 设置套接字选项。
    socket.SOL_SOCKET, -- 在该套接字层级中,
    socket.SO_RCVBUF, -- 设置接收缓冲区大小,
    RECV_BUF_SIZE) -- 为 4096 字节。
  sndbufsize = sock:getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF) -- 获取该套接字的发送缓冲区大小
  print(("send buffer size [After]:%d"):format(sndbufsize))
  rcvbufsize = sock:getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF) -- 获取该套接字的接收缓冲区大小
  print(("receive buffer size [After]:%d"):format(rcvbufsize))
end

modify_buff_size()
