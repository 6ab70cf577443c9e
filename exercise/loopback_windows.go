package exercise

import "math/rand/v2"

// checkHost is the loopback address a check gives the script with --host.
// Windows, like Linux, answers on all of 127.0.0.0/8, so each run takes
// another address and a script that ignores --host is caught.
func checkHost(r *rand.Rand) string { return randomLoopback(r) }
