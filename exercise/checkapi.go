package exercise

import (
	_ "embed"
	"os"
	"path/filepath"
	"time"

	"netlua/internal/testcert"
	"netlua/interp"

	lua "github.com/yuin/gopher-lua"
)

//go:embed checkapi.lua
var checkAPISource string

// checkEnv is what one check's `check` module is bound to.
type checkEnv struct {
	learner      *learner
	steps        *stepLog
	run          Run
	port         int
	requirements []string    // task.md's numbered requirements
	certs        *checkCerts // check.tls_certs's, made on first use
}

// checkModule is the `check` module a checker.lua uses, bound to one check
// run: Go gives it the learner's process and a clock; checkapi.lua builds the
// sockets side (connect, send_in_pieces, expect_recv...) on the socket module.
func checkModule(env *checkEnv) *interp.Module {
	l, steps := env.learner, env.steps
	return &interp.Module{
		Name: "check",
		Doc:  "The checker API: what a checker.lua uses to run the learner's script and play the other side on loopback. See exercise/README.md.",
		Consts: []interp.Const{
			{Name: "host", Value: env.run.Host},
			{Name: "port", Value: env.port},
			{Name: "seed", Value: int(env.run.Seed)},
			{Name: "requirements", Value: func(L *lua.LState) lua.LValue {
				reqs := L.NewTable()
				for _, r := range env.requirements {
					reqs.Append(lua.LString(r))
				}
				return reqs
			}},
		},
		Source: checkAPISource,
		Funcs: []interp.Func{
			{Name: "start", Fn: func(L *lua.LState) int {
				var args *lua.LTable
				interp.UnpackArgs(L, 1, "args", &args)
				var argv []string
				for i := 1; i <= args.Len(); i++ {
					argv = append(argv, lua.LVAsString(args.RawGetInt(i)))
				}
				if err := l.start(argv); err != nil {
					interp.Raise(L, interp.RuntimeError, "cannot start the script: %v", err)
				}
				return 0
			}, Sig: "check.start(args)", Doc: "Starts the learner's script with the arguments in the list args (strings or numbers). check.start_server and check.run_client call it with --host and --port. Once the script has ended it can be started again (its output starts afresh): a checker may run a client against two different servers.", Py: "subprocess.Popen([netlua, script, *args])"},
			{Name: "running", Fn: func(L *lua.LState) int {
				interp.UnpackArgs(L, 1)
				_, done := l.wait(0)
				L.Push(lua.LBool(l.cmd != nil && !done))
				return 1
			}, Sig: "check.running() -> boolean", Doc: "Whether the learner's script was started and still runs.", Py: "p.poll() is None"},
			{Name: "wait", Fn: func(L *lua.LState) int {
				var seconds float64
				interp.UnpackArgs(L, 1, "seconds", &seconds)
				var code int
				var done bool
				interp.Block(L, nil, func() { code, done = l.wait(time.Duration(seconds * float64(time.Second))) })
				if !done {
					return 0
				}
				L.Push(lua.LNumber(code))
				return 1
			}, Sig: "check.wait(seconds) -> exit code or nil", Doc: "Waits up to seconds for the script to end; its exit status, or nil if it still runs.", Py: "p.wait(timeout)"},
			{Name: "limit_descriptors", Fn: func(L *lua.LState) int {
				var n int
				interp.UnpackArgs(L, 1, "n", &n)
				if n < 16 {
					interp.Raise(L, interp.ValueError, "%s(): the runtime itself needs some descriptors; give at least 16", interp.FuncName(L))
				}
				L.Push(lua.LBool(l.limitDescriptors(n)))
				return 1
			}, Sig: "check.limit_descriptors(n) -> boolean", Doc: "Before check.start: the script may hold at most n open descriptors (sockets, files), so a server that never closes connections fails after about n clients. False where the OS can't set it (it is Linux's prlimit): skip the requirement then.", Py: "resource.prlimit(pid, RLIMIT_NOFILE, (n, n))"},
			{Name: "script_path", Fn: func(L *lua.LState) int {
				interp.UnpackArgs(L, 1)
				abs, err := filepath.Abs(l.path)
				if err != nil {
					abs = l.path
				}
				L.Push(lua.LString(abs))
				return 1
			}, Sig: "check.script_path() -> string", Doc: "The learner's script's path, for checkers that read its source (a task that forbids a module, say).", Py: "os.path.abspath(script)"},
			{Name: "output", Fn: func(L *lua.LState) int {
				interp.UnpackArgs(L, 1)
				L.Push(lua.LString(l.output()))
				return 1
			}, Sig: "check.output() -> string", Doc: "Everything the script printed so far, stdout and stderr together.", Py: "p.stdout.read()"},
			{Name: "sleep", Fn: func(L *lua.LState) int {
				var seconds float64
				interp.UnpackArgs(L, 1, "seconds", &seconds)
				interp.Block(L, nil, func() { time.Sleep(time.Duration(seconds * float64(time.Second))) })
				return 0
			}, Sig: "check.sleep(seconds)", Doc: "Pauses the checker, e.g. between the pieces of a split write.", Py: "time.sleep(seconds)"},
			{Name: "clock", Fn: func(L *lua.LState) int {
				interp.UnpackArgs(L, 1)
				L.Push(lua.LNumber(float64(time.Since(clockStart)) / float64(time.Second)))
				return 1
			}, Sig: "check.clock() -> seconds", Doc: "A monotonic clock in seconds, for the checker's own deadlines.", Py: "time.monotonic()"},
			{Name: "step", Fn: func(L *lua.LState) int {
				var name string
				interp.UnpackArgs(L, 1, "name", &name)
				steps.begin(name)
				return 0
			}, Sig: "check.step(name)", Doc: "Begins a named step of the check (\"echoes split writes\"). The step before it passed; if the check fails, the step under way is the one that failed. --format json, junit and tap report each step.", Py: "-"},
			{Name: "tls_certs", Fn: func(L *lua.LState) int {
				interp.UnpackArgs(L, 1)
				set, err := env.certs.get()
				if err != nil {
					interp.Raise(L, interp.RuntimeError, "tls_certs(): cannot make certificates: %v", err)
				}
				t := L.NewTable()
				for k, v := range map[string]string{
					"ca": set.CA, "server": set.Server, "server_key": set.ServerKey,
					"client": set.Client, "client_key": set.ClientKey,
					"wrong_name": set.WrongName, "wrong_name_key": set.WrongNameKey,
					"self_signed": set.SelfSigned, "self_signed_key": set.SelfSignedKey,
					"expired": set.Expired, "expired_key": set.ExpiredKey, "other_ca": set.OtherCA,
				} {
					t.RawSetString(k, lua.LString(v))
				}
				L.Push(t)
				return 1
			}, Sig: "check.tls_certs() -> table", Doc: "Certificates made for this check (removed after it), as PEM file paths: ca (the authority that signed the rest), server and server_key (for localhost, 127.0.0.1 and ::1), client and client_key, wrong_name and wrong_name_key (for wrong.example only), self_signed and self_signed_key (localhost, signed by itself), expired and expired_key, other_ca (an authority that signed none of them).", Py: "-"},
			{Name: "fail", Sig: "check.fail(message [, hint])", Doc: "Stops the check: the exercise fails with message (what the peer did, what the script did wrong) and the name of a hint in hint.txt.", Py: "raise AssertionError(message)"},
			{Name: "connect", Sig: "check.connect([timeout]) -> socket", Doc: "Connects to the learner's server at check.host:check.port, retrying while it starts; fails if the script exits or nothing accepts within timeout (10 s). The socket has a 3 s timeout and TCP_NODELAY, so each send is its own segment.", Py: "socket.create_connection((host, port))"},
			{Name: "start_server", Sig: "check.start_server([extra_args])", Doc: "Starts the script with --host check.host --port check.port (then extra_args): for exercises where the learner writes a server.", Py: "-"},
			{Name: "send_in_pieces", Sig: "check.send_in_pieces(sock, data, piece_size, delay) -> sent, why", Doc: "Sends data piece_size bytes at a time, delay seconds apart: the split writes a real network makes. Stops without raising if the script resets the connection: sent is the bytes sent, why is \"ok\" or \"reset\".", Py: "-"},
			{Name: "expect_recv", Sig: "check.expect_recv(sock, n [, timeout]) -> data, why", Doc: "Receives until n bytes arrived, the peer closed, or timeout (3 s) passed. why is \"ok\", \"closed\", \"timeout\" or \"reset\".", Py: "-"},
			{Name: "recv_until_close", Sig: "check.recv_until_close(sock [, timeout]) -> data, why", Doc: "Receives until the peer closes (why is \"closed\") or timeout (3 s) passes (\"timeout\").", Py: "-"},
			{Name: "listen", Sig: "check.listen([kind]) -> socket", Doc: "For client exercises: a socket bound to a free loopback port, which becomes check.port; kind \"udp\" makes a datagram socket, otherwise a listening TCP socket. Its timeout is 5 s.", Py: "-"},
			{Name: "run_client", Sig: "check.run_client(handler [, extra_args])", Doc: "For client exercises: listens, starts the script with --host and --port, accepts its connection and calls handler(conn); fails if the script does not connect within 5 s.", Py: "-"},
			{Name: "finish", Sig: "check.finish([timeout]) -> output", Doc: "Waits up to timeout (5 s) for the script to end by itself and returns its output; fails if it still runs or exits with an error.", Py: "-"},
			{Name: "expect_output", Sig: "check.expect_output(text, what [, hint])", Doc: "Fails unless the script's output contains text (plain, not a pattern); what says what the text is.", Py: "-"},
			{Name: "show", Sig: "check.show(data) -> string", Doc: "data quoted as Python shows bytes, shortened to 60 bytes, for failure messages.", Py: "-"},
		},
	}
}

var clockStart = time.Now()

// checkCerts makes one check's TLS certificates on first use, in a
// temporary directory that remove deletes when the check ends.
type checkCerts struct {
	set *testcert.Set
}

func (c *checkCerts) get() (*testcert.Set, error) {
	if c.set != nil {
		return c.set, nil
	}
	dir, err := os.MkdirTemp("", "netlua-check-certs")
	if err != nil {
		return nil, err
	}
	if c.set, err = testcert.Write(dir); err != nil {
		os.RemoveAll(dir)
	}
	return c.set, err
}

func (c *checkCerts) remove() {
	if c.set != nil {
		os.RemoveAll(c.set.Dir)
	}
}
