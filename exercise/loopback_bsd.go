//go:build darwin || freebsd || netbsd || openbsd || dragonfly

package exercise

import "math/rand/v2"

// checkHost is the loopback address a check gives the script with --host.
// macOS and the BSDs configure only 127.0.0.1 on lo0, so checks there use
// it and cannot tell a script that ignores --host.
func checkHost(*rand.Rand) string { return "127.0.0.1" }

// distinctLoopback says whether checks here give --host an address other
// than 127.0.0.1, so that a script binding every address can be caught.
const distinctLoopback = false
