# Beyond the tutorials: scripts/07-beyond/json_client.lua in Python. Sends
# JSON messages, one per line, each with the sha256 of its text (one with a
# wrong sum, and one line that is not JSON), then reads one reply per line.
import argparse
import hashlib
import json
import socket

parser = argparse.ArgumentParser(description="JSON-lines client with sha256 checksums")
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--port", type=int, default=9500)
args = parser.parse_args()

texts = ["hello", "你好，世界", "checksum me"]
lines = []
for i, text in enumerate(texts, 1):
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if i == 3:
        digest = hashlib.sha256(b"something else").hexdigest()
    lines.append(json.dumps({"seq": i, "text": text, "sha256": digest}))
lines.append("{not json}")

s = socket.create_connection((args.host, args.port))
for line in lines:
    s.sendall((line + "\n").encode("utf-8"))
print("Sent %d messages" % len(lines))

buffer, replies = b"", 0
while replies < len(lines):
    data = s.recv(4096)
    if not data:
        break
    buffer += data
    while b"\n" in buffer:
        line, buffer = buffer.split(b"\n", 1)
        reply = json.loads(line)
        replies += 1
        if "error" in reply:
            print("server: bad message: " + reply["error"])
        else:
            print("server: #%d %s, %d bytes" % (reply["seq"], "ok" if reply["ok"] else "checksum mismatch", reply["bytes"]))
s.close()
