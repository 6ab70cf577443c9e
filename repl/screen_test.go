package repl_test

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// screen is a small model of a VT100-style terminal, enough for what the
// line editor sends: printable text (CJK characters two cells wide), CR, LF,
// BS, cursor movement (CSI A B C D G H), erasing (CSI J K), and the cursor
// position query (CSI 6n), which it answers the way a terminal does, since
// readline waits for that answer before drawing each prompt. Tests look at
// the screen, not at the byte stream, so a redraw that leaves the right
// text is right and an interleaved one is caught.
type screen struct {
	mu      sync.Mutex
	rows    int
	cols    int
	cells   [][]rune // 0 marks the right half of a wide character
	row     int
	col     int
	pending []byte       // an incomplete escape sequence or UTF-8 character
	reply   func([]byte) // where answers to queries go (the pty)
	changed chan struct{}
}

func newScreen(rows, cols int, reply func([]byte)) *screen {
	s := &screen{rows: rows, cols: cols, reply: reply, changed: make(chan struct{})}
	s.cells = make([][]rune, rows)
	for i := range s.cells {
		s.cells[i] = blankRow(cols)
	}
	return s
}

func blankRow(cols int) []rune {
	r := make([]rune, cols)
	for i := range r {
		r[i] = ' '
	}
	return r
}

// wait returns a channel closed at the next change of the screen.
func (s *screen) wait() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	data := append(s.pending, p...)
	s.pending = nil
	for len(data) > 0 {
		n := s.step(data)
		if n == 0 { // incomplete: keep for the next write
			s.pending = append([]byte(nil), data...)
			break
		}
		data = data[n:]
	}
	close(s.changed)
	s.changed = make(chan struct{})
	return len(p), nil
}

// step interprets the start of data and returns how many bytes it used, or
// 0 if data holds only the beginning of a sequence.
func (s *screen) step(data []byte) int {
	switch c := data[0]; c {
	case '\r':
		s.col = 0
		return 1
	case '\n':
		s.lineFeed()
		return 1
	case '\b':
		s.col = max(0, min(s.col, s.cols-1)-1)
		return 1
	case '\t':
		s.col = min(s.cols-1, (s.col/8+1)*8)
		return 1
	case 0x1b:
		return s.escape(data)
	}
	if data[0] < 0x20 || data[0] == 0x7f {
		return 1
	}
	if !utf8.FullRune(data) {
		return 0
	}
	r, n := utf8.DecodeRune(data)
	s.put(r)
	return n
}

func (s *screen) escape(data []byte) int {
	if len(data) < 2 {
		return 0
	}
	switch data[1] {
	case '[':
	case ']': // operating system command, ended by BEL or ESC \
		for i := 2; i < len(data); i++ {
			if data[i] == 7 {
				return i + 1
			}
			if data[i] == 0x1b && i+1 < len(data) && data[i+1] == '\\' {
				return i + 2
			}
		}
		return 0
	default:
		return 2
	}
	i := 2
	for i < len(data) && (data[i] >= '0' && data[i] <= '9' || data[i] == ';' || data[i] == '?') {
		i++
	}
	if i == len(data) {
		return 0
	}
	params := strings.Split(strings.TrimPrefix(string(data[2:i]), "?"), ";")
	arg := func(k, def int) int {
		if k < len(params) {
			if n, err := strconv.Atoi(params[k]); err == nil && n > 0 {
				return n
			}
		}
		return def
	}
	s.col = min(s.col, s.cols-1)
	switch data[i] {
	case 'A':
		s.row = max(0, s.row-arg(0, 1))
	case 'B':
		s.row = min(s.rows-1, s.row+arg(0, 1))
	case 'C':
		s.col = min(s.cols-1, s.col+arg(0, 1))
	case 'D':
		s.col = max(0, s.col-arg(0, 1))
	case 'G':
		s.col = min(s.cols-1, arg(0, 1)-1)
	case 'H', 'f':
		s.row, s.col = min(s.rows-1, arg(0, 1)-1), min(s.cols-1, arg(1, 1)-1)
	case 'J':
		switch arg(0, 0) {
		case 0:
			s.eraseLine(s.col, s.cols)
			for r := s.row + 1; r < s.rows; r++ {
				s.cells[r] = blankRow(s.cols)
			}
		case 2, 3:
			for r := range s.cells {
				s.cells[r] = blankRow(s.cols)
			}
		}
	case 'K':
		switch arg(0, 0) {
		case 0:
			s.eraseLine(s.col, s.cols)
		case 1:
			s.eraseLine(0, s.col+1)
		case 2:
			s.eraseLine(0, s.cols)
		}
	case 'n':
		if arg(0, 0) == 6 {
			s.reply([]byte("\x1b[" + strconv.Itoa(s.row+1) + ";" + strconv.Itoa(s.col+1) + "R"))
		}
	}
	return i + 1
}

func (s *screen) eraseLine(from, to int) {
	for c := from; c < to; c++ {
		s.cells[s.row][c] = ' '
	}
}

func (s *screen) lineFeed() {
	if s.row < s.rows-1 {
		s.row++
		return
	}
	copy(s.cells, s.cells[1:])
	s.cells[s.rows-1] = blankRow(s.cols)
}

// put writes a character at the cursor, wrapping at the right margin the
// way xterm does (the cursor waits in the last column until the next one).
func (s *screen) put(r rune) {
	w := runeWidth(r)
	if s.col+w > s.cols {
		s.col = 0
		s.lineFeed()
	}
	s.cells[s.row][s.col] = r
	if w == 2 {
		s.cells[s.row][s.col+1] = 0
	}
	s.col += w
}

// runeWidth is 2 for the East Asian wide ranges tests type, 1 otherwise.
func runeWidth(r rune) int {
	switch {
	case r >= 0x1100 && r <= 0x115f, r >= 0x2e80 && r <= 0xa4cf,
		r >= 0xac00 && r <= 0xd7a3, r >= 0xf900 && r <= 0xfaff,
		r >= 0xfe30 && r <= 0xfe4f, r >= 0xff00 && r <= 0xff60,
		r >= 0xffe0 && r <= 0xffe6:
		return 2
	}
	return 1
}

// lines is the screen's text, one string per row, trailing blanks removed.
func (s *screen) lines() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, s.rows)
	for i, row := range s.cells {
		var b strings.Builder
		for _, r := range row {
			if r != 0 {
				b.WriteRune(r)
			}
		}
		out[i] = strings.TrimRight(b.String(), " ")
	}
	return out
}

// cursor is the cursor's row and column (0-based, in cells).
func (s *screen) cursor() (int, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.row, min(s.col, s.cols-1)
}
