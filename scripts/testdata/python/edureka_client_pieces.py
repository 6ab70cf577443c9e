# Tutorial 3 (002) in docs/tutorials.md, 多重沟通: receive in 7-byte pieces until
# the server closes, as scripts/03-edureka/client_pieces.lua. The tutorial's
# `len(msg)&amp;...lt;=0` is HTML-mangled `len(msg)<=0`.
import argparse
import socket

parser = argparse.ArgumentParser(description="Receives the greeting 7 bytes at a time")
parser.add_argument("--host", default=socket.gethostname())
parser.add_argument("--port", type=int, default=1234)
args = parser.parse_args()

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((args.host, args.port))
complete_info = ''
while True:
    msg = s.recv(7)
    if len(msg) <= 0:
        break
    complete_info += msg.decode("utf-8")
print(complete_info)
