// Package interptest runs Lua snippets in a fresh netlua runtime for tests:
// the one way every package's tests drive their module through Lua.
//
// Files: interptest.go is the test runtime and its helpers (New, Run,
// Error); build.go builds the real binary (BuildNetlua, Main).
package interptest

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"netlua/interp"
)

// A SyncBuffer is a bytes.Buffer that several goroutines may write and read:
// the runtime's writers and the test, or a child process's output copiers.
type SyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Runtime is a runtime whose output is captured.
type Runtime struct {
	*interp.Runtime
	Stdout, Stderr *SyncBuffer
}

// New makes a runtime with modules preloaded and imported into globals
// under their names (so snippets can say socket.socket() directly).
func New(t testing.TB, modules ...*interp.Module) *Runtime {
	t.Helper()
	rt := &Runtime{Runtime: interp.New(modules...), Stdout: &SyncBuffer{}, Stderr: &SyncBuffer{}}
	rt.Out.SetWriters(rt.Stdout, rt.Stderr)
	for _, m := range modules {
		if err := rt.RunString(m.Name+" = require('"+m.Name+"')", "import"); err != nil {
			t.Fatalf("import %s: %v", m.Name, err)
		}
	}
	return rt
}

// Run runs src (waiting for non-daemon threads after) and returns what it
// printed; an error fails the test with its report.
func Run(t testing.TB, src string, modules ...*interp.Module) string {
	t.Helper()
	rt := New(t, modules...)
	if err := rt.RunString(src, "test"); err != nil {
		t.Fatalf("lua error: %s\nstdout:\n%s", interp.FromLuaError(rt.Runtime, err).Report(), rt.Stdout)
	}
	rt.WaitThreads()
	return rt.Stdout.String()
}

// Error runs src, which must fail, and returns the error's first line
// (Message: "test:3: ValueError: ..."); success fails the test.
func Error(t testing.TB, src string, modules ...*interp.Module) string {
	t.Helper()
	rt := New(t, modules...)
	err := rt.RunString(src, "test")
	rt.WaitThreads()
	if err == nil {
		t.Fatalf("expected an error from:\n%s\nstdout:\n%s", src, rt.Stdout)
	}
	return interp.FromLuaError(rt.Runtime, err).Message()
}

// Lines splits printed output into lines without the trailing empty one.
func Lines(out string) []string {
	return strings.Split(strings.TrimSuffix(out, "\n"), "\n")
}
