# Tutorial 3 (002) in docs/tutorials.md, 什么是客户？ 举例, with --host/--port
# and --bufsize (7 in the tutorial's second run) as
# scripts/03-edureka/client.lua takes them.
import argparse
import socket

parser = argparse.ArgumentParser(description="Receives the greeting with one recv(1024)")
parser.add_argument("--host", default=socket.gethostname())
parser.add_argument("--port", type=int, default=1234)
parser.add_argument("--bufsize", type=int, default=1024)
args = parser.parse_args()

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((args.host, args.port))
msg = s.recv(args.bufsize)
print(msg.decode("utf-8"))
