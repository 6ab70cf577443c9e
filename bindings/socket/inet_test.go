package socket

import "testing"

// Expected values and messages from python3.11 (bytes written as Lua
// strings; repr prints them with \x escapes, as Python's bytes repr does).

func TestInetConversions(t *testing.T) {
	runExprs(t, []exprCase{
		{`socket.inet_aton("127.0.0.1")`, `'\x7f\x00\x00\x01'`},
		{`socket.inet_aton("1.2.3")`, `'\x01\x02\x00\x03'`},
		{`socket.inet_aton("0x7f.1")`, `'\x7f\x00\x00\x01'`},
		{`socket.inet_aton("010.0.0.1")`, `'\x08\x00\x00\x01'`},
		{`socket.inet_aton("1.2.3.4 junk")`, `'\x01\x02\x03\x04'`},
		{`socket.inet_aton("1.2.3.4\t")`, `'\x01\x02\x03\x04'`},
		{`socket.inet_aton("255.255.255.255")`, `'\xff\xff\xff\xff'`},
		{`socket.inet_aton("4294967295")`, `'\xff\xff\xff\xff'`},
		{`socket.inet_ntoa("\127\0\0\1")`, `'127.0.0.1'`},
		{`socket.inet_ntoa(socket.inet_aton("192.168.1.254"))`, `'192.168.1.254'`},
		{`socket.inet_pton(socket.AF_INET, "127.0.0.1")`, `'\x7f\x00\x00\x01'`},
		{`socket.inet_pton(socket.AF_INET6, "::1")`, `'\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01'`},
		{`socket.inet_pton(socket.AF_INET6, "::ffff:1.2.3.4")`, `'\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x01\x02\x03\x04'`},
		{`socket.inet_ntop(socket.AF_INET, "\127\0\0\1")`, `'127.0.0.1'`},
		{`socket.inet_ntop(socket.AF_INET6, ("\0"):rep(15) .. "\1")`, `'::1'`},
		{`socket.inet_ntop(socket.AF_INET6, ("\0"):rep(16))`, `'::'`},
		{`socket.inet_ntop(socket.AF_INET6, ("\0"):rep(10) .. "\255\255\1\2\3\4")`, `'::ffff:1.2.3.4'`},
		{`socket.inet_ntop(socket.AF_INET6, socket.inet_pton(socket.AF_INET6, "2001:db8:0:0:1:0:0:1"))`, `'2001:db8::1:0:0:1'`},
		{`socket.inet_ntop(socket.AF_INET6, socket.inet_pton(socket.AF_INET6, "fe80:0:0:0:0:0:0:0"))`, `'fe80::'`},
		{`socket.inet_ntop(socket.AF_INET6, socket.inet_pton(socket.AF_INET6, "1:0:2:0:3:0:4:0"))`, `'1:0:2:0:3:0:4:0'`},
	})
	errorCases(t, []exprCase{
		{`socket.inet_aton(" 1.2.3.4")`, "OSError: illegal IP address string passed to inet_aton"},
		{`socket.inet_aton("256.1.1.1")`, "OSError: illegal IP address string passed to inet_aton"},
		{`socket.inet_aton("")`, "OSError: illegal IP address string passed to inet_aton"},
		{`socket.inet_aton("a")`, "OSError: illegal IP address string passed to inet_aton"},
		{`socket.inet_aton("1.2.3.4.5")`, "OSError: illegal IP address string passed to inet_aton"},
		{`socket.inet_aton("08.1.1.1")`, "OSError: illegal IP address string passed to inet_aton"},
		{`socket.inet_aton(1)`, "TypeError: inet_aton() argument 'ip_string' must be a string, not int"},
		{`socket.inet_ntoa("abc")`, "OSError: packed IP wrong length for inet_ntoa"},
		{`socket.inet_ntoa(1)`, "TypeError: inet_ntoa() argument 'packed_ip' must be a string, not int"},
		{`socket.inet_pton(socket.AF_INET, "1.2.3")`, "OSError: illegal IP address string passed to inet_pton"},
		{`socket.inet_pton(socket.AF_INET, "x")`, "OSError: illegal IP address string passed to inet_pton"},
		{`socket.inet_pton(socket.AF_INET, "::1")`, "OSError: illegal IP address string passed to inet_pton"},
		{`socket.inet_pton(socket.AF_INET6, "x")`, "OSError: illegal IP address string passed to inet_pton"},
		{`socket.inet_pton(socket.AF_INET6, "127.0.0.1")`, "OSError: illegal IP address string passed to inet_pton"},
		{`socket.inet_pton(socket.AF_INET6, "fe80::1%lo")`, "OSError: illegal IP address string passed to inet_pton"},
		{`socket.inet_pton(99, "x")`, "OSError: [Errno 97] Address family not supported by protocol"},
		{`socket.inet_ntop(socket.AF_INET, "abc")`, "ValueError: inet_ntop(): invalid length of packed IP address string"},
		{`socket.inet_ntop(socket.AF_INET6, "abc")`, "ValueError: inet_ntop(): invalid length of packed IP address string"},
		{`socket.inet_ntop(99, "abcd")`, "ValueError: inet_ntop(): unknown address family 99"},
	})
}

// Tutorial 004's byte_order_conversion.py prints 3523477504 and 53764.
func TestByteOrder(t *testing.T) {
	runExprs(t, []exprCase{
		{`socket.htonl(1234)`, `3523477504`},
		{`socket.ntohl(1234)`, `3523477504`},
		{`socket.htons(1234)`, `53764`},
		{`socket.ntohs(1234)`, `53764`},
		{`socket.htonl(2^32 - 1)`, `4294967295`},
		{`socket.htonl(0)`, `0`},
		{`socket.ntohl(socket.htonl(123456789))`, `123456789`},
		{`socket.htons(65535)`, `65535`},
		{`socket.htons(1)`, `256`},
	})
	errorCases(t, []exprCase{
		{`socket.htonl(-1)`, "OverflowError: htonl(): can't convert negative value to unsigned int"},
		{`socket.htonl(-2^64)`, "OverflowError: htonl(): can't convert negative value to unsigned int"},
		{`socket.htonl(2^32)`, "OverflowError: htonl(): int larger than 32 bits"},
		{`socket.ntohl(2^32)`, "OverflowError: ntohl(): int larger than 32 bits"},
		{`socket.htonl(2^64)`, "OverflowError: htonl(): Python int too large to convert to C unsigned long"},
		{`socket.htonl(1.5)`, "TypeError: htonl(): expected int, float found"},
		{`socket.htonl(0/0)`, "TypeError: htonl(): expected int, float found"},
		{`socket.htonl("1")`, "TypeError: htonl(): expected int, str found"},
		{`socket.htons(-1)`, "OverflowError: htons: can't convert negative Python int to C 16-bit unsigned integer"},
		{`socket.ntohs(-1)`, "OverflowError: ntohs: can't convert negative Python int to C 16-bit unsigned integer"},
		{`socket.htons(65536)`, "OverflowError: htons: Python int too large to convert to C 16-bit unsigned integer"},
		{`socket.ntohs(65536)`, "OverflowError: ntohs: Python int too large to convert to C 16-bit unsigned integer"},
		{`socket.htons(2^31)`, "OverflowError: htons(): signed integer is greater than maximum"},
		{`socket.htons(2^31 - 1)`, "OverflowError: htons: Python int too large to convert to C 16-bit unsigned integer"},
		{`socket.htons(-2^31)`, "OverflowError: htons: can't convert negative Python int to C 16-bit unsigned integer"},
		{`socket.htons(-2^31 - 1)`, "OverflowError: htons(): signed integer is less than minimum"},
		{`socket.htons(2^64)`, "OverflowError: htons(): Python int too large to convert to C long"},
		{`socket.htons(1.5)`, "TypeError: htons(): 'float' object cannot be interpreted as an integer"},
		{`socket.htons(0/0)`, "TypeError: htons(): 'float' object cannot be interpreted as an integer"},
		{`socket.htons("1")`, "TypeError: htons(): 'str' object cannot be interpreted as an integer"},
		{`socket.htons()`, "TypeError: htons() missing required argument 'x' (pos 1)"},
	})
}
