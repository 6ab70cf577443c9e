package repl

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ergochat/readline"
	"github.com/yuin/gopher-lua/parse"

	"netlua/internal/safefile"
)

// historyLimit is how many entries are kept, in memory and in the file.
const historyLimit = 1000

// maxHistoryFile bounds what is read at start: far more than historyLimit
// entries of any sensible length.
const maxHistoryFile = 16 << 20

// history is the list of entered chunks, kept in a file between sessions.
//
// netlua writes the file itself rather than letting readline do it: readline
// creates it world-readable (history holds whatever was typed, so it is made
// 0600 here), saves every line it reads (a multi-line chunk should come back
// as one entry), and writes through whatever the path names. Here the whole
// list is written to a new file and renamed over the old one (safefile), so
// a link at the path is never followed; a path that is not a regular file is
// refused when the REPL starts, and history is then not kept. As with
// Python's REPL, the session that saves last decides what the file holds.
type history struct {
	path    string // "" when history is not saved
	entries []string
	failed  bool // a save failed (and said so): no more attempts
	warn    func(string)
}

// historyPath is NETLUA_HISTORY if set (empty disables saving), otherwise
// ~/.netlua_history.
func historyPath() string {
	if p, ok := os.LookupEnv("NETLUA_HISTORY"); ok {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".netlua_history")
}

// loadHistory reads the file (one entry a line), keeping the newest entries.
// warn says why history is not kept, when it cannot be.
func loadHistory(path string, warn func(string)) *history {
	h := &history{path: path, warn: warn}
	if path == "" {
		return h
	}
	data, err := safefile.Read(path, maxHistoryFile)
	if os.IsNotExist(err) {
		return h
	}
	if err != nil {
		h.path = ""
		warn(fmt.Sprintf("netlua: history is not kept: %v\n", err))
		return h
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) != "" {
			h.entries = append(h.entries, strings.TrimSuffix(line, "\r"))
		}
	}
	if len(h.entries) > historyLimit {
		h.entries = h.entries[len(h.entries)-historyLimit:]
	}
	return h
}

// add records a chunk, given as the lines it was typed in, and saves the
// list. A repeat of the previous entry is not recorded again.
func (h *history) add(lines []string) {
	added := false
	for _, e := range joinEntry(lines) {
		if strings.TrimSpace(e) == "" || len(h.entries) > 0 && h.entries[len(h.entries)-1] == e {
			continue
		}
		h.entries = append(h.entries, e)
		if len(h.entries) > historyLimit {
			h.entries = h.entries[1:]
		}
		added = true
	}
	if added {
		h.save()
	}
}

// save writes the list, private to the user (0600). A failure is reported
// once; the session goes on without saving.
func (h *history) save() {
	if h.path == "" || h.failed {
		return
	}
	var b strings.Builder
	for _, e := range h.entries {
		b.WriteString(e + "\n")
	}
	if err := safefile.Write(h.path, []byte(b.String()), 0o600); err != nil {
		h.failed = true
		h.warn(fmt.Sprintf("netlua: history is not saved: %v\n", err))
	}
}

// load gives readline the entries for Up, Down and Ctrl-R. readline's own
// idea of the current entry would otherwise be whichever one the user last
// recalled, so it is rebuilt from the list each time.
func (h *history) load(rl *readline.Instance) {
	rl.ResetHistory()
	for _, e := range h.entries {
		rl.SaveToHistory(e)
	}
}

// joinEntry makes one history entry of a chunk typed over several lines: the
// lines joined by spaces, which in Lua means the same unless a line ends in
// a comment; then the lines are kept as separate entries rather than
// recording a chunk that would mean something else.
func joinEntry(lines []string) []string {
	if len(lines) == 1 {
		return lines
	}
	parts := make([]string, len(lines))
	for i, l := range lines {
		if i == 0 {
			parts[i] = strings.TrimRight(l, " \t")
		} else {
			parts[i] = strings.TrimSpace(l)
		}
	}
	joined := strings.Join(parts, " ")
	if _, err := parse.Parse(strings.NewReader(joined+"\n"), "history"); err != nil || strings.Contains(joined, "--") || strings.Contains(joined, "[[") || strings.Contains(joined, "[=") {
		return lines
	}
	return []string{joined}
}
