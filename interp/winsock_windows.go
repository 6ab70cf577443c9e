package interp

import "syscall"

// winsockError reports a Winsock error (WSAE*, 10000 to 11999) as CPython on
// Windows raises it: PyErr_SetExcFromWindowsErr keeps the code as errno and
// winerror, takes the class from CPython's errno map (where ECONNREFUSED and
// its kind are the WSA codes), and the text from FormatMessage with the
// final period dropped. The texts are real Windows' (Wine's FormatMessage
// has its own, "Connection refused."), for the errors a socket program
// meets.
func winsockError(e syscall.Errno) (*Class, string, bool) {
	w, ok := winsockErrors[e]
	if !ok {
		if e >= 10000 && e < 12000 {
			return OSError, "Unknown error", true
		}
		return nil, "", false
	}
	cls := w.cls
	if cls == nil {
		cls = OSError
	}
	return cls, w.text, true
}

var winsockErrors = map[syscall.Errno]struct {
	cls  *Class
	text string
}{
	10004: {InterruptedError, "A blocking operation was interrupted by a call to WSACancelBlockingCall"},
	10009: {nil, "The file handle supplied is not valid"},
	10013: {nil, "An attempt was made to access a socket in a way forbidden by its access permissions"},
	10014: {nil, "The system detected an invalid pointer address in attempting to use a pointer argument in a call"},
	10022: {nil, "An invalid argument was supplied"},
	10024: {nil, "Too many open sockets"},
	10035: {BlockingIOError, "A non-blocking socket operation could not be completed immediately"},
	10036: {BlockingIOError, "A blocking operation is currently executing"},
	10037: {BlockingIOError, "An operation was attempted on a non-blocking socket that already had an operation in progress"},
	10038: {nil, "An operation was attempted on something that is not a socket"},
	10039: {nil, "A required address was omitted from an operation on a socket"},
	10040: {nil, "A message sent on a datagram socket was larger than the internal message buffer or some other network limit, or the buffer used to receive a datagram into was smaller than the datagram itself"},
	10041: {nil, "A protocol was specified in the socket function call that does not support the semantics of the socket type requested"},
	10042: {nil, "An unknown, invalid, or unsupported option or level was specified in a getsockopt or setsockopt call"},
	10043: {nil, "The requested protocol has not been configured into the system, or no implementation for it exists"},
	10044: {nil, "The support for the specified socket type does not exist in this address family"},
	10045: {nil, "The attempted operation is not supported for the type of object referenced"},
	10046: {nil, "The protocol family has not been configured into the system or no implementation for it exists"},
	10047: {nil, "An address incompatible with the requested protocol was used"},
	10048: {nil, "Only one usage of each socket address (protocol/network address/port) is normally permitted"},
	10049: {nil, "The requested address is not valid in its context"},
	10050: {nil, "A socket operation encountered a dead network"},
	10051: {nil, "A socket operation was attempted to an unreachable network"},
	10052: {nil, "The connection has been broken due to keep-alive activity detecting a failure while the operation was in progress"},
	10053: {ConnectionAbortedError, "An established connection was aborted by the software in your host machine"},
	10054: {ConnectionResetError, "An existing connection was forcibly closed by the remote host"},
	10055: {nil, "An operation on a socket could not be performed because the system lacked sufficient buffer space or because a queue was full"},
	10056: {nil, "A connect request was made on an already connected socket"},
	10057: {nil, "A request to send or receive data was disallowed because the socket is not connected and (when sending on a datagram socket using a sendto call) no address was supplied"},
	10058: {BrokenPipeError, "A request to send or receive data was disallowed because the socket had already been shut down in that direction with a previous shutdown call"},
	10060: {TimeoutError, "A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond"},
	10061: {ConnectionRefusedError, "No connection could be made because the target machine actively refused it"},
	10064: {nil, "A socket operation failed because the destination host was down"},
	10065: {nil, "A socket operation was attempted to an unreachable host"},
	10093: {nil, "Either the application has not called WSAStartup, or WSAStartup failed"},
	11001: {nil, "No such host is known"},
	11002: {nil, "This is usually a temporary error during hostname resolution and means that the local server did not receive a response from an authoritative server"},
}
