# Tutorial 2 (001) in docs/tutorials.md, Socketserver, 示例, with --host/--port as
# scripts/02-network-programming/socketserver_server.lua. The tutorial calls
# server.shutdown() after serve_forever(), which never returns by itself; as
# in the Lua port, serve_forever runs in a thread and Ctrl-C in the main
# thread leads to shutdown() and server_close().
import argparse
import socketserver
import threading
import time

parser = argparse.ArgumentParser(description="socketserver.ThreadingTCPServer with MyHandler")
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=9999)
args = parser.parse_args()

# 处理用户请求
class MyHandler(socketserver.BaseRequestHandler):

    def setup(self):
        super().setup()
        self.event = threading.Event()

    def handle(self):
        super().handle()
        print(self.server, self.client_address, self.request)
        # 循环,没有循环,连接处理直接断掉了
        while not self.event.is_set():
            data = self.request.recv(1024).decode()
            msg = "Your msg={}".format(data)
            print(msg)
            self.request.send(msg.encode())
            if not data:
                break

    def finish(self):
        super().finish()


#启动服务 服务器绑定地址
ADDR = (args.host, args.port)
server = socketserver.ThreadingTCPServer(ADDR, MyHandler)
threading.Thread(target=server.serve_forever).start()

try:
    while True:
        time.sleep(3600)
except KeyboardInterrupt:
    pass
server.shutdown()
server.server_close()
print("server closed")
