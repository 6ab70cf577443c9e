package codecs_test

import (
	"testing"
	"time"

	"netlua/interp/interptest"
	"netlua/stdlib/codecs"
)

// Ctrl-C during a long encode or decode (seconds of work) stops it from
// inside: pcall sees KeyboardInterrupt. Without the checkpoint the call
// finished and the interrupt came after the pcall.
func TestCtrlCStopsLongCodec(t *testing.T) {
	for _, call := range []string{`text:encode("gbk")`, `gbk:decode("gbk")`} {
		rt := interptest.New(t, codecs.Module)
		if err := rt.RunString(`text = ("测"):rep(2e7) gbk = ("\178\226"):rep(2e7)`, "setup"); err != nil {
			t.Fatal(err)
		}
		timer := time.AfterFunc(100*time.Millisecond, rt.Interrupt)
		err := rt.RunString(`
			local ok, e = pcall(function() return `+call+` end)
			print(ok, isinstance(e, KeyboardInterrupt))`, "test")
		timer.Stop()
		if err != nil {
			t.Fatalf("%s: the interrupt escaped the pcall: %v", call, err)
		}
		if out := rt.Stdout.String(); out != "false\ttrue\n" {
			t.Errorf("%s: got %q, want KeyboardInterrupt from inside it", call, out)
		}
	}
}
