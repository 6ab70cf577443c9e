package bench

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The LuaSocket comparison (issue 16): the same line echo server written
// with netlua's LuaSocket API (echo_luasocket.lua, a thread per
// connection), with plain LuaSocket's select loop (echo_select.lua, under
// netlua and under real LuaSocket in lua5.1) and with copas (echo_copas.lua,
// under both), next to netlua's Python-API server (echo_server.lua).
// The clients send lines and read each echo back, so the LuaSocket servers
// exercise receive("*l").

// LuaSocketKinds returns the servers compared; lua51 is lua5.1's path ("" to
// leave the real LuaSocket servers out), copas whether Debian's lua-copas
// is installed for it.
func (b *Binaries) LuaSocketKinds(lua51 string, copas bool) []ServerKind {
	script := func(interp, name string) ServerKind {
		return ServerKind{interp + " " + name, func(port, backlog int) []string {
			bin := b.Netlua
			if interp == "lua5.1" {
				bin = lua51
			}
			return []string{bin, b.Script(name), strconv.Itoa(port), strconv.Itoa(backlog)}
		}}
	}
	kinds := []ServerKind{
		script("netlua", "echo_server.lua"),
		script("netlua", "echo_luasocket.lua"),
		script("netlua", "echo_select.lua"),
	}
	if copas {
		// Found on the lua command's package.path, which netlua shares.
		kinds = append(kinds, script("netlua", "echo_copas.lua"))
	}
	if lua51 != "" {
		kinds = append(kinds, script("lua5.1", "echo_select.lua"))
		if copas {
			kinds = append(kinds, script("lua5.1", "echo_copas.lua"))
		}
	}
	return kinds
}

// HasCopas reports whether lua5.1 can require copas.
func HasCopas(lua51 string) bool {
	if lua51 == "" {
		return false
	}
	cmd := exec.Command(lua51, "-e", `require("copas")`)
	cmd.Dir = "/"
	return cmd.Run() == nil
}

// LinePingPong is PingPong with newline-terminated messages of Size bytes.
type LinePingPong PingPong

// Run drives the server at addr as PingPong.Run does.
func (p LinePingPong) Run(addr string, timeout time.Duration) (PingPongResult, error) {
	deadline := time.Now().Add(timeout)
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	d := net.Dialer{Deadline: deadline}
	for i := 0; i < p.Clients; i++ {
		c, err := d.Dial("tcp", addr)
		if err != nil {
			return PingPongResult{}, fmt.Errorf("client %d: %v", i, err)
		}
		c.SetDeadline(deadline)
		conns = append(conns, c)
	}
	msg := make([]byte, p.Size)
	for i := range msg {
		msg[i] = byte('a' + i%26)
	}
	msg[len(msg)-1] = '\n'
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		done  int
		first error
	)
	start := time.Now()
	for _, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := bufio.NewReaderSize(c, len(msg)+16)
			n := 0
			var err error
			for ; n < p.Rounds && err == nil; n++ {
				werr := make(chan error, 1)
				go func() { _, e := c.Write(msg); werr <- e }()
				var line []byte
				line, err = r.ReadSlice('\n')
				if e := <-werr; err == nil {
					err = e
				}
				if err == nil && !bytes.Equal(line, msg) {
					err = fmt.Errorf("echo differs from what was sent")
				}
			}
			mu.Lock()
			done += n
			if err != nil && first == nil {
				first = err
				for _, c := range conns {
					c.Close()
				}
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	res := PingPongResult{RoundTrips: done, Elapsed: time.Since(start)}
	if first != nil {
		return res, fmt.Errorf("after %d round trips: %v", done, first)
	}
	return res, nil
}

// LuaSocketRun measures each scenario against each server repeats times
// (interleaved) and returns a Markdown table of medians.
func LuaSocketRun(kinds []ServerKind, scenarios []LinePingPong, repeats int, timeout time.Duration, log func(string)) string {
	samples := map[string]map[int][]float64{}
	errs := map[string]map[int]string{}
	for _, k := range kinds {
		samples[k.Name] = map[int][]float64{}
		errs[k.Name] = map[int]string{}
	}
	for r := 0; r < repeats; r++ {
		for _, k := range rotate(kinds, r) {
			for i, sc := range scenarios {
				srv, err := Start(k, 128, 10*time.Second)
				if err != nil {
					errs[k.Name][i] = err.Error()
					continue
				}
				res, err := sc.Run(srv.Addr, timeout)
				srv.Stop()
				if err != nil {
					errs[k.Name][i] = err.Error()
					continue
				}
				rate := res.PerSecond()
				if sc.Size > 4096 {
					rate *= float64(sc.Size) / (1 << 20)
				}
				samples[k.Name][i] = append(samples[k.Name][i], rate)
				if log != nil {
					log(fmt.Sprintf("%s, %s: %.0f", k.Name, sc.name(), rate))
				}
			}
		}
	}
	var b strings.Builder
	b.WriteString("| scenario |")
	for _, k := range kinds {
		b.WriteString(" " + k.Name + " |")
	}
	b.WriteString("\n|---|" + strings.Repeat("---|", len(kinds)) + "\n")
	for i, sc := range scenarios {
		fmt.Fprintf(&b, "| %s |", sc.name())
		for _, k := range kinds {
			if e := errs[k.Name][i]; e != "" && len(samples[k.Name][i]) == 0 {
				b.WriteString(" failed |")
				continue
			}
			xs := append([]float64(nil), samples[k.Name][i]...)
			sort.Float64s(xs)
			fmt.Fprintf(&b, " %.0f |", xs[len(xs)/2])
		}
		b.WriteString("\n")
	}
	return b.String()
}

func (p LinePingPong) name() string {
	unit := "rt/s"
	if p.Size > 4096 {
		unit = "MiB/s"
	}
	return fmt.Sprintf("%d B lines, %d client × %d (%s)", p.Size, p.Clients, p.Rounds, unit)
}
