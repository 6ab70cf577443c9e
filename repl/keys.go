package repl

import (
	"io"
	"sync"
	"sync/atomic"

	"github.com/ergochat/readline"
)

// Ctrl-C while typing clears the line — except that the line editor, when
// its completion menu is open, takes Ctrl-C as "close the menu" and leaves
// the line as it was. A learner pressing Ctrl-C expects the line gone, as
// everywhere else. The editor has no call to clear its line, so netlua
// sends it the keys that do: Ctrl-G (close the menu) and then Ctrl-C again
// (now an ordinary interrupt, which clears the line), by putting the second
// key in front of the terminal's input.

// keyInput is the line editor's stdin: the terminal, with keys netlua adds
// read first. The editor reads only when it wants a key, so a key added
// while it handles one is the next it reads.
type keyInput struct {
	r       io.Reader
	mu      sync.Mutex
	pending []byte
}

func (k *keyInput) Read(p []byte) (int, error) {
	k.mu.Lock()
	if len(k.pending) > 0 {
		n := copy(p, k.pending)
		k.pending = k.pending[n:]
		k.mu.Unlock()
		return n, nil
	}
	k.mu.Unlock()
	return k.r.Read(p)
}

func (k *keyInput) push(b ...byte) {
	k.mu.Lock()
	k.pending = append(k.pending, b...)
	k.mu.Unlock()
}

// menuKeys follows whether the completion menu may be open: from a Tab that
// offered several names until the line is entered or Ctrl-C is handled.
// (When the menu has closed another way, the Ctrl-G sent is harmless.)
type menuKeys struct {
	input    *keyInput
	menuOpen atomic.Bool
}

// filter is the editor's FuncFilterInputRune.
func (m *menuKeys) filter(r rune) (rune, bool) {
	switch r {
	case readline.CharInterrupt:
		if m.menuOpen.Swap(false) {
			m.input.push(readline.CharInterrupt)
			return readline.CharBell, true
		}
	case readline.CharEnter, readline.CharCtrlJ:
		m.menuOpen.Store(false)
	}
	return r, true
}

// offered records how many names a Tab offered: more than one opens the menu.
func (m *menuKeys) offered(n int) {
	if n > 1 {
		m.menuOpen.Store(true)
	}
}
