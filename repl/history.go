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

// joinEntry makes one history entry of a chunk typed over several lines:
// one line that means the same in Lua. Line breaks become spaces; a "--"
// comment is dropped (it would swallow what follows it on the one line);
// a long string [[...]] that spans lines becomes a quoted string with \n
// escapes, a long comment is dropped. If the result still does not parse
// (it should always), the lines are kept as separate entries rather than
// recording a chunk that would mean something else.
func joinEntry(lines []string) []string {
	if len(lines) == 1 {
		return lines
	}
	joined := oneLine(strings.Join(lines, "\n"))
	if _, err := parse.Parse(strings.NewReader(joined+"\n"), "history"); err != nil {
		return lines
	}
	return []string{joined}
}

// oneLine rewrites Lua source as one line with the same meaning (see
// joinEntry), scanning it the way Lua's lexer does.
func oneLine(src string) string {
	var b strings.Builder
	space := func() {
		if s := b.String(); len(s) > 0 && s[len(s)-1] != ' ' {
			b.WriteByte(' ')
		}
	}
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n' || c == '\r' || c == ' ' || c == '\t':
			space()
			i++
		case strings.HasPrefix(src[i:], "--"):
			if level, ok := longBracket(src[i+2:]); ok {
				_, end := longBody(src, i+2, level)
				i = end
			} else {
				for i < len(src) && src[i] != '\n' {
					i++
				}
			}
			space()
		case c == '[':
			level, ok := longBracket(src[i:])
			if !ok {
				b.WriteByte(c)
				i++
				break
			}
			body, end := longBody(src, i, level)
			b.WriteString(quoteShort(body))
			i = end
		case c == '"' || c == '\'':
			// A short string is kept as typed, but a backslash-newline
			// inside it (a newline in the string) becomes \n.
			j := i + 1
			for j < len(src) && src[j] != c {
				if src[j] == '\\' && j+1 < len(src) {
					j++
				}
				j++
			}
			j = min(j+1, len(src))
			b.WriteString(strings.ReplaceAll(src[i:j], "\\\n", "\\n"))
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return strings.TrimSpace(b.String())
}

// longBracket reports whether s starts with a long bracket, [[ or [=*[,
// and its level (the number of =).
func longBracket(s string) (int, bool) {
	if len(s) < 2 || s[0] != '[' {
		return 0, false
	}
	level := 0
	for 1+level < len(s) && s[1+level] == '=' {
		level++
	}
	return level, 1+level < len(s) && s[1+level] == '['
}

// longBody is the text of the long string or comment whose opening bracket
// of level starts at src[i], without a first newline (Lua skips it), and the
// index after its closing bracket (the end of src if it is not closed).
func longBody(src string, i, level int) (string, int) {
	start := i + level + 2
	if strings.HasPrefix(src[start:], "\r\n") {
		start += 2
	} else if start < len(src) && (src[start] == '\n' || src[start] == '\r') {
		start++
	}
	closing := "]" + strings.Repeat("=", level) + "]"
	end := strings.Index(src[start:], closing)
	if end < 0 {
		return src[start:], len(src)
	}
	return src[start : start+end], start + end + len(closing)
}

// quoteShort writes s as a one-line Lua string literal.
func quoteShort(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString("\\n")
		case '\r':
			b.WriteString("\\r")
		case 0:
			b.WriteString("\\0")
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
