package main

import (
	"netlua/bindings/selectors"
	"netlua/bindings/socket"
	"netlua/bindings/ssl"
	"netlua/bindings/threading"
	"netlua/bindings/time"
	"netlua/interp"
	"netlua/stdlib/argparse"
	"netlua/stdlib/base64"
	"netlua/stdlib/binascii"
	"netlua/stdlib/bit"
	"netlua/stdlib/codecs"
	"netlua/stdlib/hashlib"
	"netlua/stdlib/json"
	"netlua/stdlib/luasocket"
	"netlua/stdlib/ntplib"
	"netlua/stdlib/pickle"
	"netlua/stdlib/pystruct"
	"netlua/stdlib/queue"
	"netlua/stdlib/socketserver"
)

// Modules are the modules every runtime preloads (require finds them); the
// REPL also imports them into globals. Adding a module is one line here.
var Modules = []*interp.Module{
	luasocket.Extend(socket.Module),
	ssl.Module,
	threading.Module,
	time.Module,
	selectors.SelectModule,
	selectors.SelectorsModule,
	pystruct.Module,
	binascii.Module,
	bit.Module,
	codecs.Module,
	pickle.Module,
	argparse.Module,
	socketserver.Module,
	ntplib.Module,
	queue.Module,
	json.Module,
	hashlib.Module,
	base64.Module,
	luasocket.LTN12,
	luasocket.MIME,
	luasocket.URL,
	luasocket.Headers,
	luasocket.HTTP,
	luasocket.TP,
	luasocket.SMTP,
	luasocket.FTP,
}
