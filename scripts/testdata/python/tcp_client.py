# The client of tcp_server.py and socketserver_server.py, as
# scripts/02-network-programming/tcp_client.lua (the tutorial shows only
# the servers): sends one message and prints the answer.
import argparse
import socket

parser = argparse.ArgumentParser(description="TCP client: send a message, print the answer")
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=9999)
parser.add_argument("--message", default="hello")
parser.add_argument("--encoding", default="utf-8")
args = parser.parse_args()

s = socket.create_connection((args.host, args.port))
s.sendall(args.message.encode(args.encoding))
print(s.recv(1024).decode(args.encoding))
s.close()
