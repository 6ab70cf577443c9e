package main

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"compress/gzip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// checkSums checks that SHA256SUMS in dir lists exactly archives, each with
// its file's SHA-256.
func checkSums(t *testing.T, dir string, archives []string) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var listed []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			t.Fatalf("SHA256SUMS line %q is not sha256sum's format", sc.Text())
		}
		want, err := fileSHA256(filepath.Join(dir, name))
		if err != nil || sum != want {
			t.Errorf("%s: SHA256SUMS says %s, the file's is %s (%v)", name, sum, want, err)
		}
		listed = append(listed, name)
	}
	if strings.Join(listed, " ") != strings.Join(archives, " ") {
		t.Errorf("SHA256SUMS lists %v, want %v", listed, archives)
	}
}

// unpack returns the files of archive (.tar.gz or .zip) by name.
func unpack(t *testing.T, archive string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	if strings.HasSuffix(archive, ".zip") {
		zr, err := zip.OpenReader(archive)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		for _, f := range zr.File {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			files[f.Name], _ = io.ReadAll(r)
			r.Close()
		}
		return files
	}
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return files
		}
		if err != nil {
			t.Fatal(err)
		}
		if hdr.Mode&0o111 == 0 && !strings.HasSuffix(hdr.Name, ".md") {
			t.Errorf("%s is not executable in the archive", hdr.Name)
		}
		files[hdr.Name], _ = io.ReadAll(tr)
	}
}

// TestReleaseRunsHere builds the release of the machine the test runs on,
// with a version stamped in, unpacks it, and runs `netlua -v` from it.
func TestReleaseRunsHere(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Skipf("needs the go command and the module's source: %v", err)
	}
	here := Target{runtime.GOOS, runtime.GOARCH}
	out := t.TempDir()
	archives, err := Release(root, out, "9.8.7-test", []Target{here}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	checkSums(t, out, archives)
	files := unpack(t, filepath.Join(out, archives[0]))
	dir := "netlua-9.8.7-test-" + here.OS + "-" + here.Arch
	exe := "netlua"
	if strings.HasSuffix(archives[0], ".zip") {
		exe = "netlua.exe"
	}
	bin, ok := files[dir+"/"+exe]
	if !ok || len(files[dir+"/README.md"]) == 0 {
		t.Fatalf("%s holds %d files, want %s/%s and the README", archives[0], len(files), dir, exe)
	}
	path := filepath.Join(t.TempDir(), exe)
	if err := os.WriteFile(path, bin, 0o755); err != nil {
		t.Fatal(err)
	}
	v, err := exec.Command(path, "-v").Output()
	if want := "netlua 9.8.7-test (Lua 5.1, gopher-lua)\n"; err != nil || string(v) != want {
		t.Fatalf("netlua -v from the release: %q (%v), want %q", v, err, want)
	}
}

// TestReleaseAllTargets builds all seven targets and checks the archives,
// their binaries and SHA256SUMS.
func TestReleaseAllTargets(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Skipf("needs the go command and the module's source: %v", err)
	}
	out := t.TempDir()
	archives, err := Release(root, out, "9.8.7-test", Targets, io.Discard)
	if err != nil {
		if socketCoreMissing(err) {
			t.Skipf("the socket core does not build for every target yet (issue 12):\n%.300s", err)
		}
		t.Fatal(err)
	}
	if len(archives) != 7 {
		t.Fatalf("%d archives: %v", len(archives), archives)
	}
	checkSums(t, out, archives)
	for i, tg := range Targets {
		dir := "netlua-9.8.7-test-" + tg.OS + "-" + tg.Arch
		exe, ext := "netlua", ".tar.gz"
		if tg.OS == "windows" {
			exe, ext = "netlua.exe", ".zip"
		}
		if archives[i] != dir+ext {
			t.Errorf("archive %d is %s, want %s", i, archives[i], dir+ext)
			continue
		}
		bin := unpack(t, filepath.Join(out, archives[i]))[dir+"/"+exe]
		if !isExecutableFor(bin, tg) {
			t.Errorf("%s: %s is not a %s/%s executable", archives[i], exe, tg.OS, tg.Arch)
		}
		if !strings.Contains(string(bin), "9.8.7-test") {
			t.Errorf("%s: the version is not stamped in", archives[i])
		}
	}
}

// socketCoreMissing tells a build that failed in the Linux-only socket
// bindings from any other failure.
func socketCoreMissing(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "# netlua/bindings/socket") || strings.Contains(msg, "# netlua/bindings/selectors")
}
