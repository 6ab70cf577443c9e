# Tutorial 3 (002) in docs/tutorials.md, 如何使用 pickle 模块传递 python 对象结构？
# 客户端, with --host/--port as scripts/03-edureka/pickle_client.lua. The
# tutorial's loop is mis-indented and never ends; as in the Lua port, it
# keeps its evident intent and stops when the server closes the connection.
import argparse
import pickle
import socket

parser = argparse.ArgumentParser(description="Receives a pickled object behind a 10-byte length header")
parser.add_argument("--host", default=socket.gethostname())
parser.add_argument("--port", type=int, default=2133)
args = parser.parse_args()

a = 10
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((args.host, args.port))

complete_info = b''
rec_msg = True
while True:
    mymsg = s.recv(10)
    if mymsg == b'':
        break  # the server closed the connection
    if rec_msg:
        print(f"The length of message = {mymsg[:a]}")
        x = int(mymsg[:a])
        rec_msg = False
    complete_info += mymsg
    if len(complete_info) - a == x:
        print("Recieved the complete info")
        print(complete_info[a:])
        m = pickle.loads(complete_info[a:])
        print(m)
        rec_msg = True
        complete_info = b''
print(complete_info)
