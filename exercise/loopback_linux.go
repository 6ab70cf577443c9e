package exercise

import "math/rand/v2"

// checkHost is the loopback address a check gives the script with --host.
// Linux answers on all of 127.0.0.0/8, so each run takes another address:
// a script that ignores --host and binds 0.0.0.0 or 127.0.0.1 is caught.
func checkHost(r *rand.Rand) string { return randomLoopback(r) }

// distinctLoopback says whether checks here give --host an address other
// than 127.0.0.1, so that a script binding every address can be caught.
const distinctLoopback = true
