package pickle

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// scan walks a pickle opcode by opcode, as pickletools.genops does, before
// og-rek decodes it. It does three things og-rek cannot:
//
//   - It refuses everything that would name or call code (globals other
//     than the few that build plain data, object construction, extension
//     codes, persistent ids, out-of-band buffers), with CPython's texts or
//     the RestrictedUnpickler example's "global 'os.system' is forbidden".
//   - It gives CPython's errors for truncated input, unknown opcodes and
//     unknown protocols, which og-rek reports in its own words.
//   - It rewrites what og-rek v1.3.0 does not decode correctly into opcodes
//     it does, with markers passed through persistent ids (PERSID; input
//     containing PERSID is refused, so markers cannot be forged):
//     EMPTY_SET/ADDITEMS/FROZENSET (protocol 4+ sets) become lists tagged
//     "set"/"frozenset"; and since og-rek's memo keeps a copy of a list's
//     slice taken before the list is filled (so a list pickled twice comes
//     back empty the second time), a list that is memoized is tagged
//     "def N" and every later GET of it becomes "ref N", resolved by
//     identity when converting to Lua. FRAME opcodes are dropped (they
//     are only read-ahead hints and the rewriting changes lengths), and
//     the 8-byte-length opcodes og-rek lacks become their 4-byte forms.

// allowedGlobals are the only callables a pickle may name: those CPython
// uses to pickle sets and bytes at protocols 0-3 (og-rek applies
// _codecs.encode and bytearray itself; set, frozenset and bytes() are
// built in toLua).
var allowedGlobals = map[string]bool{
	"builtins set": true, "builtins frozenset": true, "builtins bytearray": true, "builtins bytes": true,
	"__builtin__ set": true, "__builtin__ frozenset": true, "__builtin__ bytearray": true, "__builtin__ bytes": true,
	"_codecs encode": true,
}

// argument kinds of opcodes
const (
	argNone  = iota
	argN     // fixed size, in the table
	argLine  // one line
	argLine2 // two lines (GLOBAL, INST)
	argLen1  // 1-byte length, then data
	argLen4  // 4-byte length, then data
	argLen8  // 8-byte length, then data
	argBad   // refused: the message is in the table
)

type opInfo struct {
	name string
	kind int
	n    int    // size for argN
	bad  string // message for argBad
}

const forbidden = "%s is forbidden: pickle.loads makes only plain data"

var opcodes = map[byte]opInfo{
	'(': {"MARK", argNone, 0, ""}, '.': {"STOP", argNone, 0, ""},
	'0': {"POP", argNone, 0, ""}, '1': {"POP_MARK", argNone, 0, ""},
	'2': {"DUP", argNone, 0, ""}, 'F': {"FLOAT", argLine, 0, ""},
	'I': {"INT", argLine, 0, ""}, 'J': {"BININT", argN, 4, ""},
	'K': {"BININT1", argN, 1, ""}, 'L': {"LONG", argLine, 0, ""},
	'M': {"BININT2", argN, 2, ""}, 'N': {"NONE", argNone, 0, ""},
	'P': {"PERSID", argBad, 0, persidMsg}, 'Q': {"BINPERSID", argBad, 0, persidMsg},
	'R': {"REDUCE", argNone, 0, ""}, 'S': {"STRING", argLine, 0, ""},
	'T': {"BINSTRING", argLen4, 0, ""}, 'U': {"SHORT_BINSTRING", argLen1, 0, ""},
	'V': {"UNICODE", argLine, 0, ""}, 'X': {"BINUNICODE", argLen4, 0, ""},
	'a': {"APPEND", argNone, 0, ""}, 'b': {"BUILD", argBad, 0, fmt.Sprintf(forbidden, "BUILD")},
	'c': {"GLOBAL", argLine2, 0, ""}, 'd': {"DICT", argNone, 0, ""},
	'}': {"EMPTY_DICT", argNone, 0, ""}, 'e': {"APPENDS", argNone, 0, ""},
	'g': {"GET", argLine, 0, ""}, 'h': {"BINGET", argN, 1, ""},
	'i': {"INST", argLine2, 0, ""}, 'j': {"LONG_BINGET", argN, 4, ""},
	'l': {"LIST", argNone, 0, ""}, ']': {"EMPTY_LIST", argNone, 0, ""},
	'o': {"OBJ", argBad, 0, fmt.Sprintf(forbidden, "OBJ")},
	'p': {"PUT", argLine, 0, ""}, 'q': {"BINPUT", argN, 1, ""},
	'r': {"LONG_BINPUT", argN, 4, ""}, 's': {"SETITEM", argNone, 0, ""},
	't': {"TUPLE", argNone, 0, ""}, ')': {"EMPTY_TUPLE", argNone, 0, ""},
	'u': {"SETITEMS", argNone, 0, ""}, 'G': {"BINFLOAT", argN, 8, ""},
	0x80: {"PROTO", argN, 1, ""}, 0x81: {"NEWOBJ", argBad, 0, fmt.Sprintf(forbidden, "NEWOBJ")},
	0x82: {"EXT1", argBad, 0, fmt.Sprintf(forbidden, "EXT1")},
	0x83: {"EXT2", argBad, 0, fmt.Sprintf(forbidden, "EXT2")},
	0x84: {"EXT4", argBad, 0, fmt.Sprintf(forbidden, "EXT4")},
	0x85: {"TUPLE1", argNone, 0, ""}, 0x86: {"TUPLE2", argNone, 0, ""},
	0x87: {"TUPLE3", argNone, 0, ""}, 0x88: {"NEWTRUE", argNone, 0, ""},
	0x89: {"NEWFALSE", argNone, 0, ""}, 0x8a: {"LONG1", argLen1, 0, ""},
	0x8b: {"LONG4", argLen4, 0, ""}, 'B': {"BINBYTES", argLen4, 0, ""},
	'C': {"SHORT_BINBYTES", argLen1, 0, ""}, 0x8c: {"SHORT_BINUNICODE", argLen1, 0, ""},
	0x8d: {"BINUNICODE8", argLen8, 0, ""}, 0x8e: {"BINBYTES8", argLen8, 0, ""},
	0x8f: {"EMPTY_SET", argNone, 0, ""}, 0x90: {"ADDITEMS", argNone, 0, ""},
	0x91: {"FROZENSET", argNone, 0, ""},
	0x92: {"NEWOBJ_EX", argBad, 0, fmt.Sprintf(forbidden, "NEWOBJ_EX")},
	0x93: {"STACK_GLOBAL", argNone, 0, ""}, 0x94: {"MEMOIZE", argNone, 0, ""},
	0x95: {"FRAME", argN, 8, ""}, 0x96: {"BYTEARRAY8", argLen8, 0, ""},
	0x97: {"NEXT_BUFFER", argBad, 0, buffersMsg}, 0x98: {"READONLY_BUFFER", argBad, 0, buffersMsg},
}

// CPython's texts for what its default Unpickler cannot load either.
const (
	persidMsg  = "A load persistent id instruction was encountered,\nbut no persistent_load function was specified."
	buffersMsg = "pickle stream refers to out-of-band data but no *buffers* argument was given"
)

// A scanError is raised as the exception class it names.
type scanError struct {
	class string // "UnpicklingError", "EOFError", "ValueError", "OverflowError"
	msg   string
}

func (e *scanError) Error() string { return e.msg }

func unpicklingError(format string, args ...any) *scanError {
	return &scanError{"UnpicklingError", fmt.Sprintf(format, args...)}
}

// The errors for input that ends early. scan returns them with the
// stream rewritten so far, which decode runs first: CPython reports the
// error of an opcode before noticing that the input ends.
var (
	errTruncated = unpicklingError("pickle data was truncated")
	errRanOut    = &scanError{"EOFError", "Ran out of input"}
)

// scan returns the rewritten pickle, ending at its STOP.
func scan(data []byte) ([]byte, error) {
	var (
		out  bytes.Buffer
		pos  int
		memo = map[string]bool{} // defined memo keys: true if a tagged list
		prev byte                // previous opcode, to spot memoized lists
		// recent strings pushed, to name the global of a STACK_GLOBAL;
		// "" stands for anything that is not a string.
		strs    []string
		memoStr = map[string]string{}
	)
	push := func(s string) { strs = append(strs, s) }
	for {
		if pos >= len(data) {
			return out.Bytes(), errRanOut
		}
		op := data[pos]
		info, ok := opcodes[op]
		if !ok {
			return nil, unpicklingError("invalid load key, '%s'.", loadKey(op))
		}
		start := pos
		pos++
		var arg []byte // the argument, without length prefix or newline
		switch info.kind {
		case argBad:
			return nil, unpicklingError("%s", info.bad)
		case argN:
			if len(data)-pos < info.n {
				return out.Bytes(), errTruncated
			}
			arg = data[pos : pos+info.n]
			pos += info.n
		case argLine, argLine2:
			for i := 0; i < 1+info.kind-argLine; i++ {
				nl := bytes.IndexByte(data[pos:], '\n')
				if nl < 0 {
					return out.Bytes(), errTruncated
				}
				arg = append(arg, data[pos:pos+nl+1]...)
				pos += nl + 1
			}
		case argLen1, argLen4, argLen8:
			size := map[int]int{argLen1: 1, argLen4: 4, argLen8: 8}[info.kind]
			if len(data)-pos < size {
				return out.Bytes(), errTruncated
			}
			var n uint64
			for i := size - 1; i >= 0; i-- {
				n = n<<8 | uint64(data[pos+i])
			}
			pos += size
			if uint64(len(data)-pos) < n {
				return out.Bytes(), errTruncated
			}
			arg = data[pos : pos+int(n)]
			pos += int(n)
		}
		raw := data[start:pos]

		switch op {
		case '.':
			out.WriteByte('.')
			return out.Bytes(), nil
		case 0x80:
			if arg[0] > 5 {
				return nil, &scanError{"ValueError", fmt.Sprintf("unsupported pickle protocol: %d", arg[0])}
			}
			out.Write(raw)
		case 'c', 'i':
			lines := bytes.SplitN(arg, []byte("\n"), 3)
			mod, name := string(lines[0]), string(lines[1])
			if op == 'i' || !allowedGlobals[mod+" "+name] {
				return nil, unpicklingError("global '%s.%s' is forbidden", mod, name)
			}
			out.Write(raw)
			push("")
		case 0x93:
			mod, name := "?", "?"
			if n := len(strs); n >= 2 && strs[n-2] != "" && strs[n-1] != "" {
				mod, name = strs[n-2], strs[n-1]
			}
			if !allowedGlobals[mod+" "+name] {
				return nil, unpicklingError("global '%s.%s' is forbidden", mod, name)
			}
			out.Write(raw)
			push("")
		case 0x95: // FRAME: dropped, see above
		case 0x8d, 0x8e: // 8-byte lengths → the 4-byte forms og-rek reads
			if len(arg) > 0xffffffff {
				return nil, unpicklingError("%s argument too long", info.name)
			}
			out.WriteByte(map[byte]byte{0x8d: 'X', 0x8e: 'B'}[op])
			out.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(arg))))
			out.Write(arg)
			push(stringArg(op, arg))
		case 0x8b: // LONG4: og-rek lacks it; LONG1 holds up to 255 bytes
			if len(arg) > 255 {
				return nil, &scanError{"OverflowError", "int too large to convert to a Lua number"}
			}
			out.WriteByte(0x8a)
			out.WriteByte(byte(len(arg)))
			out.Write(arg)
			push("")
		case 0x8f: // EMPTY_SET → a list tagged "set"
			out.WriteString("]Pset\na")
			push("")
		case 0x90: // ADDITEMS → APPENDS
			out.WriteByte('e')
		case 0x91: // FROZENSET → LIST tagged "frozenset"
			out.WriteString("lPfrozenset\na")
			push("")
		case 'p', 'q', 'r', 0x94:
			key := memoKey(op, arg, len(memo))
			out.Write(raw)
			// CPython memoizes a list right after making it, before
			// filling it: these are the lists og-rek's memo gets wrong.
			isList := prev == ']' || prev == 'l' || prev == 0x8f
			memo[key] = isList
			if isList {
				fmt.Fprintf(&out, "Pdef %s\na", key)
			}
			if n := len(strs); n > 0 {
				memoStr[key] = strs[n-1]
			}
		case 'g', 'h', 'j':
			key := memoKey(op, arg, 0)
			isList, ok := memo[key]
			if !ok {
				return nil, unpicklingError("Memo value not found at index %s", key)
			}
			if isList {
				fmt.Fprintf(&out, "Pref %s\n", key)
			} else {
				out.Write(raw)
			}
			push(memoStr[key])
		default:
			out.Write(raw)
			push(stringArg(op, arg))
		}
		if op != 0x95 {
			prev = op
		}
		if len(strs) > 2 {
			strs = strs[len(strs)-2:]
		}
	}
}

// stringArg is the text a string-pushing opcode pushes, for naming
// globals; "" for other opcodes.
func stringArg(op byte, arg []byte) string {
	switch op {
	case 'X', 0x8c, 0x8d, 'T', 'U':
		return string(arg)
	case 'V':
		return string(bytes.TrimSuffix(arg, []byte("\n")))
	case 'S':
		return strings.Trim(string(arg), "'\"\n")
	}
	return ""
}

// memoKey is the memo index an opcode names, spelled as og-rek keys its
// memo; MEMOIZE uses the next free index.
func memoKey(op byte, arg []byte, size int) string {
	switch op {
	case 'p', 'g':
		return string(bytes.TrimSuffix(arg, []byte("\n")))
	case 'q', 'h':
		return strconv.Itoa(int(arg[0]))
	case 'r', 'j':
		return strconv.Itoa(int(binary.LittleEndian.Uint32(arg)))
	}
	return strconv.Itoa(size)
}

// loadKey spells an opcode byte as CPython's "invalid load key" does.
func loadKey(b byte) string {
	if b >= 0x20 && b < 0x7f {
		return string(rune(b))
	}
	return fmt.Sprintf(`\x%02x`, b)
}
