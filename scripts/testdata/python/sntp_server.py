# An SNTP responder for print_time_sntp.lua to query: the tutorial has only
# clients. It answers every request (mode 3) the way netlua's ntplib.serve
# does, field for field, so that the two responders' replies can be compared
# byte for byte outside the timestamps: leap 0, the request's version and
# poll, mode 4, stratum 2, precision -20, root dispersion 0.001 s, reference
# id 127.0.0.1, the client's transmit time sent back as the originate time.
# Runs until Ctrl-C.
import argparse
import socket
import struct
import time

parser = argparse.ArgumentParser(description="Answer SNTP requests with the system clock")
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=123)
args = parser.parse_args()

NTP_DELTA = 2208988800
PACKET_FORMAT = "!B B B b 11I"


def split(t, bits=32):
    """An NTP time as its integral part and a fraction of bits bits."""
    return int(t), int(abs(t - int(t)) * 2 ** bits)


sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind((args.host, args.port))
print("SNTP responder on {}".format(sock.getsockname()))
try:
    while True:
        data, addr = sock.recvfrom(1024)
        received = time.time() + NTP_DELTA
        try:
            request = struct.unpack(PACKET_FORMAT, data[:48])
        except struct.error:
            continue
        if request[0] & 7 != 3:
            continue
        version = request[0] >> 3 & 7
        dispersion = split(0.001, 16)
        reply = struct.pack(
            PACKET_FORMAT,
            version << 3 | 4, 2, request[2], -20,
            0, dispersion[0] << 16 | dispersion[1], 0x7f000001,
            *split(received - 16), request[13], request[14],
            *split(received), *split(time.time() + NTP_DELTA))
        sock.sendto(reply, addr)
except KeyboardInterrupt:
    pass
sock.close()
