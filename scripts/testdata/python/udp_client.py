# Tutorial 2 (001) in docs/tutorials.md, UDP客户端, following its three steps as
# scripts/02-network-programming/udp_client.lua does.
import argparse
import socket

parser = argparse.ArgumentParser(description="UDP client: sends one datagram")
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=9999)
parser.add_argument("--message", default="hello udp")
args = parser.parse_args()

# 1)创建socket对象
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
# 2)发送数据: 发给某地址某信息
n = sock.sendto(args.message.encode(), (args.host, args.port))
print("Sent %d bytes to %s:%d" % (n, args.host, args.port))
# 3)释放资源
sock.close()
