//go:build unix

package repl_test

import "os"

// isPrivate: only the owner may read or write (mode 0600).
func isPrivate(st os.FileInfo) bool { return st.Mode().Perm() == 0o600 }
