# Tutorial 4 (003) in docs/tutorials.md, the client of the threaded server, with
# --host/--port as scripts/04-tcp-programming/threaded_client.lua.
import argparse
import socket

parser = argparse.ArgumentParser(description="Client of the thread-per-connection server")
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=9999)
args = parser.parse_args()

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
# 建立連線:
s.connect((args.host, args.port))
# 接收歡迎訊息:
print(s.recv(1024).decode('utf-8'))
for data in [b'michael', b'tracy', b'sarah']:
    # 傳送資料:
    s.send(data)
    print(s.recv(1024).decode('utf-8'))
s.send(b'exit')
s.close()
