package argparse

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/term"
)

// This file is CPython 3.11's argparse.HelpFormatter, for the features
// the module supports, so help and usage come out byte-identical.

// width is the formatter's width: the terminal's columns less 2, from
// $COLUMNS first, as Python's shutil.get_terminal_size reads them.
func width() int {
	cols := 0
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		cols = n
	} else if w, _, err := term.GetSize(int(os.Stdout.Fd())); err == nil && w > 0 {
		cols = w
	} else {
		cols = 80
	}
	return cols - 2
}

// The package's regexps are compiled on first use, not at every start of
// netlua, most of which never parse arguments.
var whitespace = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\s+`) })

// wrap is textwrap.wrap after collapsing whitespace, as _split_lines.
func wrap(text string, width int) []string {
	words := strings.Fields(whitespace().ReplaceAllString(text, " "))
	var lines []string
	line := ""
	for _, w := range words {
		for len(w) > width && width > 0 {
			// textwrap breaks words longer than a line
			if line != "" {
				if room := width - len(line) - 1; room > 0 {
					lines = append(lines, line+" "+w[:room])
					w = w[room:]
					line = ""
					continue
				}
				lines = append(lines, line)
				line = ""
			}
			lines = append(lines, w[:width])
			w = w[width:]
		}
		switch {
		case w == "":
		case line == "":
			line = w
		case len(line)+1+len(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// formatText is _format_text: description and epilog, filled.
func formatText(text string, width int) string {
	if text == "" {
		return ""
	}
	return strings.Join(wrap(text, max(width, 11)), "\n") + "\n\n"
}

// metavarFor is _metavar_formatter's single name: the metavar, else the
// choices in braces, else dflt.
func (a *action) metavarFor(dflt string) string {
	if a.metavar != "" {
		return a.metavar
	}
	if a.choices != nil {
		parts := make([]string, len(a.choices))
		for i, c := range a.choices {
			parts[i] = pyStr(c)
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	return dflt
}

// formatArgs is _format_args.
func (a *action) formatArgs(dflt string) string {
	m := a.metavarFor(dflt)
	switch a.nargs {
	case nargsNone:
		return m
	case nargsOptional:
		return "[" + m + "]"
	case nargsZeroMore:
		return "[" + m + " ...]"
	case nargsOneMore:
		return m + " [" + m + " ...]"
	}
	return strings.TrimSpace(strings.Repeat(m+" ", a.count))
}

// invocation is _format_action_invocation: "-p PORT, --port PORT".
func (a *action) invocation() string {
	if a.positional() {
		return a.metavarFor(a.dest)
	}
	if a.nargs == "0" {
		return strings.Join(a.options, ", ")
	}
	args := a.formatArgs(strings.ToUpper(a.dest))
	parts := make([]string, len(a.options))
	for i, o := range a.options {
		parts[i] = o + " " + args
	}
	return strings.Join(parts, ", ")
}

// usagePart is one action's piece of the usage line.
func (a *action) usagePart() string {
	if a.positional() {
		return a.formatArgs(a.dest)
	}
	part := a.options[0]
	if a.nargs != "0" {
		part += " " + a.formatArgs(strings.ToUpper(a.dest))
	}
	if !a.required {
		part = "[" + part + "]"
	}
	return part
}

// splitParts is the regexp _format_usage splits usage with,
// `\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+`, without lookahead.
func splitParts(s string) []string {
	var parts []string
	for i := 0; i < len(s); {
		if s[i] == ' ' {
			i++
			continue
		}
		end := -1
		if s[i] == '[' || s[i] == '(' {
			closer := map[byte]byte{'[': ']', '(': ')'}[s[i]]
			for j := i + 1; j < len(s) && end < 0; j++ {
				if s[j] != closer {
					continue
				}
				k := j
				for k < len(s) && s[k] == closer {
					k++
				}
				if k == len(s) || s[k] == ' ' {
					end = k
				}
			}
		}
		if end < 0 {
			end = i + strings.IndexByte(s[i:]+" ", ' ')
		}
		parts = append(parts, s[i:end])
		i = end
	}
	return parts
}

// formatUsage is _format_usage: "usage: prog [-h] ...", wrapped as Python
// wraps it when too long.
func (p *parser) formatUsage() string {
	const prefix = "usage: "
	if p.usage != "" {
		return prefix + p.expand(p.usage)
	}
	var opt, pos []string
	for _, a := range p.actions {
		if a.help == suppress {
			continue
		}
		if a.positional() {
			pos = append(pos, a.usagePart())
		} else {
			opt = append(opt, a.usagePart())
		}
	}
	optUsage, posUsage := strings.Join(opt, " "), strings.Join(pos, " ")
	usage := strings.TrimSpace(strings.Join([]string{p.prog, optUsage, posUsage}, " "))
	usage = whitespace().ReplaceAllString(usage, " ")
	textWidth := width()
	if len(prefix)+len(usage) <= textWidth {
		return prefix + usage
	}
	optParts, posParts := splitParts(optUsage), splitParts(posUsage)
	getLines := func(parts []string, indent string, withPrefix bool) []string {
		var lines, line []string
		lineLen := len(indent) - 1
		if withPrefix {
			lineLen = len(prefix) - 1
		}
		for _, part := range parts {
			if lineLen+1+len(part) > textWidth && len(line) > 0 {
				lines = append(lines, indent+strings.Join(line, " "))
				line = nil
				lineLen = len(indent) - 1
			}
			line = append(line, part)
			lineLen += len(part) + 1
		}
		if len(line) > 0 {
			lines = append(lines, indent+strings.Join(line, " "))
		}
		if withPrefix && len(lines) > 0 {
			lines[0] = lines[0][len(indent):]
		}
		return lines
	}
	var lines []string
	if float64(len(prefix)+len(p.prog)) <= 0.75*float64(textWidth) {
		indent := strings.Repeat(" ", len(prefix)+len(p.prog)+1)
		switch {
		case len(optParts) > 0:
			lines = getLines(append([]string{p.prog}, optParts...), indent, true)
			lines = append(lines, getLines(posParts, indent, false)...)
		case len(posParts) > 0:
			lines = getLines(append([]string{p.prog}, posParts...), indent, true)
		default:
			lines = []string{p.prog}
		}
	} else {
		indent := strings.Repeat(" ", len(prefix))
		lines = getLines(append(optParts, posParts...), indent, false)
		if len(lines) > 1 {
			lines = append(getLines(optParts, indent, false), getLines(posParts, indent, false)...)
		}
		lines = append([]string{p.prog}, lines...)
	}
	return prefix + strings.Join(lines, "\n")
}

// formatHelp is ArgumentParser.format_help.
func (p *parser) formatHelp() string {
	w := width()
	var b strings.Builder
	b.WriteString(p.formatUsage() + "\n\n")
	b.WriteString(formatText(p.expand(p.description), w))

	maxLen := 0
	var pos, opt []*action
	for _, a := range p.actions {
		if a.help == suppress {
			continue
		}
		maxLen = max(maxLen, len(a.invocation())+2)
		if a.positional() {
			pos = append(pos, a)
		} else {
			opt = append(opt, a)
		}
	}
	helpPos := min(maxLen+2, min(24, max(w-20, 4)))
	helpWidth := max(w-helpPos, 11)
	actionWidth := helpPos - 2 - 2
	for _, sec := range []struct {
		title   string
		actions []*action
	}{{"positional arguments", pos}, {"options", opt}} {
		if len(sec.actions) == 0 {
			continue
		}
		b.WriteString(sec.title + ":\n")
		for _, a := range sec.actions {
			header := a.invocation()
			if !a.hasHelp {
				b.WriteString("  " + header + "\n")
				continue
			}
			lines := wrap(p.expandHelp(a), helpWidth)
			if len(header) <= actionWidth {
				b.WriteString("  " + header + strings.Repeat(" ", actionWidth-len(header)) + "  ")
			} else {
				b.WriteString("  " + header + "\n")
				if len(lines) > 0 {
					b.WriteString(strings.Repeat(" ", helpPos))
				}
			}
			for i, l := range lines {
				if i > 0 {
					b.WriteString(strings.Repeat(" ", helpPos))
				}
				b.WriteString(l + "\n")
			}
			if len(lines) == 0 && len(header) <= actionWidth {
				b.WriteString("\n")
			}
		}
		b.WriteString("\n")
	}
	b.WriteString(formatText(p.expand(p.epilog), w))
	help := regexp.MustCompile(`\n\n\n+`).ReplaceAllString(b.String(), "\n\n")
	return strings.Trim(help, "\n") + "\n"
}

var placeholder = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`%\((\w+)\)[sdr]|%%`) })

// expand fills %(prog)s in parser texts, as Python's % formatting does.
func (p *parser) expand(text string) string {
	return placeholder().ReplaceAllStringFunc(text, func(m string) string {
		switch m {
		case "%%":
			return "%"
		case "%(prog)s":
			return p.prog
		}
		return m
	})
}

// expandHelp is _expand_help: %(default)s, %(prog)s and the other
// action fields in a help text.
func (p *parser) expandHelp(a *action) string {
	return placeholder().ReplaceAllStringFunc(a.help, func(m string) string {
		if m == "%%" {
			return "%"
		}
		sub := placeholder().FindStringSubmatch(m)
		var s string
		switch sub[1] {
		case "prog":
			s = p.prog
		case "default":
			s = pyStr(a.dflt)
		case "dest":
			s = a.dest
		case "metavar":
			s = "None"
			if a.metavar != "" {
				s = a.metavar
			}
		case "type":
			s = "None"
			if a.typeName != "str" || a.typ != "" {
				s = a.typeName
			}
		case "const":
			s = pyStr(a.konst)
		case "required":
			s = map[bool]string{true: "True", false: "False"}[a.required]
		case "choices":
			parts := make([]string, len(a.choices))
			for i, c := range a.choices {
				parts[i] = pyStr(c)
			}
			s = strings.Join(parts, ", ")
		default:
			return m
		}
		if strings.HasSuffix(m, "r") {
			return "'" + s + "'"
		}
		return s
	})
}
