package ssl

import (
	lua "github.com/yuin/gopher-lua"

	"netlua/internal/netfile"
	"netlua/interp"
)

// SSLSocket:makefile's file is the socket module's (internal/netfile), over
// decrypted data.
var fileType = &interp.Type{
	Name:    "ssl.SSLFile",
	Doc:     "The file object SSLSocket:makefile returns: read, readline, lines, write, flush, close over the TLS connection, buffered like socket.SocketFile.",
	Methods: netfile.Methods,
	Repr:    netfile.Repr("ssl.SSLFile"),
}

// fileStream is a TLS connection under a file.
type fileStream struct{ s *sslSocket }

func (fs fileStream) Fileno() int { return fs.s.t.Fileno() }

func (fs fileStream) Recv(L *lua.LState, n int) []byte {
	return fs.s.read(L, n, "makefile read")
}

func (fs fileStream) Send(L *lua.LState, p []byte) int {
	fs.s.write(L, p, "makefile write")
	return len(p)
}

func sslMakefile(L *lua.LState) int {
	s := interp.Self[*sslSocket](L)
	L.Push(netfile.Open(L, fileType, fileStream{s}, nil))
	return 1
}
