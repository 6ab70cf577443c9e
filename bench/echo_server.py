"""echo_server.py: the Python 3 twin of echo_server.lua, for the benchmark.

One thread per connection, recv(4096) and sendall, TCP_NODELAY on.
bench/cmd/netbench starts it as `python3 bench/echo_server.py PORT [BACKLOG]`
and waits for the "listening on" line before driving it.
"""
import socket
import sys
import threading


def handle(conn):
    # Like the tutorials' servers (and echo_server.lua), no error handling:
    # a connection reset ends the thread with its traceback.
    while True:
        data = conn.recv(4096)
        if not data:
            break
        conn.sendall(data)
    conn.close()


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    backlog = int(sys.argv[2]) if len(sys.argv) > 2 else 128
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", port))
    srv.listen(backlog)
    print("echo server listening on 127.0.0.1:%d" % srv.getsockname()[1], flush=True)
    while True:
        conn, _ = srv.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main()
