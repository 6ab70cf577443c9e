package exercise

import "math/rand/v2"

// checkHost is the loopback address a check gives the script with --host.
// On Windows it is 127.0.0.1: under Wine, where CI runs the Windows build,
// a UDP socket bound to one loopback address also gets datagrams sent to
// the others, so a check of --host could not be trusted there.
func checkHost(*rand.Rand) string { return "127.0.0.1" }

// distinctLoopback says whether checks here give --host an address other
// than 127.0.0.1, so that a script binding every address can be caught.
const distinctLoopback = false
