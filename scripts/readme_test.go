package scripts

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// readmeCommands reads the table in README.md: for each row, the netlua
// commands of its "run" column, as written.
func readmeCommands(t *testing.T) map[string][]string {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`^\| (\d+) \|`)
	command := regexp.MustCompile("`(netlua [^`]+)`")
	rows := map[string][]string{}
	for _, line := range strings.Split(string(data), "\n") {
		m := row.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		cols := strings.Split(line, " | ")
		if len(cols) < 5 {
			t.Fatalf("row %s has no run column: %s", m[1], line)
		}
		for _, c := range command.FindAllStringSubmatch(cols[3], -1) {
			rows[m[1]] = append(rows[m[1]], c[1])
		}
	}
	return rows
}

// TestReadmeCommandsRun: every command of scripts/README.md's table names a
// script that exists (from this folder, where the README says to run them)
// and options the script accepts; the ones that run on their own (no
// server, no questions, no internet) run as written, with netlua on PATH
// and as ../netlua.
func TestReadmeCommandsRun(t *testing.T) {
	rows := readmeCommands(t)
	if len(rows) < 27 {
		t.Fatalf("only %d rows with commands in README.md", len(rows))
	}
	help := map[string]string{}
	for n, cmds := range rows {
		for _, c := range cmds {
			f := strings.Fields(c)
			script := f[1]
			if _, err := os.Stat(script); err != nil {
				t.Errorf("row %s: %q: no script %s in scripts/", n, c, script)
				continue
			}
			for _, opt := range f[2:] {
				if !strings.HasPrefix(opt, "--") {
					continue
				}
				if _, ok := help[script]; !ok {
					// Scripts with options parse them with argparse: -h lists them.
					ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
					out, _ := exec.CommandContext(ctx, netlua, script, "-h").CombinedOutput()
					cancel()
					help[script] = string(out)
				}
				if !strings.Contains(help[script], opt+" ") {
					t.Errorf("row %s: %q: %s does not take %s:\n%s", n, c, script, opt, help[script])
				}
			}
		}
	}

	// ../netlua: a folder holding the binary and a copy of the scripts.
	top := t.TempDir()
	bin := filepath.Join(top, "bin")
	os.Mkdir(bin, 0o755)
	data, _ := os.ReadFile(netlua)
	for _, p := range []string{filepath.Join(bin, "netlua"), filepath.Join(top, "netlua")} {
		if err := os.WriteFile(p, data, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	copyDir := filepath.Join(top, "scripts")
	if out, err := exec.Command("cp", "-r", ".", copyDir).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v %s", err, out)
	}
	// Rows that run on their own, as the README writes them.
	for _, n := range []string{"1", "15", "19", "20", "23"} {
		if len(rows[n]) != 1 {
			t.Fatalf("row %s: want one command, have %q", n, rows[n])
		}
		c := rows[n][0]
		for _, form := range []string{c, "../" + c} {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			cmd := exec.CommandContext(ctx, "sh", "-c", form)
			cmd.Dir = copyDir
			cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			err := cmd.Run()
			cancel()
			if err != nil || out.Len() == 0 {
				t.Errorf("row %s: %q from scripts/: %v\n%s", n, form, err, out.String())
			}
		}
	}
}
