package pickle

import (
	"bytes"

	"netlua/interp"

	lua "github.com/yuin/gopher-lua"
)

// The pickler's containers: tuples, lists, dicts and sets, in CPython's
// batches and memo order.

// saveTuple writes a tuple of n items that items writes, memoized under
// key: TUPLE1-3 from protocol 2, else MARK ... TUPLE; EMPTY_TUPLE (not
// memoized) when n is 0. A tuple that contains itself through a list is
// written as CPython does: its items popped, and a reference instead.
func (p *pickler) saveTuple(n int, key any, items func() error) error {
	if n == 0 {
		if p.proto >= 1 {
			p.write(codeEmptyTuple)
		} else {
			p.write(codeMark, codeTuple)
		}
		return nil
	}
	small := p.proto >= 2 && n <= 3
	if !small {
		p.write(codeMark)
	}
	if err := items(); err != nil {
		return err
	}
	if _, ok := p.memo[key]; ok {
		if small {
			p.write(bytes.Repeat([]byte{'0'}, n)...) // POP each item
		} else if p.proto >= 1 {
			p.write('1') // POP_MARK
		} else {
			p.write(bytes.Repeat([]byte{'0'}, n+1)...)
		}
		p.getMemo(key)
		return nil
	}
	if small {
		p.write(codeTuple1 + byte(n-1))
	} else {
		p.write(codeTuple)
	}
	p.memoize(key)
	return nil
}

// saveTable writes a table as the Python value it stands for.
func (p *pickler) saveTable(t *lua.LTable) error {
	pt := typeOf(p.L, t)
	isTuple := interp.IsTuple(p.L, t)
	if pt == nil && !isTuple && t.Metatable != lua.LNil {
		return cannotPickle(t)
	}
	if pt == nil && !isTuple {
		pt = plainType(t)
	}
	switch {
	case isTuple:
		n := t.Len()
		return p.saveTuple(n, t, func() error { return p.saveItems(t, 1, n) })
	case pt == bytesType:
		s, ok := t.RawGetInt(1).(lua.LString)
		if !ok {
			return &dumpError{interp.TypeError, "pickle.bytes holds " + interp.TypeName(t.RawGetInt(1)) + ", not a string"}
		}
		return p.saveBytes(string(s))
	case pt == strType:
		s, ok := t.RawGetInt(1).(lua.LString)
		if !ok {
			return &dumpError{interp.TypeError, "pickle.str holds " + interp.TypeName(t.RawGetInt(1)) + ", not a string"}
		}
		p.saveStr(string(s))
		return nil
	case pt == listType:
		return p.saveList(t)
	case pt == setType || pt == frozensetType:
		return p.saveSet(t, pt)
	}
	return p.saveDict(t)
}

// saveItems saves t[from..to].
func (p *pickler) saveItems(t *lua.LTable, from, to int) error {
	for i := from; i <= to; i++ {
		if err := p.saveSlot(t, lua.LNumber(i)); err != nil {
			return err
		}
	}
	return nil
}

func (p *pickler) saveList(t *lua.LTable) error {
	n, ok := listLen(t)
	if !ok {
		return &dumpError{interp.ValueError, "cannot pickle a table as a list: its keys are not 1..n"}
	}
	if p.proto >= 1 {
		p.write(codeEmptyList)
	} else {
		p.write(codeMark, codeList)
	}
	p.memoize(t)
	if p.proto == 0 {
		for i := 1; i <= n; i++ {
			if err := p.saveSlot(t, lua.LNumber(i)); err != nil {
				return err
			}
			p.write(codeAppend)
		}
		return nil
	}
	for from := 1; from <= n; from += batchSize {
		to := min(from+batchSize-1, n)
		if from == to {
			if err := p.saveSlot(t, lua.LNumber(from)); err != nil {
				return err
			}
			p.write(codeAppend)
			continue
		}
		p.write(codeMark)
		if err := p.saveItems(t, from, to); err != nil {
			return err
		}
		p.write(codeAppends)
	}
	return nil
}

// saveDict writes a dict, its items in sorted-key order: Lua tables keep no
// insertion order, and a fixed order makes dumps the same every run.
func (p *pickler) saveDict(t *lua.LTable) error {
	keys := sortedKeys(p.L, t)
	for _, k := range keys {
		if err := p.hashable(k); err != nil {
			return err
		}
	}
	if p.proto >= 1 {
		p.write(codeEmptyDict)
	} else {
		p.write(codeMark, codeDict)
	}
	p.memoize(t)
	item := func(k lua.LValue) error {
		if err := p.saveKey(t, k); err != nil {
			return err
		}
		return p.saveSlot(t, k)
	}
	if p.proto == 0 {
		for _, k := range keys {
			if err := item(k); err != nil {
				return err
			}
			p.write(codeSetItem)
		}
		return nil
	}
	for from := 0; from < len(keys); from += batchSize {
		batch := keys[from:min(from+batchSize, len(keys))]
		if len(batch) == 1 {
			if err := item(batch[0]); err != nil {
				return err
			}
			p.write(codeSetItem)
			continue
		}
		p.write(codeMark)
		for _, k := range batch {
			if err := item(k); err != nil {
				return err
			}
		}
		p.write(codeSetItems)
	}
	return nil
}

// saveSet writes a set or frozenset, elements in sorted order: EMPTY_SET
// and ADDITEMS (or FROZENSET) from protocol 4, and before it what Python
// writes there, a call of set or frozenset on a list.
func (p *pickler) saveSet(t *lua.LTable, pt *pyType) error {
	elems := sortedKeys(p.L, t)
	for _, k := range elems {
		if err := p.hashable(k); err != nil {
			return err
		}
	}
	if p.proto < 4 {
		p.saveGlobal("builtins", pt.kind)
		list := p.L.CreateTable(len(elems), 0)
		for i, k := range elems {
			list.RawSetInt(i+1, k)
			if interp.IsBytesKey(t, k) {
				interp.MarkBytes(list, lua.LNumber(i+1))
			}
		}
		if err := p.saveTuple(1, new(int), func() error { return p.saveList(list) }); err != nil {
			return err
		}
		p.write(codeReduce)
		p.memoize(t)
		return nil
	}
	if pt == frozensetType {
		p.write(codeMark)
		for _, k := range elems {
			if err := p.saveKey(t, k); err != nil {
				return err
			}
		}
		p.write(codeFrozenSet)
		p.memoize(t)
		return nil
	}
	p.write(codeEmptySet)
	p.memoize(t)
	for from := 0; from < len(elems); from += batchSize {
		p.write(codeMark)
		for _, k := range elems[from:min(from+batchSize, len(elems))] {
			if err := p.saveKey(t, k); err != nil {
				return err
			}
		}
		p.write(codeAddItems)
	}
	return nil
}

// hashable refuses what Python can't use as a dict key or set element:
// lists, dicts and sets (tuples, frozensets and the bytes and str
// wrappers are fine).
func (p *pickler) hashable(k lua.LValue) error {
	t, ok := k.(*lua.LTable)
	if !ok || interp.IsTuple(p.L, t) {
		return nil
	}
	pt := typeOf(p.L, t)
	if pt == nil && t.Metatable == lua.LNil {
		pt = plainType(t)
	}
	if pt != nil && pt.hashable() {
		return nil
	}
	name := "dict"
	if pt != nil {
		name = pt.kind
	}
	return &dumpError{interp.TypeError, "unhashable type: '" + name + "'"}
}
