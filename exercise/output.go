package exercise

import "fmt"

// outputLimit is how much of the script's output a check keeps: the last
// part, which is where a checker looks and a learner reads. A script that
// prints without end would otherwise fill the checker's memory (2 GB in 5 s
// was measured before this limit).
const outputLimit = 1 << 20

// tailBuffer keeps the last outputLimit bytes written to it and counts the
// bytes dropped before them.
type tailBuffer struct {
	buf []byte
	cut int64
}

func (t *tailBuffer) Write(p []byte) {
	t.buf = append(t.buf, p...)
	// Dropping only once twice the limit is held keeps the copying linear.
	if len(t.buf) > 2*outputLimit {
		t.trim()
	}
}

func (t *tailBuffer) trim() {
	if drop := len(t.buf) - outputLimit; drop > 0 {
		t.cut += int64(drop)
		t.buf = append(t.buf[:0], t.buf[drop:]...)
	}
}

// String is the kept output, after a line saying how much was cut, if any.
func (t *tailBuffer) String() string {
	t.trim()
	if t.cut == 0 {
		return string(t.buf)
	}
	return fmt.Sprintf("[output cut: the script printed %d bytes more than the last %d KiB kept here]\n", t.cut, outputLimit>>10) + string(t.buf)
}
