package pickle

import (
	"testing"

	"netlua/interp"

	lua "github.com/yuin/gopher-lua"
)

// FuzzLoads feeds arbitrary bytes to loads, seeded with CPython's pickles
// of every protocol (testdata/fuzz/FuzzLoads). loads must return a value
// or an error, never panic or hang; a loaded value must print, and dump
// and load again when dumps accepts it.
func FuzzLoads(f *testing.F) {
	rt := interp.New(Module)
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := load(rt.L, data)
		if err != nil {
			return
		}
		repr(rt.L, v, map[*lua.LTable]bool{})
		for p := 0; p <= HighestProtocol; p++ {
			b, err := dumpValue(rt.L, v, p)
			if err != nil {
				continue
			}
			if _, err := load(rt.L, b); err != nil {
				t.Fatalf("protocol %d: loads(dumps(loads(%q))) = %v; dumps gave %q", p, data, err, b)
			}
		}
	})
}
