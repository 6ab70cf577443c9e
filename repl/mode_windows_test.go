package repl_test

import "os"

// isPrivate: Windows has no mode bits to check (a file's access list comes
// from its folder); the file must only not be read-only.
func isPrivate(st os.FileInfo) bool { return st.Mode().Perm()&0o200 != 0 }
