# Tutorial 3 (002) in docs/tutorials.md, 什么是服务器？ 举例, with clt.close()
# from 多重沟通 and --host/--port as scripts/03-edureka/server.lua takes
# them. Runs until Ctrl-C.
import argparse
import socket

parser = argparse.ArgumentParser(description="Sends a greeting to every client")
parser.add_argument("--host", default=socket.gethostname())
parser.add_argument("--port", type=int, default=1234)
args = parser.parse_args()

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind((args.host, args.port))
#port number can be anything between 0-65535(we usually specify non-previleged ports which are > 1023)
s.listen(5)

while True:
    clt, adr = s.accept()
    print(f"Connection to {adr}established")
    #to send info to clientsocket
    clt.send(bytes("Socket Programming in Python", "utf-8 "))
    clt.close()
