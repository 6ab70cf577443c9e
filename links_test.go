package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDocsLinkInsideTheRepository: a clone has only the repository, so the
// READMEs and docs/ link to nothing outside it (no "../shared/..."), and
// the scripts' header comments name the tutorials as docs/tutorials.md does,
// not by files a clone does not have.
func TestDocsLinkInsideTheRepository(t *testing.T) {
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	link := regexp.MustCompile(`\]\(([^)#\s]+)(#[^)]*)?\)`)
	files, _ := filepath.Glob("docs/*.md")
	files = append(files, "README.md", "scripts/README.md", "TESTING.md", "BENCHMARKS.md")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		for _, m := range link.FindAllStringSubmatch(string(data), -1) {
			target := m[1]
			if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue // a web address, not a file
			}
			abs := filepath.Join(root, filepath.Dir(f), target)
			if rel, err := filepath.Rel(root, abs); err != nil || strings.HasPrefix(rel, "..") || filepath.IsAbs(target) {
				t.Errorf("%s links to %s, outside the repository", f, target)
			}
		}
	}
	tutorialFile := regexp.MustCompile(`\b00[0-4]_[0-9a-f]{16}\.txt`)
	scripts, _ := filepath.Glob("scripts/*/*.lua")
	python, _ := filepath.Glob("scripts/testdata/python/*.py")
	if len(scripts) < 20 {
		t.Fatalf("only %d scripts found", len(scripts))
	}
	for _, f := range append(scripts, python...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if name := tutorialFile.FindString(string(data)); name != "" {
			t.Errorf("%s names %s, which a clone does not have: say \"Tutorial N ... in docs/tutorials.md\"", f, name)
		}
		if !strings.Contains(string(data), "docs/tutorials.md") && !strings.Contains(f, "testdata") {
			t.Errorf("%s does not point at docs/tutorials.md in its header", f)
		}
	}
}
