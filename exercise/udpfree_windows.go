package exercise

import "math/rand/v2"

// udpFree cannot ask on Windows as CI runs it: under Wine, Go's UDP sockets
// fail at set-up (WSAIoctl SIO_UDP_CONNRESET is not supported), so the TCP
// check alone chooses the port.
func udpFree(int) error { return nil }

// candidatePort is a random port below the ephemeral range (32768 and up
// under Wine's Linux kernel, 49152 and up on Windows), so that the UDP
// clients of checks running side by side, which bind ephemeral ports,
// cannot already hold it; the TCP listen checks the rest.
func candidatePort() int { return 20000 + rand.IntN(12000) }
