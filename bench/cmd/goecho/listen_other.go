//go:build !linux

package main

import (
	"fmt"
	"net"
)

// listen listens with net's backlog: the system's maximum (somaxconn).
// Only Linux's benchmark compares backlogs; elsewhere goecho just serves.
func listen(port, backlog int) (net.Listener, error) {
	return net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
}
