package exercise

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

// stopOnSignals makes a stop signal end the check: every learner's process
// tree is killed, then the checker exits with the shell's status for the
// signal (130 for Ctrl-C). The returned function stops listening.
func stopOnSignals() (stop func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, stopSignals...)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			live.stopAll()
			fmt.Fprintf(os.Stderr, "\nnetlua exercise: stopped (%v); the script was stopped too\n", sig)
			os.Exit(exitStatus(sig))
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}

// exitStatus is 128 plus the signal's number, as a shell reports a process
// a signal ended.
func exitStatus(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 1
}
