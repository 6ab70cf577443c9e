package pickle

import (
	"encoding/binary"
	"fmt"
	"math"

	"netlua/interp"

	lua "github.com/yuin/gopher-lua"
)

// opcodes maps each opcode loads accepts (STOP aside) to what it does,
// in the order of pickletools' table.
var opcodes map[byte]func(*machine) error

func init() {
	opcodes = map[byte]func(*machine) error{
		'(': func(m *machine) error { m.marks = append(m.marks, len(m.stack)); return nil },
		'0': opPop,
		'1': func(m *machine) error { _, err := m.popMark(); return err },
		'2': func(m *machine) error {
			top, err := m.top()
			if err == nil {
				m.push(*top)
			}
			return err
		},
		0x80: opProto,
		0x95: func(m *machine) error { // FRAME: a read-ahead hint
			n, err := m.readSize(8)
			if err == nil && n > math.MaxInt64-uint64(m.pos) {
				return unpicklingError("read would overflow (invalid bytecode)")
			}
			if err == nil && n > uint64(len(m.data)-m.pos) {
				return errTruncated
			}
			return err
		},

		'N':  func(m *machine) error { m.push(item{v: m.none, kind: kNone}); return nil },
		0x88: pushConst(item{v: lua.LTrue, kind: kBool}),
		0x89: pushConst(item{v: lua.LFalse, kind: kBool}),
		'I':  opInt,
		'J':  func(m *machine) error { return m.pushFixed(4, func(b []byte) float64 { return float64(le32(b)) }) },
		'K':  func(m *machine) error { return m.pushFixed(1, func(b []byte) float64 { return float64(b[0]) }) },
		'M': func(m *machine) error {
			return m.pushFixed(2, func(b []byte) float64 { return float64(binary.LittleEndian.Uint16(b)) })
		},
		'L':  opLong,
		0x8a: func(m *machine) error { return m.binLong(1) },
		0x8b: func(m *machine) error { return m.binLong(4) },
		'F':  opFloat,
		'G': func(m *machine) error {
			b, err := m.read(8)
			if err == nil {
				m.push(item{v: lua.LNumber(math.Float64frombits(binary.BigEndian.Uint64(b))), kind: kFloat})
			}
			return err
		},

		'S':  opString,
		'T':  func(m *machine) error { return m.binString(4) },
		'U':  func(m *machine) error { return m.binString(1) },
		'V':  opUnicode,
		'X':  func(m *machine) error { return m.binUnicode(4) },
		0x8c: func(m *machine) error { return m.binUnicode(1) },
		0x8d: func(m *machine) error { return m.binUnicode(8) },
		'B':  func(m *machine) error { return m.binBytes(4, kBytes) },
		'C':  func(m *machine) error { return m.binBytes(1, kBytes) },
		0x8e: func(m *machine) error { return m.binBytes(8, kBytes) },
		0x96: func(m *machine) error { return m.binBytes(8, kBytearray) },

		')':  func(m *machine) error { m.push(m.tuple(nil)); return nil },
		't':  func(m *machine) error { return m.fromMark(func(items []item) item { return m.tuple(items) }) },
		0x85: func(m *machine) error { return m.tupleN(1) },
		0x86: func(m *machine) error { return m.tupleN(2) },
		0x87: func(m *machine) error { return m.tupleN(3) },
		']':  func(m *machine) error { m.push(m.list(nil)); return nil },
		'l':  func(m *machine) error { return m.fromMark(m.list) },
		'a':  opAppend,
		'e':  opAppends,
		'}': func(m *machine) error {
			m.push(item{v: m.newTable(dictType), kind: kDict, unhashable: "dict"})
			return nil
		},
		'd': opDict,
		's': opSetItem,
		'u': opSetItems,
		0x8f: func(m *machine) error {
			m.push(item{v: m.newTable(setType), kind: kSet, unhashable: "set"})
			return nil
		},
		0x90: opAddItems,
		0x91: opFrozenset,

		'c':  opGlobal,
		0x93: opStackGlobal,
		'R':  opReduce,
		'i': func(m *machine) error { // INST: names a class, as GLOBAL does
			mod, name, err := m.globalName()
			if err == nil {
				err = unpicklingError("global '%s.%s' is forbidden", mod, name)
			}
			return err
		},

		'p':  func(m *machine) error { return m.put('p') },
		'q':  func(m *machine) error { return m.put('q') },
		'r':  func(m *machine) error { return m.put('r') },
		0x94: func(m *machine) error { return m.put(0x94) },
		'g':  func(m *machine) error { return m.get('g') },
		'h':  func(m *machine) error { return m.get('h') },
		'j':  func(m *machine) error { return m.get('j') },
	}
	for op, name := range map[byte]string{'b': "BUILD", 'o': "OBJ", 0x81: "NEWOBJ", 0x92: "NEWOBJ_EX",
		0x82: "EXT1", 0x83: "EXT2", 0x84: "EXT4"} {
		msg := fmt.Sprintf("%s is forbidden: pickle.loads makes only plain data", name)
		opcodes[op] = func(*machine) error { return unpicklingError("%s", msg) }
	}
	for _, op := range []byte{'P', 'Q'} {
		opcodes[op] = func(*machine) error { return unpicklingError("%s", persidMsg) }
	}
	for _, op := range []byte{0x97, 0x98} {
		opcodes[op] = func(*machine) error { return unpicklingError("%s", buffersMsg) }
	}
}

// CPython's texts for what its default Unpickler cannot load either.
const (
	persidMsg  = "A load persistent id instruction was encountered,\nbut no persistent_load function was specified."
	buffersMsg = "pickle stream refers to out-of-band data but no *buffers* argument was given"
)

// allowedGlobals are the only callables a pickle may name: those CPython
// uses to pickle sets, bytes and bytearrays at protocols 0-3.
var allowedGlobals = map[string]bool{
	"builtins set": true, "builtins frozenset": true, "builtins bytearray": true, "builtins bytes": true,
	"__builtin__ set": true, "__builtin__ frozenset": true, "__builtin__ bytearray": true, "__builtin__ bytes": true,
	"_codecs encode": true,
}

func pushConst(it item) func(*machine) error {
	return func(m *machine) error { m.push(it); return nil }
}

func opPop(m *machine) error {
	// POP removes a mark that is on top, as CPython's load_pop does.
	if n := len(m.marks); n > 0 && m.marks[n-1] == len(m.stack) {
		m.marks = m.marks[:n-1]
		return nil
	}
	_, err := m.pop()
	return err
}

func opProto(m *machine) error {
	b, err := m.read(1)
	if err == nil && b[0] > HighestProtocol {
		return newError(interp.ValueError, "unsupported pickle protocol: %d", b[0])
	}
	return err
}

func (m *machine) pushFixed(n uint64, conv func([]byte) float64) error {
	b, err := m.read(n)
	if err == nil {
		m.push(item{v: lua.LNumber(conv(b)), kind: kInt})
	}
	return err
}

func (m *machine) fromMark(build func([]item) item) error {
	items, err := m.popMark()
	if err == nil {
		m.push(build(items))
	}
	return err
}

func (m *machine) tupleN(n int) error {
	if len(m.stack)-n < m.fence() {
		return m.underflow()
	}
	items := append([]item(nil), m.stack[len(m.stack)-n:]...)
	m.stack = m.stack[:len(m.stack)-n]
	m.push(m.tuple(items))
	return nil
}

// target is the value just below a mark: what APPENDS, SETITEMS and
// ADDITEMS add to.
func (m *machine) target() (item, []item, error) {
	items, err := m.popMark()
	if err != nil {
		return item{}, nil, err
	}
	if len(m.stack) == 0 || len(m.stack) <= m.fence() {
		return item{}, nil, m.underflow()
	}
	return m.stack[len(m.stack)-1], items, nil
}

func (m *machine) appendItems(target item, items []item) error {
	if target.kind != kList {
		return newError(interp.AttributeError, "'%s' object has no attribute 'append'", kindNames[target.kind])
	}
	m.appendTo(target.v.(*lua.LTable), items)
	return nil
}

func opAppend(m *machine) error {
	v, err := m.pop()
	if err != nil {
		return err
	}
	target, err := m.top()
	if err != nil {
		return err
	}
	return m.appendItems(*target, []item{v})
}

func opAppends(m *machine) error {
	target, items, err := m.target()
	if err != nil {
		return err
	}
	return m.appendItems(target, items)
}

func opDict(m *machine) error {
	items, err := m.popMark()
	if err != nil {
		return err
	}
	if len(items)%2 != 0 {
		return unpicklingError("odd number of items for DICT")
	}
	d := item{v: m.newTable(dictType), kind: kDict, unhashable: "dict"}
	if err := m.setItems(d, items); err != nil {
		return err
	}
	m.push(d)
	return nil
}

func opSetItem(m *machine) error {
	v, err := m.pop()
	if err != nil {
		return err
	}
	k, err := m.pop()
	if err != nil {
		return err
	}
	target, err := m.top()
	if err != nil {
		return err
	}
	return m.setItems(*target, []item{k, v})
}

func opSetItems(m *machine) error {
	target, items, err := m.target()
	if err != nil {
		return err
	}
	if len(items)%2 != 0 {
		return unpicklingError("odd number of items for SETITEMS")
	}
	return m.setItems(target, items)
}

func opAddItems(m *machine) error {
	target, items, err := m.target()
	if err != nil {
		return err
	}
	if target.kind != kSet {
		return newError(interp.AttributeError, "'%s' object has no attribute 'add'", kindNames[target.kind])
	}
	return m.addTo(target.v.(*lua.LTable), "set element", items)
}

func opFrozenset(m *machine) error {
	items, err := m.popMark()
	if err != nil {
		return err
	}
	t := m.newTable(frozensetType)
	if err := m.addTo(t, "frozenset element", items); err != nil {
		return err
	}
	m.push(item{v: t, kind: kFrozenset})
	return nil
}

// globalName reads GLOBAL's and INST's two lines, module and name.
func (m *machine) globalName() (string, string, error) {
	mod, err := m.readLine()
	if err != nil {
		return "", "", err
	}
	name, err := m.readLine()
	if err != nil {
		return "", "", err
	}
	return string(mod[:len(mod)-1]), string(name[:len(name)-1]), nil
}

func (m *machine) pushGlobal(mod, name string) error {
	if !allowedGlobals[mod+" "+name] {
		return unpicklingError("global '%s.%s' is forbidden", mod, name)
	}
	m.push(item{v: lua.LString(name), kind: kCallable, global: name})
	return nil
}

func opGlobal(m *machine) error {
	mod, name, err := m.globalName()
	if err != nil {
		return err
	}
	return m.pushGlobal(mod, name)
}

func opStackGlobal(m *machine) error {
	name, err := m.pop()
	if err != nil {
		return err
	}
	mod, err := m.pop()
	if err != nil {
		return err
	}
	if name.kind != kStr || mod.kind != kStr {
		return unpicklingError("STACK_GLOBAL requires str")
	}
	return m.pushGlobal(lua.LVAsString(mod.v), lua.LVAsString(name.v))
}
