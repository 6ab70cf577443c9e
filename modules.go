package main

import (
	"netlua/bindings/socket"
	"netlua/interp"
)

// Modules are the modules every runtime preloads (require finds them). The
// REPL also imports them into globals.
var Modules = []*interp.Module{
	socket.Module,
}
