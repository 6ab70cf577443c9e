package repl_test

import (
	"errors"
	"os"
	"testing"
)

// The screen tests need a Unix pseudo-terminal: creack/pty drives none on
// Windows, and under Wine there is no console to attach one to. What the
// REPL does without a terminal (piped stdin) is tested on Windows too.
const (
	modeCanonical = 0
	modeSignals   = 0
)

func start(t *testing.T, env ...string) *session {
	t.Helper()
	t.Skip("needs a Unix pseudo-terminal (creack/pty has none on Windows)")
	return nil
}

func localModes(*os.File) (uint32, error) {
	return 0, errors.New("no terminal modes on Windows")
}
