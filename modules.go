package main

import (
	"netlua/bindings/selectors"
	"netlua/bindings/socket"
	"netlua/bindings/ssl"
	"netlua/bindings/threading"
	"netlua/bindings/time"
	"netlua/interp"
	"netlua/stdlib/argparse"
	"netlua/stdlib/binascii"
	"netlua/stdlib/bit"
	"netlua/stdlib/codecs"
	"netlua/stdlib/ntplib"
	"netlua/stdlib/pickle"
	"netlua/stdlib/pystruct"
	"netlua/stdlib/socketserver"
)

// Modules are the modules every runtime preloads (require finds them); the
// REPL also imports them into globals. Adding a module is one line here.
var Modules = []*interp.Module{
	socket.Module,
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
}
