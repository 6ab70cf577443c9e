"""tls_echo_server.py: the Python 3 twin of tls_echo_server.lua.

One thread per connection, the handshake in that thread, then recv(4096)
and sendall on the SSLSocket, TCP_NODELAY on. bench/cmd/netbench -tls
starts it as `python3 bench/tls_echo_server.py PORT BACKLOG CERT KEY`.
"""
import socket
import ssl
import sys
import threading


def handle(ctx, conn):
    tls = ctx.wrap_socket(conn, server_side=True)
    while True:
        data = tls.recv(4096)
        if not data:
            break
        tls.sendall(data)
    tls.close()


def main():
    port, backlog = int(sys.argv[1]), int(sys.argv[2])
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(sys.argv[3], sys.argv[4])
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", port))
    srv.listen(backlog)
    print("echo server listening on 127.0.0.1:%d" % srv.getsockname()[1], flush=True)
    while True:
        conn, _ = srv.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=handle, args=(ctx, conn), daemon=True).start()


if __name__ == "__main__":
    main()
