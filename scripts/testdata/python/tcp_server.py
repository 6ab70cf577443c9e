# Tutorial 2 (001) in docs/tutorials.md, TCP编程, 示例, with --host/--port as
# scripts/02-network-programming/tcp_server.lua takes them. The tutorial
# imports time but not socket; socket is imported here.
import argparse
import socket

parser = argparse.ArgumentParser(description="TCP server that answers 已接收到数据 {}")
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=9999)
args = parser.parse_args()

#TCP Server
sock = socket.socket() #默认IPv4,TCP
ip = args.host
port = args.port # 整数
addr = (ip, port)
sock.bind(addr) # 绑定IP和端口
sock.listen()  #监听
conn, addrinfo = sock.accept() #返回一个socket对象和一个远端地址,默认阻塞
data = conn.recv(1024) # 接收数据
print(data)
msg = '已接收到数据 {}'.format(data.decode())
conn.send(msg.encode()) #传送字节流数据
conn.close()
sock.close()
