package sockos

// protocolOf is 0 on macOS, which has no SO_PROTOCOL: CPython reports 0
// for socket(fileno=) there too.
func protocolOf(fd int) int { return 0 }
