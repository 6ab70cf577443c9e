module netlua

go 1.26.8

require (
	github.com/creack/pty v1.1.24
	github.com/ergochat/readline v0.1.3
	github.com/yuin/gopher-lua v1.1.2
	golang.org/x/crypto v0.52.0
	golang.org/x/sys v0.49.0
	golang.org/x/term v0.47.0
	golang.org/x/text v0.43.0
)
