package interp

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"unicode"

	lua "github.com/yuin/gopher-lua"
)

// A Class is a Python exception class. Classes are declared once in Go; each
// runtime turns them into Lua tables on demand (ClassTable). In Lua a class
// is callable (ValueError("bad") makes an instance), prints as
// <class 'ValueError'>, and isinstance(e, cls) follows Base links.
type Class struct {
	Name string // as Python prints it: "ValueError", "socket.gaierror"
	Base *Class
}

// NewClass declares an exception class. Declare classes as package variables.
func NewClass(name string, base *Class) *Class { return &Class{Name: name, Base: base} }

// Python's built-in exception classes that netlua raises or exports. Modules
// declare their own (socket.gaierror, struct.error...) with NewClass.
var (
	BaseException     = NewClass("BaseException", nil)
	SystemExit        = NewClass("SystemExit", BaseException)
	KeyboardInterrupt = NewClass("KeyboardInterrupt", BaseException)
	Exception         = NewClass("Exception", BaseException)

	ArithmeticError    = NewClass("ArithmeticError", Exception)
	OverflowError      = NewClass("OverflowError", ArithmeticError)
	ZeroDivisionError  = NewClass("ZeroDivisionError", ArithmeticError)
	AttributeError     = NewClass("AttributeError", Exception)
	EOFError           = NewClass("EOFError", Exception)
	LookupError        = NewClass("LookupError", Exception)
	IndexError         = NewClass("IndexError", LookupError)
	KeyError           = NewClass("KeyError", LookupError)
	RuntimeError       = NewClass("RuntimeError", Exception)
	TypeError          = NewClass("TypeError", Exception)
	ValueError         = NewClass("ValueError", Exception)
	UnicodeError       = NewClass("UnicodeError", ValueError)
	UnicodeDecodeError = NewClass("UnicodeDecodeError", UnicodeError)
	UnicodeEncodeError = NewClass("UnicodeEncodeError", UnicodeError)

	OSError                = NewClass("OSError", Exception)
	BlockingIOError        = NewClass("BlockingIOError", OSError)
	ChildProcessError      = NewClass("ChildProcessError", OSError)
	ConnectionError        = NewClass("ConnectionError", OSError)
	BrokenPipeError        = NewClass("BrokenPipeError", ConnectionError)
	ConnectionAbortedError = NewClass("ConnectionAbortedError", ConnectionError)
	ConnectionRefusedError = NewClass("ConnectionRefusedError", ConnectionError)
	ConnectionResetError   = NewClass("ConnectionResetError", ConnectionError)
	FileExistsError        = NewClass("FileExistsError", OSError)
	FileNotFoundError      = NewClass("FileNotFoundError", OSError)
	InterruptedError       = NewClass("InterruptedError", OSError)
	IsADirectoryError      = NewClass("IsADirectoryError", OSError)
	NotADirectoryError     = NewClass("NotADirectoryError", OSError)
	PermissionError        = NewClass("PermissionError", OSError)
	ProcessLookupError     = NewClass("ProcessLookupError", OSError)
	TimeoutError           = NewClass("TimeoutError", OSError)
)

// BuiltinClasses are the classes set as Lua globals, as Python's builtins are.
var BuiltinClasses = []*Class{
	BaseException, SystemExit, KeyboardInterrupt, Exception,
	ArithmeticError, OverflowError, ZeroDivisionError, AttributeError, EOFError,
	LookupError, IndexError, KeyError, NameError, RuntimeError, TypeError, ValueError,
	UnicodeError, UnicodeDecodeError, UnicodeEncodeError,
	OSError, BlockingIOError, ChildProcessError, ConnectionError, BrokenPipeError,
	ConnectionAbortedError, ConnectionRefusedError, ConnectionResetError,
	FileExistsError, FileNotFoundError, InterruptedError, IsADirectoryError,
	NotADirectoryError, PermissionError, ProcessLookupError, TimeoutError,
	MemoryError, RecursionError,
}

// errnoClass is CPython's mapping from errno to OSError subclass.
var errnoClass = map[syscall.Errno]*Class{
	syscall.EAGAIN: BlockingIOError, syscall.EALREADY: BlockingIOError,
	syscall.EINPROGRESS: BlockingIOError, syscall.ECHILD: ChildProcessError,
	syscall.EPIPE: BrokenPipeError, syscall.ESHUTDOWN: BrokenPipeError,
	syscall.ECONNABORTED: ConnectionAbortedError, syscall.ECONNREFUSED: ConnectionRefusedError,
	syscall.ECONNRESET: ConnectionResetError, syscall.EEXIST: FileExistsError,
	syscall.ENOENT: FileNotFoundError, syscall.EISDIR: IsADirectoryError,
	syscall.ENOTDIR: NotADirectoryError, syscall.EINTR: InterruptedError,
	syscall.EACCES: PermissionError, syscall.EPERM: PermissionError,
	syscall.ESRCH: ProcessLookupError, syscall.ETIMEDOUT: TimeoutError,
}

// errnoSubclass is the OSError subclass CPython picks for errno, or nil:
// on Windows the Winsock codes have theirs (ECONNREFUSED is WSAECONNREFUSED
// in CPython's errno map there).
func errnoSubclass(errno syscall.Errno) *Class {
	if cls := errnoClass[errno]; cls != nil {
		return cls
	}
	if cls, _, ok := winsockError(errno); ok && cls != OSError {
		return cls
	}
	return nil
}

// Strerror is glibc's strerror text, which Python prints: Go's text with a
// capital first letter (checked against python3 for every errno in a test).
func Strerror(e syscall.Errno) string {
	if s, ok := crtStrerror(e); ok {
		return s
	}
	s := e.Error()
	if e == 133 { // EHWPOISON: missing from Go's table
		return "Memory page has hardware error"
	}
	if strings.HasPrefix(s, "errno ") {
		return fmt.Sprintf("Unknown error %d", int(e))
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// Is reports whether c is cls or a subclass of it.
func (c *Class) Is(cls *Class) bool {
	for ; c != nil; c = c.Base {
		if c == cls {
			return true
		}
	}
	return false
}

// Raise raises an exception of class cls whose message is format % args (no
// message if format is empty). It does not return.
//
// A TypeError, ValueError or OverflowError always names the function that
// raised it: a message that does not already contain the running builtin's
// name (FuncName) gets CPython's "name(): " prefix ("htonl(): ..."). So no
// binding spells its own name, and CPython's wordings that name the
// function elsewhere ("sleep length must be non-negative", UnpackArgs'
// "recv() argument 'bufsize' ...") stay as they are.
func Raise(L *lua.LState, cls *Class, format string, args ...any) {
	var vals []lua.LValue
	if format != "" {
		msg := format
		if len(args) > 0 {
			msg = fmt.Sprintf(format, args...)
		}
		if cls == TypeError || cls == ValueError || cls == OverflowError {
			if name := FuncName(L); name != "" && !strings.Contains(msg, name) {
				msg = name + "(): " + msg
			}
		}
		vals = append(vals, lua.LString(msg))
	}
	RaiseValue(L, NewException(L, cls, vals...))
}

// RaiseValue raises an exception instance made by NewException, recording
// where in the Lua code it happened.
func RaiseValue(L *lua.LState, e *lua.LTable) {
	if e.RawGetString("__where") == lua.LNil {
		e.RawSetString("__where", lua.LString(strings.TrimSuffix(callerWhere(L), " ")))
	}
	L.Error(e, 0)
}

// RaiseErrno raises the OSError subclass for errno, as CPython does:
// "[Errno 111] Connection refused".
func RaiseErrno(L *lua.LState, errno syscall.Errno) {
	RaiseValue(L, NewOSError(L, errno))
}

// RaiseOSError raises err as Python would report it: a syscall.Errno inside
// err becomes the matching OSError subclass; Go's "use of closed file" is
// EBADF; deadlines are "timed out".
func RaiseOSError(L *lua.LState, err error) {
	var errno syscall.Errno
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		Raise(L, TimeoutError, "timed out")
	case errors.Is(err, os.ErrClosed):
		RaiseErrno(L, syscall.EBADF)
	case errors.As(err, &errno):
		RaiseErrno(L, errno)
	default:
		Raise(L, OSError, "%s", err.Error())
	}
}

// OSErrorText is str() of the OSError for errno: "[Errno 111] Connection
// refused", or on Windows for a Winsock error "[WinError 10061] No
// connection could be made because the target machine actively refused it".
func OSErrorText(errno syscall.Errno) string {
	if _, text, ok := winsockError(errno); ok {
		return fmt.Sprintf("[WinError %d] %s", int(errno), text)
	}
	return fmt.Sprintf("[Errno %d] %s", int(errno), Strerror(errno))
}

// NewOSError makes the OSError (subclass) instance for errno. On Windows a
// Winsock error is reported as CPython does there: the class for its WSA
// code, the real Windows message text, and winerror set (see
// winsock_windows.go).
func NewOSError(L *lua.LState, errno syscall.Errno) *lua.LTable {
	if cls, text, ok := winsockError(errno); ok {
		e := NewErrnoException(L, cls, int(errno), text)
		e.RawSetString("winerror", lua.LNumber(errno))
		return e
	}
	cls := errnoClass[errno]
	if cls == nil {
		cls = OSError
	}
	return NewErrnoException(L, cls, int(errno), Strerror(errno))
}

// NewErrnoException makes an OSError-family instance with errno and strerror
// set, for classes whose errno is not a system one (socket.gaierror's -2).
func NewErrnoException(L *lua.LState, cls *Class, errno int, strerror string) *lua.LTable {
	e := NewException(L, cls, lua.LNumber(errno), lua.LString(strerror))
	return e
}

// NewException makes an instance of cls with the given args, the way calling
// the class does in Python. OSError-family instances with two or more args
// get errno, strerror (and filename) fields.
//
// e.args is a tuple, as in Python: repr(e.args) and tostring(e.args) print
// (111, 'Connection refused'), and e.args[1] and #e.args work. A nil
// argument (OSError(nil, "x")) is stored in it as the `none` sentinel,
// following the rule for a None inside a container (none.go): a Lua table
// cannot hold nil, and a hole would make #e.args and the tuple's repr lose
// it, where CPython prints (None, 'x'). Keeping the length beside the holes
// instead (args.n, as table.pack does) would make e.args a table with an
// extra key, printing as a dict. The errno, strerror and filename fields
// stand alone, so there nil stays nil.
func NewException(L *lua.LState, cls *Class, args ...lua.LValue) *lua.LTable {
	rt := Of(L)
	e := L.CreateTable(0, 5)
	tupleArgs := args
	if cls.Is(OSError) && len(args) >= 3 && len(args) <= 5 && args[2] != lua.LNil && !IsNone(args[2]) {
		// Python keeps only (errno, strerror) in args when a filename is
		// given (not None).
		tupleArgs = args[:2]
	}
	e.RawSetString("args", argsTuple(L, tupleArgs))
	if cls.Is(OSError) {
		errno, strerror, filename := lua.LValue(lua.LNil), lua.LValue(lua.LNil), lua.LValue(lua.LNil)
		if len(args) >= 2 && len(args) <= 5 {
			errno, strerror = args[0], args[1]
			if len(args) >= 3 && !IsNone(args[2]) {
				filename = args[2]
			}
			if cls == OSError {
				if n, ok := errno.(lua.LNumber); ok {
					if sub := errnoSubclass(syscall.Errno(int(n))); sub != nil {
						cls = sub
					}
				}
			}
		}
		e.RawSetString("errno", errno)
		e.RawSetString("strerror", strerror)
		e.RawSetString("filename", filename)
	}
	L.SetMetatable(e, rt.ClassTable(cls))
	return e
}

// argsTuple is an exception's args as a tuple, with nil stored as `none`.
func argsTuple(L *lua.LState, args []lua.LValue) *lua.LTable {
	vals := make([]lua.LValue, len(args))
	for i, a := range args {
		if a == lua.LNil {
			a = None(L)
		}
		vals[i] = a
	}
	return NewTuple(L, vals...)
}
