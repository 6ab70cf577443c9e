# Beyond the tutorials: scripts/07-beyond/pool_server.lua in Python. The
# accepting thread hands connections to a pool of workers through a
# queue.Queue; each worker reads JSON lines, checks each message's sha256
# and answers one JSON line. Runs until Ctrl-C.
import argparse
import hashlib
import json
import queue
import socket
import threading

parser = argparse.ArgumentParser(description="JSON-lines server with a pool of worker threads")
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=9500)
parser.add_argument("--workers", type=int, default=4)
args = parser.parse_args()


def answer(line):
    try:
        msg = json.loads(line)
    except json.JSONDecodeError as e:
        print("bad message: %s" % e)
        return {"ok": False, "error": str(e)}
    text = msg["text"].encode("utf-8")
    good = hashlib.sha256(text).hexdigest() == msg["sha256"]
    print("#%d %s, %d bytes" % (msg["seq"], "checksum ok" if good else "checksum mismatch", len(text)))
    return {"seq": msg["seq"], "ok": good, "bytes": len(text)}


def handle(conn, addr):
    print("Connection from %s:%d" % addr)
    buffer = b""
    while True:
        data = conn.recv(4096)
        if not data:
            break
        buffer += data
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            conn.sendall((json.dumps(answer(line)) + "\n").encode("utf-8"))
    conn.close()
    print("Connection from %s:%d closed" % addr)


jobs = queue.Queue()


def worker():
    while True:
        conn, addr = jobs.get()
        try:
            handle(conn, addr)
        except Exception as e:
            print("worker error: %s" % e)
        jobs.task_done()


for _ in range(args.workers):
    threading.Thread(target=worker, daemon=True).start()

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((args.host, args.port))
s.listen(5)
print("Serving on %s:%d with %d workers" % (args.host, args.port, args.workers))
try:
    while True:
        conn, addr = s.accept()
        jobs.put((conn, addr))
except KeyboardInterrupt:
    pass
s.close()
print("Server stopped")
