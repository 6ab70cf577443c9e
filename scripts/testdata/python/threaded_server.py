# Tutorial 4 (003) in docs/tutorials.md, 伺服器: one thread per connection, with
# --host/--port/--delay as scripts/04-tcp-programming/threaded_server.lua.
# The tutorial's text was lower-cased in copying (while true,
# threading.thread, b'welcome!'); the capitals are restored, as in the Lua
# port. Runs until Ctrl-C.
import argparse
import socket
import threading
import time

parser = argparse.ArgumentParser(description="Thread-per-connection greeting server")
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=9999)
parser.add_argument("--delay", type=float, default=1, help="seconds to sleep after each recv, as the tutorial does")
args = parser.parse_args()


def tcplink(sock, addr):
    print('Accept new connection from %s:%s...' % addr)
    sock.send(b'Welcome!')
    while True:
        data = sock.recv(1024)
        time.sleep(args.delay)
        if not data or data.decode('utf-8') == 'exit':
            break
        sock.send(('Hello, %s!' % data.decode('utf-8')).encode('utf-8'))
    sock.close()
    print('Connection from %s:%s closed.' % addr)


s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
# 監聽埠:
s.bind((args.host, args.port))
s.listen(5)
print('Waiting for connection...')
while True:
    # 接受乙個新連線:
    sock, addr = s.accept()
    # 建立新執行緒來處理tcp連線:
    t = threading.Thread(target=tcplink, args=(sock, addr))
    t.start()
