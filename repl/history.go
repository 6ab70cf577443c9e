package repl

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"

	"github.com/ergochat/readline"
	"github.com/yuin/gopher-lua/parse"
)

// historyLimit is how many entries are kept, in memory and in the file.
const historyLimit = 1000

// history is the list of entered chunks, kept in a file between sessions.
//
// netlua writes the file itself rather than letting readline do it, for two
// reasons: readline creates it world-readable (history holds whatever was
// typed, so it is made 0600 here), and readline saves every line it reads,
// while a multi-line chunk should come back as one entry.
type history struct {
	path    string // "" when history is not saved
	entries []string
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

// loadHistory reads the file (one entry a line), keeping the newest
// entries, and rewrites it when it has grown well past the limit.
func loadHistory(path string) *history {
	h := &history{path: path}
	if path == "" {
		return h
	}
	f, err := os.Open(path)
	if err != nil {
		return h
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	lines := 0
	for sc.Scan() {
		if line := sc.Text(); strings.TrimSpace(line) != "" {
			h.entries = append(h.entries, line)
			lines++
		}
	}
	if len(h.entries) > historyLimit {
		h.entries = h.entries[len(h.entries)-historyLimit:]
	}
	if lines > 2*historyLimit {
		h.rewrite()
	}
	return h
}

// add records a chunk, given as the lines it was typed in, and appends it to
// the file. A repeat of the previous entry is not recorded again.
func (h *history) add(lines []string) {
	for _, e := range joinEntry(lines) {
		if strings.TrimSpace(e) == "" || len(h.entries) > 0 && h.entries[len(h.entries)-1] == e {
			continue
		}
		h.entries = append(h.entries, e)
		if len(h.entries) > historyLimit {
			h.entries = h.entries[1:]
		}
		h.appendToFile(e)
	}
}

func (h *history) appendToFile(e string) {
	if h.path == "" {
		return
	}
	f, err := os.OpenFile(h.path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	// A file made by something else may be readable by others: history can
	// hold anything that was typed, so it is kept private.
	f.Chmod(0o600)
	f.WriteString(e + "\n")
	f.Close()
}

func (h *history) rewrite() {
	tmp := h.path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	w := bufio.NewWriter(f)
	for _, e := range h.entries {
		w.WriteString(e + "\n")
	}
	if w.Flush() != nil || f.Close() != nil {
		os.Remove(tmp)
		return
	}
	os.Rename(tmp, h.path)
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
