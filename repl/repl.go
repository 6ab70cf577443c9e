// Package repl is netlua's interactive prompt.
//
// The loop reads a chunk, runs it, prints its values, and starts again:
//
//   - Reading: lines come from the readline line editor (history, Ctrl-R,
//     Tab completion, cursor movement over wide characters). The wait for a
//     key releases the GIL, so threads started at the prompt keep running
//     while the user types; their output goes through the editor's writer,
//     which prints it above the prompt and redraws the line being typed.
//   - A chunk is complete when it parses. A parse error at end of input
//     (gopher-lua reports Pos.Line == parse.EOF: an open function, table,
//     long string or comment) asks for another line with "... "; any other
//     parse error is reported at once. Two empty lines in a row end an
//     unfinished chunk with its error, as they end a block in Python.
//   - "return " + chunk is tried first, so that an expression prints its
//     values; the first is kept in the global _. Top-level locals become
//     globals, since each chunk is its own function and a local would be
//     gone by the next line — and the tutorials say `local s = ...`.
//   - Running: the chunk runs as the foreground thread with the terminal out
//     of raw mode, so Ctrl-C is a signal that main turns into
//     KeyboardInterrupt in this chunk alone; background threads go on.
//     Ctrl-C while typing is a key: it clears the line.
//   - Ctrl-D on an empty line, exit() or quit() end the loop; like Python,
//     netlua then waits for non-daemon threads (Ctrl-C stops the wait).
//
// Files: repl.go the loop, chunk.go how a typed chunk compiles, complete.go
// Tab, pretty.go how values print, history.go the history file. help() is a builtin (interp/help.go).
package repl

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"sync"

	"github.com/ergochat/readline"
	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/parse"
	"golang.org/x/term"

	"netlua/interp"
)

const (
	prompt1 = ">>> "
	prompt2 = "... "
	chunk   = "stdin" // the chunk name: errors read "stdin:LINE: message"
)

type session struct {
	rt   *interp.Runtime
	rl   *readline.Instance
	hist *history
	comp *completer

	// rlMu serializes use of the line editor between the loop and input()
	// calls from any thread.
	rlMu sync.Mutex
}

// Run runs the interactive loop on rt until end of input or exit(); it
// returns the process exit status.
func Run(rt *interp.Runtime, banner bool) int {
	keys := &menuKeys{input: &keyInput{r: os.Stdin}}
	s := &session{rt: rt, comp: &completer{requests: make(chan completion), offered: keys.offered}}
	rl, err := readline.NewFromConfig(&readline.Config{
		Prompt:                 prompt1,
		Stdin:                  keys.input,
		FuncFilterInputRune:    keys.filter,
		AutoComplete:           s.comp,
		HistoryLimit:           historyLimit,
		DisableAutoSaveHistory: true,
		HistorySearchFold:      true,
		EOFPrompt:              "\n", // readline's way of saying: print nothing but the newline
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "netlua: %v\n", err)
		return 1
	}
	s.rl = rl
	defer rl.Close()
	rt.Out.SetWriters(rl.Stdout(), rl.Stderr())
	defer rt.Out.SetWriters(nil, nil)
	rt.ReadLine = s.input
	// help() wraps to the terminal, asked at each call: it may be resized.
	rt.Columns = func() int {
		w, _, err := term.GetSize(int(os.Stdout.Fd()))
		if err != nil {
			return 0
		}
		return w
	}
	defer func() { rt.Columns = nil }()
	s.hist = loadHistory(historyPath(), rt.Out.WriteErr)
	s.hist.load(rl)

	imported := s.importModules()
	if banner {
		rt.Out.Write(fmt.Sprintf("netlua %s (Lua 5.1, gopher-lua) with Python's socket library\n"+
			"%s"+
			"Type help() for help, help(socket) for a module; exit() or Ctrl-D to quit.\n",
			interp.Version, wrapList("Imported: ", imported)))
	}
	for {
		fn, lines, err := s.readChunk()
		if err == io.EOF {
			break
		}
		if lines != nil {
			s.hist.add(lines)
			s.hist.load(rl)
		}
		if err != nil {
			s.report(err)
			continue
		}
		if code, exit := s.run(fn); exit {
			return s.finish(code)
		}
	}
	return s.finish(0)
}

// wrapList writes "label: a, b, c" over as many lines of under 80 columns
// as it takes.
func wrapList(label string, items []string) string {
	var b strings.Builder
	line := label
	for i, it := range items {
		if i < len(items)-1 {
			it += ","
		}
		if len(line) > len(label) && len(line)+1+len(it) > 78 {
			b.WriteString(line + "\n")
			line = strings.Repeat(" ", len(label))
		} else if len(line) > len(label) {
			line += " "
		}
		line += it
	}
	return b.String() + line + "\n"
}

// finish waits for non-daemon threads, as Python does at exit; Ctrl-C
// during the wait exits at once.
func (s *session) finish(code int) int {
	if !s.rt.WaitThreads() {
		s.rt.Out.WriteErr("KeyboardInterrupt\n")
		return 130
	}
	return code
}

// importModules sets a global for every preloaded module, as if the user had
// typed `socket = require("socket")`; a dotted name makes nested tables.
func (s *session) importModules() []string {
	L := s.rt.L
	var names []string
	for _, m := range s.rt.Modules() {
		if err := s.rt.Call(L.GetGlobal("require"), 1, lua.LString(m.Name)); err != nil {
			s.rt.Out.WriteErr(fmt.Sprintf("netlua: cannot import %s: %s\n", m.Name, interp.FromLuaError(s.rt, err).Message()))
			continue
		}
		mod := L.Get(-1)
		L.Pop(1)
		parts := strings.Split(m.Name, ".")
		var t *lua.LTable = L.G.Global
		for _, p := range parts[:len(parts)-1] {
			next, ok := t.RawGetString(p).(*lua.LTable)
			if !ok {
				next = L.NewTable()
				t.RawSetString(p, next)
			}
			t = next
		}
		t.RawSetString(parts[len(parts)-1], mod)
		names = append(names, m.Name)
	}
	return names
}

// readChunk reads lines until they make a chunk. It returns the compiled
// chunk and the lines typed (for history); io.EOF when the user is done; a
// syntax error as an *interp.Error. Ctrl-C while typing drops the chunk.
func (s *session) readChunk() (*lua.LFunction, []string, error) {
	var lines []string
	for {
		p := prompt1
		if lines != nil {
			p = prompt2
		}
		line, err := s.readLine(p)
		switch {
		case err == readline.ErrInterrupt:
			lines = nil
			continue
		case err == io.EOF && lines == nil:
			return nil, nil, io.EOF
		case err == io.EOF:
			// Ctrl-D in the middle of a chunk: report what is missing.
			_, perr := compile(strings.Join(lines, "\n"))
			if pe, ok := perr.(*parse.Error); ok {
				perr = &interp.Error{Value: lua.LString(interp.SyntaxMessage(pe, len(lines)) + s.syntaxHint(lines, len(lines)))}
			}
			return nil, lines, perr
		case err != nil:
			return nil, nil, io.EOF
		}
		if lines == nil && strings.TrimSpace(line) == "" {
			continue
		}
		if strings.TrimSpace(line) == "" && strings.TrimSpace(lines[len(lines)-1]) == "" {
			// A second empty line in a row ends the chunk, as it ends a
			// block at Python's prompt: report what is missing, on the
			// chunk's last line, so a learner is never stuck at "... ".
			// Inside a long string or comment empty lines are text.
			typed := lines[:len(lines)-1]
			_, perr := compile(strings.Join(typed, "\n"))
			if pe, ok := perr.(*parse.Error); ok && !strings.Contains(pe.Message, "multiline") {
				err := &interp.Error{Value: lua.LString(interp.SyntaxMessage(pe, len(typed)) + s.syntaxHint(typed, len(typed)))}
				return nil, typed, err
			}
		}
		lines = append(lines, line)
		fn, err := compile(strings.Join(lines, "\n"))
		if pe, ok := err.(*parse.Error); ok && pe.Pos.Line == parse.EOF {
			continue
		}
		if pe, ok := err.(*parse.Error); ok {
			// Not at the end: that chunk is still being typed.
			err = &interp.Error{Value: lua.LString(interp.SyntaxMessage(pe, 0) + s.syntaxHint(lines, pe.Pos.Line))}
		}
		if err != nil {
			return nil, lines, err
		}
		return s.rt.L.NewFunctionFromProto(fn), lines, nil
	}
}

// run runs a compiled chunk as the foreground thread and prints what it
// returned. exit is set when the chunk raised SystemExit.
func (s *session) run(fn *lua.LFunction) (code int, exit bool) {
	L := s.rt.L
	base := L.GetTop()
	err := s.rt.Call(fn, lua.MultRet)
	if err != nil {
		e := interp.FromLuaError(s.rt, err)
		if e.IsA(interp.SystemExit) {
			s.rt.Out.WriteErr(e.ExitMessage())
			return e.ExitCode(), true
		}
		s.report(e)
		return 0, false
	}
	vals := make([]lua.LValue, L.GetTop()-base)
	for i := range vals {
		vals[i] = L.Get(base + 1 + i)
	}
	L.SetTop(base)
	if len(vals) == 0 {
		return 0, false
	}
	if vals[0] != lua.LNil {
		L.SetGlobal("_", vals[0])
	}
	// __tostring can be Lua code that fails or is interrupted: print inside
	// a protected call, like the chunk itself.
	show := L.NewFunction(func(L *lua.LState) int {
		parts := make([]string, L.GetTop())
		for i := range parts {
			parts[i] = pretty(s.rt, L, L.Get(i+1))
		}
		interp.Of(L).Out.Write(strings.Join(parts, "\t") + "\n")
		return 0
	})
	if err := s.rt.Call(show, 0, vals...); err != nil {
		s.report(err)
	}
	return 0, false
}

// report prints an error the way the prompt shows them: Ctrl-C as Python's
// "KeyboardInterrupt"; otherwise "stdin:LINE: message" and, when the error
// came from inside functions, a traceback of the Lua frames only.
func (s *session) report(err error) {
	var e *interp.Error
	if !errors.As(err, &e) {
		if pe, ok := err.(*parse.Error); ok {
			s.rt.Out.WriteErr(interp.SyntaxMessage(pe, 0) + "\n") // not at the end: that chunk is still being typed
			return
		}
		e = interp.FromLuaError(s.rt, err)
	}
	if e.IsA(interp.KeyboardInterrupt) {
		// On its own line: the terminal has echoed ^C where the cursor was.
		s.rt.Out.WriteErr("\nKeyboardInterrupt\n")
		return
	}
	s.rt.Out.WriteErr(e.Message() + "\n" + shortTraceback(e.Traceback))
}

// shortTraceback keeps the Lua frames of a gopher-lua traceback, dropping
// netlua's own Go frames ("[G]") and the frame of the REPL's chunk. Nothing
// is left for an error raised straight from the typed line, whose message
// already says where.
func shortTraceback(tb string) string {
	var frames []string
	for _, line := range strings.Split(tb, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || t == "stack traceback:" || strings.HasPrefix(t, "[G]") {
			continue
		}
		frames = append(frames, "\t"+t)
	}
	if len(frames) <= 1 {
		return ""
	}
	return "stack traceback:\n" + strings.Join(frames, "\n") + "\n"
}

// readLine reads one line at prompt p with the GIL released. Tab requests
// from the completer are answered here, with the GIL, between keys.
func (s *session) readLine(p string) (string, error) {
	type result struct {
		line string
		err  error
	}
	results := make(chan result, 1)
	go func() {
		s.rlMu.Lock()
		defer s.rlMu.Unlock()
		s.rl.SetPrompt(p)
		line, err := s.rl.ReadLine()
		results <- result{line, err}
	}()
	var (
		r   *result
		req *completion
	)
	wait := s.rt.L.NewFunction(func(L *lua.LState) int {
		r, req = nil, nil
		interp.Block(L, nil, func() {
			select {
			case got := <-results:
				r = &got
			case got := <-s.comp.requests:
				req = &got
			}
		})
		return 0
	})
	for {
		err := s.rt.Call(wait, 0)
		switch {
		case r != nil:
			if err != nil {
				// Ctrl-C came as a signal just after Enter, when the
				// terminal had left raw mode: it belongs to the chunk.
				s.rt.Interrupt()
			}
			return r.line, r.err
		case req != nil:
			req.reply <- candidates(s.rt, s.rt.L, req.text)
		}
		// An interrupt while waiting for keys can only be a signal sent
		// from elsewhere (Ctrl-C is a key in raw mode): the line being
		// typed cannot be taken back, so the prompt stays.
	}
}

// input is rt.ReadLine at the prompt: input() reads with the line editor,
// without completion or history. Ctrl-C is a key here as well; it is
// turned into the interrupt it would be in a script.
func (s *session) input(prompt string) (string, error) {
	s.rlMu.Lock()
	defer s.rlMu.Unlock()
	cfg := s.rl.GetConfig()
	cfg.Prompt = prompt
	cfg.AutoComplete = nil
	line, err := s.rl.ReadLineWithConfig(cfg)
	if err == readline.ErrInterrupt {
		s.rt.Interrupt()
		return "", io.EOF
	}
	return line, err
}

// importLine matches Python's import statement typed at the prompt.
var importLine = regexp.MustCompile(`^\s*import\s+(\w+)\s*$`)

// syntaxHint points from Python syntax on the chunk's line to the Lua form
// (interp.SyntaxHint); at the prompt, importing a module that is already
// imported says so.
func (s *session) syntaxHint(lines []string, line int) string {
	if line >= 1 && line <= len(lines) {
		if m := importLine.FindStringSubmatch(lines[line-1]); m != nil {
			if _, ok := s.rt.L.G.Global.RawGetString(m[1]).(*lua.LTable); ok {
				return "; " + m[1] + " is already imported at the prompt: use it (" + m[1] + ".name)"
			}
		}
	}
	return interp.SyntaxHint(strings.Join(lines, "\n"), line)
}
