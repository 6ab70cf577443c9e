# Tutorial 5 (004) in docs/tutorials.md, 十一, echo_client.py, as printed.
# It waits for len(message) = 13 characters where 26 gbk bytes are sent; one
# recv brings all 26, so the loop ends after it either way.
import socket
import argparse

host = 'localhost'  # 127.0.0.1

def echo_client(port):
    """ 一个简单的回显客户 """
    # 1,创建 TCP 套接字
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # 2,连接到服务器socket
    server_address = (host, port)
    print("正在连接到 %s:%s" % server_address)
    sock.connect(server_address)
    try:
        # 3,向服务器发送信息
        message = "测试数据,该信息会被回显!"
        print("正在发送 %s" % message)
        sock.sendall(message.encode('gbk'))	# 字符串编码为字节后发送。
        # 4,等待从服务器接收响应信息
        amount_received = 0
        amount_expected = len(message)
        while amount_received < amount_expected:
            data = sock.recv(2018)
            amount_received += len(data)
        print("接收到的服务器端数据为: %s" % data.decode('gbk'))	# 接收字节后解码为字符
    except socket.error as e:
        print("Socket 错误: %s" % str(e))
    except Exception as e:
        print("其他错误: %s" % str(e))
    finally:
        print("正在关闭到服务器端的链接...")
        sock.close()

if __name__ == '__main__':
    parser = argparse.ArgumentParser(description='Socket Server Example')
    parser.add_argument('--port', action="store", dest="port", type=int, required=True)
    given_args = parser.parse_args()
    port = given_args.port
    echo_client(port)
