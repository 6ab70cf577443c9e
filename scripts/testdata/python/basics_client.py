# Tutorial 1 (000) in docs/tutorials.md, 三、简单的服务端和客户端示例, 客户端代码,
# with --host/--port as scripts/01-basics/client.lua takes them.
import argparse
import socket

parser = argparse.ArgumentParser(description="TCP client: sends Hello, server! and prints the answer")
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=12345)
args = parser.parse_args()

# 创建一个TCP套接字
client_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
# 连接到服务器
client_socket.connect((args.host, args.port))
# 发送数据
data_to_send = "Hello, server!"
client_socket.send(data_to_send.encode('utf-8'))
# 接收响应
response = client_socket.recv(1024)
print(f"Received response: {response.decode('utf-8')}")
# 关闭连接
client_socket.close()
