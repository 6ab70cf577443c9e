package codecs

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"testing"
)

// pairsScript prints, for every two-byte sequence with a lead byte of
// 0x81-0xFE, what CPython decodes it to (the code points, or E and the
// length of the first error).
const pairsScript = `
import sys
enc = sys.argv[1]
for lead in range(0x81, 0xff):
    for trail in range(0x30, 0xff):
        b = bytes([lead, trail])
        try:
            print("%02x%02x" % (lead, trail), " ".join("%04x" % ord(c) for c in b.decode(enc)))
        except UnicodeDecodeError as e:
            print("%02x%02x" % (lead, trail), "E%d" % (e.end - e.start))
`

// TestTwoByteSequencesMatchPython compares every two-byte sequence of gbk
// and gb2312 with python3's decoding, where python3 is installed.
func TestTwoByteSequencesMatchPython(t *testing.T) {
	for _, c := range []*codec{gbkCodec, gb2312Codec} {
		out, err := exec.Command("python3", "-c", pairsScript, c.name).Output()
		if err != nil {
			t.Skipf("python3: %v", err)
		}
		sc := bufio.NewScanner(bytes.NewReader(out))
		n := 0
		for sc.Scan() {
			want := sc.Text()
			var lead, trail byte
			fmt.Sscanf(want[:4], "%02x%02x", &lead, &trail)
			r, size, reason := c.decode([]byte{lead, trail})
			var got string
			switch {
			case reason != "":
				got = fmt.Sprintf("E%d", size)
			case size == 1: // the lead byte alone is a character: then the trail
				got = fmt.Sprintf("%04x %04x", r, trail)
			default:
				got = fmt.Sprintf("%04x", r)
			}
			if got != strings.TrimSpace(want[5:]) {
				t.Errorf("%s %s: got %s, python3 %s", c.name, want[:4], got, want[5:])
			}
			n++
		}
		if n != 126*207 {
			t.Fatalf("%s: python3 printed %d sequences", c.name, n)
		}
	}
}
