package exercise_test

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

// chromium finds Debian's headless browser.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	t.Skip("chromium is not installed: the HTML report can't be rendered")
	return ""
}

// headless runs the browser on page with extra flags, as this machine
// needs it: no sandbox as root, no network of its own, a fresh profile.
func headless(t *testing.T, browser, page string, flags ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir()}, flags...)
	cmd := exec.CommandContext(ctx, browser, append(args, "file://"+page)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, stderr.String())
	}
	return stdout.Bytes()
}

// TestReportInBrowser grades a small class for real (three students, two
// exercises, one result missing), writes the progress page and renders it
// in headless Chromium: the rendered grid has a row per student and a cell
// per exercise with the right colour and hover text, the bar chart has the
// pass rates, and a screenshot is taken.
func TestReportInBrowser(t *testing.T) {
	browser := chromium(t)
	results := t.TempDir()
	grade := func(student string, answers map[string]string) {
		dir := t.TempDir()
		for name, which := range answers {
			writeAnswer(t, dir, name, which)
		}
		out, _ := run(t, dir, t.TempDir(), "exercise", "check", "--all", "--format", "json")
		os.MkdirAll(filepath.Join(results, student), 0o755)
		os.WriteFile(filepath.Join(results, student, "results.json"), []byte(out), 0o644)
	}
	grade("alice", map[string]string{"hostname": "solution.lua", "echo-server": "solution.lua"})
	grade("bob", map[string]string{"hostname": "solution.lua", "echo-server": "broken.lua"})
	grade("carol", map[string]string{"hostname": "broken.lua"})

	page := filepath.Join(t.TempDir(), "class.html")
	files, _ := filepath.Glob(filepath.Join(results, "*", "results.json"))
	out, code := run(t, t.TempDir(), t.TempDir(), append(append([]string{"exercise", "report"}, files...), "--html", page)...)
	if code != 0 || !strings.Contains(out, "3 students, 2 exercises") {
		t.Fatalf("report: exit %d\n%s", code, out)
	}
	html, _ := os.ReadFile(page)
	if regexp.MustCompile(`(?i)<script|<link|src="http|url\(http|@import`).Match(html) {
		t.Fatalf("the page loads something from outside:\n%s", html)
	}

	dom := string(headless(t, browser, page, "--dump-dom"))
	rows := regexp.MustCompile(`(?s)<tr data-student="(\w+)">(.*?)</tr>`).FindAllStringSubmatch(dom, -1)
	if len(rows) != 3 {
		t.Fatalf("%d student rows in the rendered page:\n%s", len(rows), dom)
	}
	cellRE := regexp.MustCompile(`<td class="cell (\w+)" title="([^"]*)">`)
	want := map[string][]string{"alice": {"pass", "pass"}, "bob": {"pass", "fail"}, "carol": {"fail", "missing"}}
	for _, row := range rows {
		var classes []string
		for _, c := range cellRE.FindAllStringSubmatch(row[2], -1) {
			classes = append(classes, c[1])
			if c[1] == "fail" && !strings.Contains(c[2], "hint: ") {
				t.Errorf("%s: a failed cell's hover text has no hint: %q", row[1], c[2])
			}
		}
		if strings.Join(classes, " ") != strings.Join(want[row[1]], " ") {
			t.Errorf("%s: cells %v, want %v (columns 01-hostname, 02-echo-server)", row[1], classes, want[row[1]])
		}
	}
	if !strings.Contains(dom, "requirement 2 / 要求 2") {
		t.Error("bob's echo-server cell does not carry the checker's message")
	}
	bars := regexp.MustCompile(`data-exercise="([\w-]+)" data-percent="(\d+)"`).FindAllStringSubmatch(dom, -1)
	if len(bars) != 2 || bars[0][1] != "01-hostname" || bars[0][2] != "66" || bars[1][1] != "02-echo-server" || bars[1][2] != "33" {
		t.Errorf("pass-rate bars: %v", bars)
	}

	shot := filepath.Join(t.TempDir(), "class.png")
	headless(t, browser, page, "--screenshot="+shot, "--window-size=1000,600")
	png, err := os.ReadFile(shot)
	if err != nil || len(png) < 2000 || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("no screenshot: %v (%d bytes)", err, len(png))
	}
}

// TestReportBadInput: a file that is not a result says which file.
func TestReportBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "dave.json")
	os.WriteFile(bad, []byte("not json"), 0o644)
	out, code := run(t, dir, t.TempDir(), "exercise", "report", bad, "--html", filepath.Join(dir, "x.html"))
	if code != 1 || !strings.Contains(out, "dave.json is not a result of check --format json") {
		t.Fatalf("report of a bad file: exit %d\n%s", code, out)
	}
	if out, code = run(t, dir, t.TempDir(), "exercise", "report", bad); code != 2 || !strings.Contains(out, "report needs --html") {
		t.Fatalf("report without --html: exit %d\n%s", code, out)
	}
}
