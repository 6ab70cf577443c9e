//go:build race

package hardening

// raceEnabled shrinks the load: the race detector slows netlua ~10-fold.
const raceEnabled = true
