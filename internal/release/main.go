// Command release builds netlua for every platform it ships on, into dist/:
//
//	go run ./internal/release [-out dist] [-version V]
//
// Each target is a static binary (CGO_ENABLED=0) with the version stamped in
// (netlua -v shows it), packed with the README and licence notes as
// netlua-V-OS-ARCH.tar.gz, or .zip for Windows, whose users unpack zips
// with Explorer. SHA256SUMS lists every archive in sha256sum's format, so
// `sha256sum -c SHA256SUMS` checks a download. The version is what `git
// describe --tags` says of the checkout (a tag vX.Y.Z gives X.Y.Z), or, with
// no tag, netlua's base version and the commit.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

// A Target is one platform a release ships for.
type Target struct{ OS, Arch string }

// Targets are the seven platforms of issue 12, in the order they are built.
var Targets = []Target{
	{"linux", "amd64"}, {"linux", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"freebsd", "amd64"},
	{"windows", "amd64"}, {"windows", "arm64"},
}

func main() {
	out := flag.String("out", "dist", "folder the archives and SHA256SUMS are written to")
	version := flag.String("version", "", "version to stamp (default: from git describe)")
	flag.Parse()
	root, err := moduleRoot()
	if err == nil && *version == "" {
		*version, err = gitVersion(root)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
	start := time.Now()
	archives, err := Release(root, *out, *version, Targets, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "release: %d archives of netlua %s and SHA256SUMS in %s (%.0f s)\n",
		len(archives), *version, *out, time.Since(start).Seconds())
}
