# Tutorial 2 (001) in docs/tutorials.md, UDP服务端, following its four steps as
# scripts/02-network-programming/udp_server.lua does. Answers one datagram.
import argparse
import socket

parser = argparse.ArgumentParser(description="UDP server: answers one datagram")
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=9999)
args = parser.parse_args()

# 1)创建socket对象
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
# 2)绑定IP和port
sock.bind((args.host, args.port))
print("UDP server on {}".format(sock.getsockname()))
# 3)传输数据: 接收数据 recvfrom, 发送数据 sendto
data, addr = sock.recvfrom(1024)
print("Received {} from {}".format(data.decode(), addr))
sock.sendto("Your msg: {}".format(data.decode()).encode(), addr)
# 4)释放资源
sock.close()
