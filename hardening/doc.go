// Package hardening holds netlua's robustness tests: faults injected into
// real loopback connections, Ctrl-C delivered at random moments into a
// server under load, descriptor and goroutine leaks, load with checksummed
// echoes, and the loopback-only defaults of the tutorial scripts. It has no
// code of its own; everything is in the tests, which drive netlua through
// Lua snippets (interptest) as a learner's script would. TESTING.md at the
// repository root lists what is injected and measured, and how to run the
// full-scale load (NETLUA_LOAD=full).
package hardening
