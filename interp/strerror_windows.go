package interp

import "syscall"

// crtStrerror is the C runtime's text for an errno that netlua raises as a
// POSIX errno on Windows too, where Go's own text is the Windows API's:
// CPython's FileNotFoundError for a missing file (its C fopen, in ssl's
// load_cert_chain say) reads "[Errno 2] No such file or directory", not
// "File not found." (The Windows API's own errors are [WinError N] there.)
func crtStrerror(e syscall.Errno) (string, bool) {
	if e == syscall.ENOENT {
		return "No such file or directory", true
	}
	return "", false
}
