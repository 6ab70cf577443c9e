package interp

import (
	"io"
	"os"
	"sync"
)

// Output is the one path all output takes, from every thread: each Write is
// one whole piece of text (print builds its whole line first), written under
// a lock so lines from different threads never interleave. The REPL points it
// at its line editor, which redraws the prompt below what was printed.
type Output struct {
	mu     sync.Mutex
	stdout io.Writer
	stderr io.Writer
}

// NewOutput writes to stdout and stderr (os.Stdout and os.Stderr if nil).
func NewOutput(stdout, stderr io.Writer) *Output {
	o := &Output{}
	o.SetWriters(stdout, stderr)
	return o
}

// SetWriters redirects output; nil means the process's own stream.
func (o *Output) SetWriters(stdout, stderr io.Writer) {
	if stdout == nil {
		stdout = os.Stdout
	}
	if stderr == nil {
		stderr = os.Stderr
	}
	o.mu.Lock()
	o.stdout, o.stderr = stdout, stderr
	o.mu.Unlock()
}

// Write writes s to standard output in one piece.
func (o *Output) Write(s string) {
	o.mu.Lock()
	io.WriteString(o.stdout, s)
	o.mu.Unlock()
}

// WriteErr writes s to standard error in one piece.
func (o *Output) WriteErr(s string) {
	o.mu.Lock()
	io.WriteString(o.stderr, s)
	o.mu.Unlock()
}
