// Command gluacpu runs a Lua file on plain gopher-lua: default options, no
// context, no GIL. It is the baseline the benchmark compares netlua's pure-Lua
// speed against (bench/cpu.lua), so the cost of netlua's interruption context
// shows as a ratio.
//
//	gluacpu file.lua
package main

import (
	"fmt"
	"os"

	lua "github.com/yuin/gopher-lua"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gluacpu file.lua")
		os.Exit(2)
	}
	L := lua.NewState()
	defer L.Close()
	if err := L.DoFile(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
