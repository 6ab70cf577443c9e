package argparse

import (
	"regexp"
	"strings"
	"sync"

	"netlua/interp"

	lua "github.com/yuin/gopher-lua"
)

// A parser is an ArgumentParser.
type parser struct {
	prog, usage, description, epilog string
	actions                          []*action
	options                          map[string]*action // by option string
}

// negativeNumber is Python's _negative_number_matcher: such arguments are
// values, not options, unless the parser has options that look like them.
var negativeNumber = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^-\d+$|^-\d*\.\d+$`) })

func (p *parser) hasNegativeNumberOptions() bool {
	for o := range p.options {
		if negativeNumber().MatchString(o) {
			return true
		}
	}
	return false
}

// An optionMatch is Python's option tuple: the action (nil for an
// unknown option), the option string and an explicit "=value".
type optionMatch struct {
	a        *action
	option   string
	explicit *string
}

// parseOptional is Python's _parse_optional: nil means a plain argument.
func (p *parser) parseOptional(arg string) (*optionMatch, error) {
	if arg == "" || arg[0] != '-' || arg == "-" {
		return nil, nil
	}
	if a, ok := p.options[arg]; ok {
		return &optionMatch{a: a, option: arg}, nil
	}
	if opt, val, ok := strings.Cut(arg, "="); ok {
		if a, ok := p.options[opt]; ok {
			return &optionMatch{a: a, option: opt, explicit: &val}, nil
		}
	}
	matches, err := p.prefixMatches(arg)
	if err != nil {
		return nil, err
	}
	if len(matches) == 1 {
		return matches[0], nil
	}
	if negativeNumber().MatchString(arg) && !p.hasNegativeNumberOptions() {
		return nil, nil
	}
	if strings.Contains(arg, " ") {
		return nil, nil
	}
	return &optionMatch{option: arg}, nil
}

// prefixMatches is Python's _get_option_tuples with allow_abbrev: a long
// option may be shortened to any unique prefix; a short one may carry its
// value ("-p9900").
func (p *parser) prefixMatches(arg string) ([]*optionMatch, error) {
	var matches []*optionMatch
	if strings.HasPrefix(arg, "--") {
		opt, val, hasVal := strings.Cut(arg, "=")
		for _, o := range p.sortedOptions() {
			if strings.HasPrefix(o, opt) {
				m := &optionMatch{a: p.options[o], option: o}
				if hasVal {
					m.explicit = &val
				}
				matches = append(matches, m)
			}
		}
	} else if len(arg) > 2 {
		short, rest := arg[:2], arg[2:]
		for _, o := range p.sortedOptions() {
			if o == short {
				matches = append(matches, &optionMatch{a: p.options[o], option: o, explicit: &rest})
			} else if strings.HasPrefix(o, arg) {
				matches = append(matches, &optionMatch{a: p.options[o], option: o})
			}
		}
	}
	if len(matches) > 1 {
		names := make([]string, len(matches))
		for i, m := range matches {
			names[i] = m.option
		}
		return nil, &argError{nil, "ambiguous option: " + strings.SplitN(arg, "=", 2)[0] + " could match " + strings.Join(names, ", ")}
	}
	return matches, nil
}

// sortedOptions lists option strings in the order they were added, as
// Python's dict of them iterates.
func (p *parser) sortedOptions() []string {
	var opts []string
	for _, a := range p.actions {
		opts = append(opts, a.options...)
	}
	return opts
}

// A parse is one run of parse_known_args.
type parse struct {
	p       *parser
	L       *lua.LState
	args    []string
	pattern string // one letter per argument: 'O', 'A', '-'
	opts    map[int]*optionMatch
	values  map[string]lua.LValue
	order   []string // dests in the order Python's Namespace shows them
	seen    map[*action]bool
	extras  []string
	exit    *exitRequest // set by -h/--help and version
}

// An exitRequest is a SystemExit after output: help, version.
type exitRequest struct{ code int }

func (ps *parse) set(dest string, v lua.LValue) {
	if _, ok := ps.values[dest]; !ok {
		ps.order = append(ps.order, dest)
	}
	ps.values[dest] = v
}

// run is Python's _parse_known_args.
func (p *parser) run(L *lua.LState, args []string) (*parse, error) {
	ps := &parse{p: p, L: L, args: args, opts: map[int]*optionMatch{},
		values: map[string]lua.LValue{}, seen: map[*action]bool{}}
	for _, a := range p.actions {
		if a.kind != "help" && a.kind != "version" {
			if _, ok := ps.values[a.dest]; !ok {
				ps.set(a.dest, a.dflt)
			}
		}
	}
	var pat strings.Builder
	for i, arg := range args {
		if arg == "--" {
			pat.WriteByte('-')
			pat.WriteString(strings.Repeat("A", len(args)-i-1))
			break
		}
		m, err := p.parseOptional(arg)
		if err != nil {
			return nil, err
		}
		if m == nil {
			pat.WriteByte('A')
		} else {
			ps.opts[i] = m
			pat.WriteByte('O')
		}
	}
	ps.pattern = pat.String()

	var positionals []*action
	for _, a := range p.actions {
		if a.positional() {
			positionals = append(positionals, a)
		}
	}
	maxOpt := -1
	for i := range ps.opts {
		maxOpt = max(maxOpt, i)
	}
	start := 0
	for start <= maxOpt && ps.exit == nil {
		next := len(args)
		for i := range ps.opts {
			if i >= start && i < next {
				next = i
			}
		}
		if start != next {
			end, err := ps.consumePositionals(&positionals, start)
			if err != nil {
				return nil, err
			}
			if end > start {
				start = end
				continue
			}
			start = end
		}
		if _, ok := ps.opts[start]; !ok {
			ps.extras = append(ps.extras, args[start:next]...)
			start = next
		}
		end, err := ps.consumeOptional(start)
		if err != nil {
			return nil, err
		}
		start = end
	}
	if ps.exit != nil {
		return ps, nil
	}
	end, err := ps.consumePositionals(&positionals, start)
	if err != nil {
		return nil, err
	}
	ps.extras = append(ps.extras, args[end:]...)

	var missing []string
	for _, a := range p.actions {
		if ps.seen[a] {
			continue
		}
		if a.required {
			missing = append(missing, a.name())
		} else if s, ok := a.dflt.(lua.LString); ok && ps.values[a.dest] == a.dflt {
			// Python converts a string default only when it is used.
			v, err := a.convert(L, string(s))
			if err != nil {
				return nil, err
			}
			ps.set(a.dest, v)
		}
	}
	if len(missing) > 0 {
		return nil, &argError{nil, "the following arguments are required: " + strings.Join(missing, ", ")}
	}
	return ps, nil
}

// consumePositionals is Python's: as many of the remaining positionals
// as the arguments from start can satisfy, each taking what its nargs
// pattern matches.
func (ps *parse) consumePositionals(positionals *[]*action, start int) (int, error) {
	rest := ps.pattern[start:]
	for n := len(*positionals); n > 0; n-- {
		var pat strings.Builder
		pat.WriteString("^")
		for _, a := range (*positionals)[:n] {
			pat.WriteString(a.nargsPattern())
		}
		m := regexp.MustCompile(pat.String()).FindStringSubmatch(rest)
		if m == nil {
			continue
		}
		for i, a := range (*positionals)[:n] {
			count := len(m[i+1])
			if err := ps.take(a, ps.args[start:start+count]); err != nil {
				return 0, err
			}
			start += count
		}
		*positionals = (*positionals)[n:]
		return start, nil
	}
	return start, nil
}

// consumeOptional is Python's: the option at start and its values.
func (ps *parse) consumeOptional(start int) (int, error) {
	m := ps.opts[start]
	a, option, explicit := m.a, m.option, m.explicit
	for {
		if a == nil {
			ps.extras = append(ps.extras, ps.args[start])
			return start + 1, nil
		}
		if explicit == nil {
			re := regexp.MustCompile("^" + a.nargsPattern())
			found := re.FindStringSubmatch(ps.pattern[start+1:])
			if found == nil {
				return 0, &argError{a, a.nargsError()}
			}
			stop := start + 1 + len(found[1])
			return stop, ps.take(a, ps.args[start+1:stop])
		}
		count := -1
		if found := regexp.MustCompile("^" + a.nargsPattern()).FindStringSubmatch("A"); found != nil {
			count = len(found[1])
		}
		switch {
		case count == 0 && option[1] != '-' && *explicit != "":
			// combined short flags: -vx is -v -x
			if err := ps.take(a, nil); err != nil {
				return 0, err
			}
			option = option[:1] + (*explicit)[:1]
			next := (*explicit)[1:]
			b, ok := ps.p.options[option]
			if !ok {
				return 0, &argError{a, "ignored explicit argument " + interp.QuoteString(*explicit)}
			}
			a = b
			if next == "" {
				// the last flag may take the following arguments
				explicit = nil
				continue
			}
			explicit = &next
		case count == 1:
			return start + 1, ps.take(a, []string{*explicit})
		default:
			return 0, &argError{a, "ignored explicit argument " + interp.QuoteString(*explicit)}
		}
	}
}

// take is CPython's take_action: the action is seen, its strings become a
// value (getValues), and the action is performed with it (perform).
func (ps *parse) take(a *action, strs []string) error {
	ps.seen[a] = true
	value, err := ps.getValues(a, strs)
	if err != nil {
		return err
	}
	ps.perform(a, value)
	return nil
}

// getValues is CPython's _get_values: the action's argument strings, without
// a first "--", converted by type and checked against choices, as one value
// or a table of them as nargs says.
func (ps *parse) getValues(a *action, strs []string) (lua.LValue, error) {
	L := ps.L
	if a.nargs != "0" {
		for i, s := range strs {
			if s == "--" {
				strs = append(append([]string{}, strs[:i]...), strs[i+1:]...)
				break
			}
		}
	}
	var value lua.LValue
	switch {
	case len(strs) == 0 && a.nargs == nargsOptional:
		value = a.konst
		if a.positional() {
			value = a.dflt
		}
		if s, ok := value.(lua.LString); ok {
			v, err := a.convert(L, string(s))
			if err != nil {
				return nil, err
			}
			value = v
		}
		if err := a.checkChoice(L, value); err != nil {
			return nil, err
		}
	case len(strs) == 0 && a.nargs == nargsZeroMore && a.positional():
		value = a.dflt
		if value == lua.LNil {
			value = L.NewTable()
		}
	case len(strs) == 1 && (a.nargs == nargsNone || a.nargs == nargsOptional):
		v, err := a.convert(L, strs[0])
		if err != nil {
			return nil, err
		}
		if err := a.checkChoice(L, v); err != nil {
			return nil, err
		}
		value = v
	default:
		t := L.NewTable()
		for _, s := range strs {
			v, err := a.convert(L, s)
			if err != nil {
				return nil, err
			}
			if err := a.checkChoice(L, v); err != nil {
				return nil, err
			}
			t.Append(element(L, v))
		}
		value = t
	}
	return value, nil
}

// perform is calling the action (CPython's Action.__call__): store, count,
// append, or print help or the version and ask to exit.
func (ps *parse) perform(a *action, value lua.LValue) {
	L := ps.L
	switch a.kind {
	case "store":
		ps.set(a.dest, value)
	case "store_const", "store_true", "store_false":
		ps.set(a.dest, a.konst)
	case "append", "append_const":
		items := ps.L.NewTable()
		if old, ok := ps.values[a.dest].(*lua.LTable); ok {
			old.ForEach(func(_, v lua.LValue) { items.Append(v) })
		}
		if a.kind == "append" {
			items.Append(element(L, value))
		} else {
			items.Append(element(L, a.konst))
		}
		ps.set(a.dest, items)
	case "count":
		n, _ := ps.values[a.dest].(lua.LNumber)
		ps.set(a.dest, n+1)
	case "help":
		ps.p.printHelp(L)
		ps.exit = &exitRequest{0}
	case "version":
		writeOut(L, formatText(ps.p.expand(a.version), width()))
		ps.exit = &exitRequest{0}
	}
}

// element is v as an element of a list the namespace holds: a None (a
// type function's nil, append_const's default const, nargs='?' without
// one) is interp's `none`, as a Lua table cannot hold nil
// (interp/none.go): --tag --tag x appends [None, 'x'] as in CPython.
func element(L *lua.LState, v lua.LValue) lua.LValue {
	if v == lua.LNil {
		return interp.None(L)
	}
	return v
}
