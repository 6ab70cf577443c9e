package main

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"netlua/interp"
)

// moduleRoot is the folder of netlua's go.mod.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %v", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("not inside the netlua module")
	}
	return filepath.Dir(gomod), nil
}

// gitVersion is the release's version from git: "1.2.0" at tag v1.2.0,
// "1.2.0-3-gabc1234" three commits after it, and the base version with the
// commit ("0.1.0-gabc1234") before any tag; "-dirty" marks uncommitted
// changes.
func gitVersion(root string) (string, error) {
	git := func(args ...string) (string, error) {
		cmd := exec.Command("git", args...)
		cmd.Dir = root
		out, err := cmd.Output()
		return strings.TrimSpace(string(out)), err
	}
	if v, err := git("describe", "--tags", "--match", "v[0-9]*", "--dirty"); err == nil {
		return strings.TrimPrefix(v, "v"), nil
	}
	v, err := git("describe", "--always", "--abbrev=7", "--dirty")
	if err != nil {
		return "", fmt.Errorf("git describe: %v", err)
	}
	return interp.Version + "-g" + v, nil
}

// Release builds targets into out and writes SHA256SUMS there; it returns
// the archives' names. Progress goes to log.
func Release(root, out, version string, targets []Target, log io.Writer) ([]string, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	work, err := os.MkdirTemp("", "netlua-release")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	var archives []string
	var sums strings.Builder
	for _, t := range targets {
		name, err := buildTarget(root, work, out, version, t)
		if err != nil {
			return nil, err
		}
		sum, err := fileSHA256(filepath.Join(out, name))
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(log, "release: %s\n", name)
		fmt.Fprintf(&sums, "%s  %s\n", sum, name)
		archives = append(archives, name)
	}
	return archives, os.WriteFile(filepath.Join(out, "SHA256SUMS"), []byte(sums.String()), 0o644)
}

// buildTarget builds netlua for t and packs it; it returns the archive's name.
func buildTarget(root, work, out, version string, t Target) (string, error) {
	base := fmt.Sprintf("netlua-%s-%s-%s", version, t.OS, t.Arch)
	exe := "netlua"
	if t.OS == "windows" {
		exe = "netlua.exe"
	}
	bin := filepath.Join(work, base, exe)
	// -trimpath keeps the build machine's paths out of the binary; CI's
	// cross-builds (.ci/platforms) use it too, so they share the cache.
	cmd := exec.Command("go", "build", "-trimpath", "-o", bin,
		"-ldflags", "-s -w -X netlua/interp.Version="+version, ".")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+t.OS, "GOARCH="+t.Arch)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build for %s/%s: %v\n%s", t.OS, t.Arch, err, msg)
	}
	files := []packed{{exe, bin, 0o755}, {"README.md", filepath.Join(root, "README.md"), 0o644}}
	if t.OS == "windows" {
		return base + ".zip", writeZip(filepath.Join(out, base+".zip"), base, files)
	}
	return base + ".tar.gz", writeTarGz(filepath.Join(out, base+".tar.gz"), base, files)
}

// packed is one file of an archive: its name there, where it is, its mode.
type packed struct {
	name, path string
	mode       int64
}

// stamp is the time every archived file carries: a fixed one, so archives
// of the same build differ only where the binaries do.
var stamp = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// writeTarGz packs files under folder dir/ into a gzipped tar at path.
func writeTarGz(path, dir string, files []packed) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	gz := gzip.NewWriter(f)
	tw := tar.NewWriter(gz)
	for _, p := range files {
		data, err := os.ReadFile(p.path)
		if err != nil {
			f.Close()
			return err
		}
		hdr := &tar.Header{Name: dir + "/" + p.name, Mode: p.mode, Size: int64(len(data)), ModTime: stamp, Typeflag: tar.TypeReg}
		if err := tw.WriteHeader(hdr); err != nil {
			f.Close()
			return err
		}
		if _, err := tw.Write(data); err != nil {
			f.Close()
			return err
		}
	}
	err = tw.Close()
	if err == nil {
		err = gz.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// writeZip packs files under folder dir/ into a zip at path.
func writeZip(path, dir string, files []packed) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	for _, p := range files {
		data, err := os.ReadFile(p.path)
		if err != nil {
			f.Close()
			return err
		}
		hdr := &zip.FileHeader{Name: dir + "/" + p.name, Method: zip.Deflate, Modified: stamp}
		hdr.SetMode(os.FileMode(p.mode))
		w, err := zw.CreateHeader(hdr)
		if err == nil {
			_, err = w.Write(data)
		}
		if err != nil {
			f.Close()
			return err
		}
	}
	err = zw.Close()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
