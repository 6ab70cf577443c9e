// Package ntplib is netlua's `ntplib` module: the third-party Python package
// ntplib (0.4), an SNTP client, written in Lua (ntplib.lua, embedded) over
// the socket, struct and time modules, and a small SNTP responder for tests
// and teaching, since there is no time server to ask here.
//
// Files: module.go declares the module and documents what ntplib.lua (the
// module itself, embedded) defines.
package ntplib

import (
	_ "embed"

	"netlua/interp"
)

//go:embed ntplib.lua
var source string

// The module's exception classes, as in Python's ntplib.
var (
	NTPException         = interp.NewClass("ntplib.NTPException", interp.Exception)
	NTPRolloverException = interp.NewClass("ntplib.NTPRolloverException", NTPException)
)

// Module is the ntplib module.
var Module = &interp.Module{
	Name: "ntplib",
	Doc: "An SNTP client: Python's ntplib package, written in Lua. ntplib.NTPClient():request(host) asks a time server and returns its answer " +
		"(tx_time, offset, delay, stratum...). ntplib.serve(address) starts a small SNTP responder for tests and tutorial scripts. " +
		"ntplib.NTP holds the protocol's tables (NTP_DELTA, REF_ID_TABLE, STRATUM_TABLE, MODE_TABLE, LEAP_TABLE).",
	Funcs:   funcs,
	Source:  source,
	Classes: []*interp.Class{NTPException, NTPRolloverException},
}

var funcs = []interp.Func{
	{Name: "NTPClient", Sig: "ntplib.NTPClient() -> client",
		Doc: "Makes an NTP client; its request method asks a server for the time."},
	{Name: "NTPClient.request", PyFunc: true, Sig: "client:request(host [, version=2, port=\"ntp\", timeout=5, address_family=socket.AF_UNSPEC] [, {version=, port=, timeout=, address_family=}]) -> response",
		Doc: "Sends one SNTP request (mode 3) to host and waits at most timeout seconds for the answer, which it returns as an NTPStats: " +
			"tx_time, recv_time, orig_time, ref_time, dest_time (system time, seconds since 1970), offset (how far the local clock is behind the server's) and delay (the round trip) in seconds, " +
			"and the packet's fields leap, version, mode, stratum, poll, precision, root_delay, root_dispersion, ref_id and the NTP timestamps (tx_timestamp...). " +
			"No answer in time raises ntplib.NTPException \"No response received from HOST.\" " +
			"Keywords as in Python, in a last table: client:request(host, {version=3, timeout=1}).",
		Py: "ntplib.NTPClient().request(host, version=2, port='ntp', timeout=5, address_family=socket.AF_UNSPEC)"},
	{Name: "ntp_to_system_time", Sig: "ntplib.ntp_to_system_time(timestamp) -> number",
		Doc: "Converts an NTP time (seconds since 1900) to system time (seconds since 1970): timestamp - 2208988800."},
	{Name: "system_to_ntp_time", Sig: "ntplib.system_to_ntp_time(timestamp) -> number",
		Doc: "Converts a system time (seconds since 1970) to NTP time (seconds since 1900). Raises ntplib.NTPRolloverException past NTP's era 0 (2036)."},
	{Name: "leap_to_text", Sig: "ntplib.leap_to_text(leap) -> string",
		Doc: "The meaning of a leap indicator: 0 is \"no warning\". Raises NTPException \"Invalid leap indicator.\" for others than 0 to 3."},
	{Name: "mode_to_text", Sig: "ntplib.mode_to_text(mode) -> string",
		Doc: "The meaning of a mode: 3 is \"client\", 4 \"server\". Raises NTPException \"Invalid mode.\" for others than 0 to 7."},
	{Name: "stratum_to_text", Sig: "ntplib.stratum_to_text(stratum) -> string",
		Doc: "The meaning of a stratum: \"primary reference (1)\", \"secondary reference (2)\"... Raises NTPException \"Invalid stratum or reserved.\" above 16."},
	{Name: "ref_id_to_text", PyFunc: true, Sig: "ntplib.ref_id_to_text(ref_id [, stratum=2] [, {stratum=}]) -> string",
		Doc: "The reference identifier as text: a reference clock's name for stratum 0 and 1 (\"LOCL\" is \"uncalibrated local clock\"), the upstream server's IPv4 address (\"127.0.0.1\") for stratum 2 to 254.",
		Py:  "ntplib.ref_id_to_text(ref_id, stratum=2)"},
	{Name: "serve", PyFunc: true, Sig: "ntplib.serve(address [, {stratum=2, ref_id=0x7f000001, offset=0}]) -> responder",
		Doc: "A test and teaching aid, not in Python's ntplib: binds a UDP socket to address ({\"127.0.0.1\", 0} picks a free port, then responder.server_address has it) and answers SNTP client requests in a daemon thread with server replies stamped with the system clock. " +
			"Its keywords: stratum (2), ref_id (127.0.0.1 as a number) and offset (seconds added to the clock, to see NTPStats.offset at work); an unknown one is a TypeError. Stop it with responder:stop().",
		Py: "(none: a tiny SNTP server)"},
	{Name: "Responder.stop", Sig: "responder:stop()",
		Doc: "Stops a responder made by ntplib.serve: ends its thread and closes its socket.",
		Py:  "(none)"},
}
