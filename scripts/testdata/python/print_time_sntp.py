# Tutorial 5 (004) in docs/tutorials.md, 十, the SNTP version of print_time.py,
# with --host/--port as scripts/05-cookbook/print_time_sntp.lua takes them.
import argparse
import socket
import struct
import time

parser = argparse.ArgumentParser(description="Print the time from an SNTP server")
parser.add_argument("--host", default="cn.pool.ntp.org")
parser.add_argument("--port", type=int, default=123)
args = parser.parse_args()

NTP_SERVER = args.host
TIME1970 = 2208988800

def print_time():
    client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)	# 创建套接字对象
    data = '\x1b' + 47 * '\0'
    client.sendto(data.encode('utf-8'), (NTP_SERVER, args.port))	# 发送数据
    data, address = client.recvfrom(1024)	# 获取时间服务器的响应
    if data:
        print('Response received from:', address)
    t = struct.unpack('!12I', data)[10]		# 解包数据
    t -= TIME1970
    print('\tTime=%s' % time.ctime(t))

if __name__ == '__main__':
    print_time()
