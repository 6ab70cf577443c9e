# Tutorial 3 (002) in docs/tutorials.md, 如何使用 pickle 模块传递 python 对象结构？
# 服务器端, with --host/--port as scripts/03-edureka/pickle_server.lua. The
# garbled header line is read, as there, as
# bytes(f"{len(mymsg):<{a}}", "utf-8") + mymsg. The tutorial's server never
# closes the connection, so a client reading to the end waits for ever;
# clt.close() is added as the Lua port adds it. Runs until Ctrl-C.
import argparse
import pickle
import socket

parser = argparse.ArgumentParser(description="Sends a pickled dict with a 10-byte length header")
parser.add_argument("--host", default=socket.gethostname())
parser.add_argument("--port", type=int, default=2133)
args = parser.parse_args()

a = 10
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind((args.host, args.port))        #binding tuple
s.listen(5)
while True:
    clt, adr = s.accept()
    print(f"Connection to {adr}established")

    m = {1: "Client", 2: "Server"}
    mymsg = pickle.dumps(m)  #the msg we want to print later
    mymsg = bytes(f"{len(mymsg):<{a}}", "utf-8") + mymsg
    clt.send(mymsg)
    clt.close()
