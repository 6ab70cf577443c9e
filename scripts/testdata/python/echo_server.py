# Tutorial 5 (004) in docs/tutorials.md, 十一, echo_server.py, as printed.
import socket
import argparse

host = 'localhost'
data_payload = 2048
backlog = 5

def echo_server(port):
    """ 一个简单的回显服务器 """
    # 1,创建 TCP 套接字
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # 2,启用地址可重用
    sock.setsockopt(socket.SOL_SOCKET,
                    socket.SO_REUSEADDR,
                    1)
    # 3,绑定套接字地址
    server_address = (host, port)
    print("启动回显服务器  %s:%s" % server_address)
    sock.bind(server_address)
    # 4,监听客户端,backlog 参数指定最大排队连接数
    sock.listen(backlog)
    while True:
        print("等待从客户端接收信息...")
        # 5,接受客户端连接
        client, address = sock.accept()
        # 6,接收客户端信息
        data = client.recv(data_payload)
        if data:
            print("接收到的客户端数据为: %s" % data.decode('gbk'))	# 接收字节后解码为字符
            # 7,向客户端回显信息
            client.send(data)	# 返回接搜到的字节数据
            print("已将该 %s 字节串返回给 %s" % (data, address))
        # 断开与客户端的连接
        client.close()

if __name__ == '__main__':
    parser = argparse.ArgumentParser(description='Socket Server Example')
    parser.add_argument('--port', action="store", dest="port", type=int, required=True)
    given_args = parser.parse_args()
    port = given_args.port
    echo_server(port)
