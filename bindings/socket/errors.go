package socket

import "netlua/interp"

// The socket module's own exception classes; the module declares them (and
// socket.error and socket.timeout, Python's OSError and TimeoutError, among
// its constants).
var (
	GaiError = interp.NewClass("socket.gaierror", interp.OSError)
	HError   = interp.NewClass("socket.herror", interp.OSError)
)
