package pystruct_test

import (
	"testing"
	"time"

	"netlua/interp/interptest"
	"netlua/stdlib/pystruct"
)

// Ctrl-C during a long unpack (50 million values, seconds of work) stops
// it from inside: pcall sees KeyboardInterrupt. Without the checkpoint
// the unpack finished and the interrupt came after the pcall.
func TestCtrlCStopsLongUnpack(t *testing.T) {
	rt := interptest.New(t, pystruct.Module)
	if err := rt.RunString(`data = ("x"):rep(5e7)`, "setup"); err != nil {
		t.Fatal(err)
	}
	timer := time.AfterFunc(100*time.Millisecond, rt.Interrupt)
	defer timer.Stop()
	if err := rt.RunString(`
		local ok, e = pcall(struct.unpack, "50000000B", data)
		print(ok, isinstance(e, KeyboardInterrupt))`, "test"); err != nil {
		t.Fatalf("the interrupt escaped the pcall: %v", err)
	}
	if out := rt.Stdout.String(); out != "false\ttrue\n" {
		t.Errorf("got %q, want KeyboardInterrupt from inside unpack", out)
	}
}
