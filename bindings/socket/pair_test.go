package socket_test

import (
	"strconv"

	"netlua/bindings/socket"
)

// pf is socketpair's default family as the tests print it: AF_UNIX (1) on
// Unix, AF_INET (2) on Windows, where CPython has no AF_UNIX.
var pf = strconv.Itoa(socket.PairFamily)
