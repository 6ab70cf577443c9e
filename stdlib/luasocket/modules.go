package luasocket

import (
	lua "github.com/yuin/gopher-lua"

	"netlua/interp"
)

// Modules are the modules LuaSocket programs require beside socket.
var Modules = []*interp.Module{LTN12, MIME, URL, Headers, HTTP, TP, SMTP, FTP}

// LTN12 is the ltn12 module.
var LTN12 = &interp.Module{
	Name:      "ltn12",
	Doc:       "LuaSocket's ltn12: sources, sinks, filters and pumps that stream data. Sources are functions returning the next chunk (nil at the end), sinks functions taking chunks, then nil: ltn12.pump.all(ltn12.source.string(s), ltn12.sink.table(t)). Written in Lua: stdlib/luasocket/ltn12.lua.",
	Source:    source("ltn12.lua"),
	LuaErrors: true,
	Funcs: []interp.Func{
		{Name: "filter.cycle", Sig: "ltn12.filter.cycle(low, ctx, extra) -> filter", Doc: "A filter from a function low(ctx, chunk, extra) -> out, new ctx.", Py: "a generator with state"},
		{Name: "filter.chain", Sig: "ltn12.filter.chain(f1, f2, ...) -> filter", Doc: "One filter passing data through f1, then f2...", Py: "g(f(x))"},
		{Name: "source.empty", Sig: "ltn12.source.empty() -> source", Doc: "A source with no data.", Py: "iter([])"},
		{Name: "source.error", Sig: "ltn12.source.error(err) -> source", Doc: "A source that fails with err.", Py: "raise err"},
		{Name: "source.file", Sig: "ltn12.source.file(handle [, io_err]) -> source", Doc: "A source reading an open file in blocks of ltn12.BLOCKSIZE, closing it at the end; without handle it fails with io_err.", Py: "iter(lambda: f.read(2048), b'')"},
		{Name: "source.simplify", Sig: "ltn12.source.simplify(src) -> source", Doc: "A plain source from one that may return a replacement source.", Py: "(chunk for chunk in src)"},
		{Name: "source.string", Sig: "ltn12.source.string(s) -> source", Doc: "A source returning s in blocks of ltn12.BLOCKSIZE.", Py: "io.BytesIO(s)"},
		{Name: "source.table", Sig: "ltn12.source.table(t) -> source", Doc: "A source returning the elements of array t.", Py: "iter(t)"},
		{Name: "source.rewind", Sig: "ltn12.source.rewind(src) -> source", Doc: "A source to which a chunk can be given back: src(chunk); the next src() returns it.", Py: "itertools.chain([chunk], src)"},
		{Name: "source.chain", Sig: "ltn12.source.chain(src, filter, ...) -> source", Doc: "A source returning src's data passed through the filters.", Py: "map(f, src)"},
		{Name: "source.cat", Sig: "ltn12.source.cat(src1, src2, ...) -> source", Doc: "A source returning the data of each source in turn.", Py: "itertools.chain(src1, src2)"},
		{Name: "sink.table", Sig: "ltn12.sink.table([t]) -> sink, t", Doc: "A sink storing chunks in array t; table.concat(t) is the data.", Py: "list.append"},
		{Name: "sink.simplify", Sig: "ltn12.sink.simplify(snk) -> sink", Doc: "A plain sink from one that may return a replacement sink.", Py: "snk"},
		{Name: "sink.file", Sig: "ltn12.sink.file(handle [, io_err]) -> sink", Doc: "A sink writing to an open file, closing it at the end.", Py: "f.write"},
		{Name: "sink.null", Sig: "ltn12.sink.null() -> sink", Doc: "A sink that drops everything.", Py: "lambda chunk: None"},
		{Name: "sink.error", Sig: "ltn12.sink.error(err) -> sink", Doc: "A sink that fails with err.", Py: "raise err"},
		{Name: "sink.chain", Sig: "ltn12.sink.chain(filter, ..., snk) -> sink", Doc: "A sink passing its chunks through the filters before snk.", Py: "lambda chunk: snk(f(chunk))"},
		{Name: "pump.step", Sig: "ltn12.pump.step(src, snk) -> 1 | nil [, err]", Doc: "Moves one chunk from src to snk.", Py: "snk(next(src))"},
		{Name: "pump.all", Sig: "ltn12.pump.all(src, snk [, step]) -> 1 | nil, err", Doc: "Moves all of src's data to snk.", Py: "for chunk in src: snk(chunk)"},
	},
}

// MIME is the mime module; its byte-level filters are Go (mimecore.go).
var MIME = &interp.Module{
	Name: "mime",
	Doc: "LuaSocket's mime: base64, quoted-printable and line-break filters. Line wrapping, line-break normalization and SMTP dot-stuffing too, " +
		"as functions (mime.b64(s)) and as ltn12 filters (mime.encode(\"base64\")). Written in Lua (stdlib/luasocket/mime.lua) over Go (mimecore.go).",
	Source:    source("mime.lua"),
	LuaErrors: true,
	Open: func(L *lua.LState, mod *lua.LTable) {
		mimeCore(L).ForEach(func(k, v lua.LValue) { mod.RawSet(k, v) })
	},
	Funcs: []interp.Func{
		{Name: "b64", Sig: "mime.b64(C [, D]) -> encoded, rest", Doc: "Base64 of C..D: the encoded whole groups of 3 bytes and the bytes left over; without D, pads the end with \"=\".", Py: "base64.b64encode(C)"},
		{Name: "unb64", Sig: "mime.unb64(C [, D]) -> decoded, rest", Doc: "Decodes base64, skipping other bytes; rest is an incomplete group.", Py: "base64.b64decode(C)"},
		{Name: "qp", Sig: "mime.qp(C [, D [, marker]]) -> encoded, rest", Doc: "Quoted-printable of C..D; line breaks become marker (CRLF).", Py: "quopri.encodestring(C)"},
		{Name: "unqp", Sig: "mime.unqp(C [, D]) -> decoded, rest", Doc: "Decodes quoted-printable.", Py: "quopri.decodestring(C)"},
		{Name: "wrp", Sig: "mime.wrp(left, C [, length=76]) -> wrapped, left", Doc: "Breaks text into CRLF lines of at most length bytes; left is the room on the current line.", Py: "textwrap.wrap"},
		{Name: "qpwrp", Sig: "mime.qpwrp(left, C [, length=76]) -> wrapped, left", Doc: "Wraps quoted-printable text with soft line breaks.", Py: "quopri"},
		{Name: "eol", Sig: "mime.eol(ctx, C [, marker=CRLF]) -> normalized, ctx", Doc: "Turns every line break (CR, LF, CRLF, LFCR) into marker.", Py: "s.replace('\\r\\n', '\\n')"},
		{Name: "dot", Sig: "mime.dot(state, C) -> stuffed, state", Doc: "Doubles a \".\" at the start of a line, for SMTP.", Py: "smtplib's quotedata"},
		{Name: "encode", Sig: "mime.encode(\"base64\" | \"quoted-printable\" [, mode]) -> filter", Doc: "An ltn12 filter that encodes; quoted-printable mode \"binary\" encodes line breaks too.", Py: "base64.b64encode"},
		{Name: "decode", Sig: "mime.decode(\"base64\" | \"quoted-printable\") -> filter", Doc: "An ltn12 filter that decodes.", Py: "base64.b64decode"},
		{Name: "wrap", Sig: "mime.wrap([\"text\" | \"base64\" | \"quoted-printable\"] [, length]) -> filter", Doc: "An ltn12 filter that breaks lines.", Py: "textwrap.wrap"},
		{Name: "normalize", Sig: "mime.normalize([marker]) -> filter", Doc: "An ltn12 filter that normalizes line breaks to marker (CRLF).", Py: "s.replace"},
		{Name: "stuff", Sig: "mime.stuff() -> filter", Doc: "An ltn12 filter that dot-stuffs, for SMTP.", Py: "smtplib's quotedata"},
	},
}

// URL is the socket.url module.
var URL = &interp.Module{
	Name:      "socket.url",
	Doc:       "LuaSocket's URL functions. Parse a URL into its parts, build one back, resolve a relative URL, escape. Written in Lua: stdlib/luasocket/url.lua.",
	Source:    source("url.lua"),
	LuaErrors: true,
	Funcs: []interp.Func{
		{Name: "parse", Sig: "url.parse(url [, default]) -> {scheme, authority, userinfo, user, password, host, port, path, params, query, fragment} | nil, err", Doc: "Splits a URL into its parts; default's fields fill the missing ones.", Py: "urllib.parse.urlparse(url)"},
		{Name: "build", Sig: "url.build(parsed) -> url", Doc: "The URL of a parsed table.", Py: "urllib.parse.urlunparse(parts)"},
		{Name: "absolute", Sig: "url.absolute(base, relative) -> url", Doc: "Resolves relative against base, as a browser resolves a link.", Py: "urllib.parse.urljoin(base, relative)"},
		{Name: "escape", Sig: "url.escape(s) -> string", Doc: "Replaces every byte but letters, digits and \"_\" with %xx.", Py: "urllib.parse.quote(s, safe='')"},
		{Name: "unescape", Sig: "url.unescape(s) -> string", Doc: "Turns %xx back into bytes.", Py: "urllib.parse.unquote(s)"},
		{Name: "parse_path", Sig: "url.parse_path(path) -> {segments, is_absolute=, is_directory=}", Doc: "The unescaped segments of a path.", Py: "path.split('/')"},
		{Name: "build_path", Sig: "url.build_path(segments [, unsafe]) -> path", Doc: "Joins segments into a path, escaping each unless unsafe.", Py: "'/'.join(quote(s) for s in segments)"},
	},
}

// Headers is the socket.headers module.
var Headers = &interp.Module{
	Name:      "socket.headers",
	Doc:       "LuaSocket's canonic header names. socket.headers.canonic[\"content-type\"] is \"Content-Type\". Written in Lua: stdlib/luasocket/headers.lua.",
	Source:    source("headers.lua"),
	LuaErrors: true,
}

// HTTP is the socket.http module.
var HTTP = &interp.Module{
	Name: "socket.http",
	Doc: "LuaSocket's HTTP/1.1 client. http.request(url [, body]) -> body, code, headers, status, or the table form with ltn12 sources and sinks. " +
		"Chunked replies, redirects, proxies; https:// through the ssl module. Written in Lua: stdlib/luasocket/http.lua.",
	Source:    source("http.lua"),
	LuaErrors: true,
	Funcs: []interp.Func{
		{Name: "request", Sig: "http.request(url [, body]) -> body, code, headers, status | http.request{url=, sink=, method=, headers=, source=, step=, proxy=, redirect=, create=} -> 1, code, headers, status | nil, err",
			Doc: "Makes an HTTP request: the simple form returns the body (a POST of body when given); the table form streams into sink. Errors return nil, err.",
			Py:  "urllib.request.urlopen(url, data).read()"},
		{Name: "genericform", Sig: "http.genericform(url [, body]) -> request table", Doc: "The table request(url, body) uses.", Py: "urllib.request.Request(url, data)"},
		{Name: "open", Sig: "http.open(host, port, create) -> connection", Doc: "A connection to send a request on step by step (sendrequestline, sendheaders, sendbody, receivestatusline, receiveheaders, receivebody, close).", Py: "http.client.HTTPConnection(host, port)"},
	},
}

// TP is the socket.tp module.
var TP = &interp.Module{
	Name:      "socket.tp",
	Doc:       "LuaSocket's helper for text protocols (SMTP, FTP). tp.connect(host, port [, timeout [, create]]) returns a connection with check(pattern), command(cmd [, arg]), send, receive, source, sink, getcontrol, close. Written in Lua: stdlib/luasocket/tp.lua.",
	Source:    source("tp.lua"),
	LuaErrors: true,
	Funcs: []interp.Func{
		{Name: "connect", Sig: "tp.connect(host, port [, timeout [, create]]) -> connection | nil, err",
			Doc: "Connects to a text-protocol server. conn:check(\"2..\") reads a reply and returns its code if it matches, else nil, reply; conn:command(\"helo\", \"me\") sends \"HELO me\\r\\n\".",
			Py:  "smtplib.SMTP(host, port)"},
	},
}

// SMTP is the socket.smtp module.
var SMTP = &interp.Module{
	Name: "socket.smtp",
	Doc: "LuaSocket's SMTP client. smtp.send{from=, rcpt=, source=smtp.message{headers=, body=}, server=, port=, user=, password=} sends a mail; " +
		"smtp.message makes the message text (multipart when body is a table of parts). Written in Lua: stdlib/luasocket/smtp.lua.",
	Source:    source("smtp.lua"),
	LuaErrors: true,
	Funcs: []interp.Func{
		{Name: "send", Sig: "smtp.send{from=, rcpt=, source=, server=, port=, domain=, user=, password=, step=, create=} -> 1 | nil, err",
			Doc: "Sends one mail through an SMTP server: EHLO, AUTH if asked, MAIL, RCPT for each recipient, DATA, QUIT.",
			Py:  "smtplib.SMTP(server, port).sendmail(from, rcpt, msg)"},
		{Name: "message", Sig: "smtp.message{headers=, body=} -> ltn12 source",
			Doc: "The text of a message: headers (Date, X-Mailer and MIME-Version added) and body: a string, an ltn12 source, or a table of parts (multipart, with preamble and epilogue).",
			Py:  "email.message.EmailMessage().as_bytes()"},
		{Name: "open", Sig: "smtp.open([server [, port [, create]]]) -> session",
			Doc: "A session to run step by step: greet, auth, mail, rcpt, data, quit, close.",
			Py:  "smtplib.SMTP(server, port)"},
	},
}

// FTP is the socket.ftp module.
var FTP = &interp.Module{
	Name: "socket.ftp",
	Doc: "LuaSocket's FTP client. ftp.get(url) returns a file's contents, ftp.put(url, data) stores one, ftp.command{...} runs commands; " +
		"the table forms stream through ltn12 sources and sinks. Passive mode (EPSV). Written in Lua: stdlib/luasocket/ftp.lua.",
	Source:    source("ftp.lua"),
	LuaErrors: true,
	Funcs: []interp.Func{
		{Name: "get", Sig: "ftp.get(url) -> contents | ftp.get{host=, port=, user=, password=, path=, type=, sink=, step=, command=, argument=} -> 1 | nil, err",
			Doc: "Downloads a file (RETR): the string form returns it, the table form pumps it into sink.", Py: "ftplib.FTP(host).retrbinary('RETR ' + path, callback)"},
		{Name: "put", Sig: "ftp.put(url, data) | ftp.put{host=, port=, user=, password=, path=, type=, source=, step=, command=, argument=} -> bytes sent | nil, err",
			Doc: "Uploads a file (STOR) from a string or an ltn12 source.", Py: "ftplib.FTP(host).storbinary('STOR ' + path, file)"},
		{Name: "command", Sig: "ftp.command{host=, port=, user=, password=, command=, argument=, check=} -> 1 | nil, err",
			Doc: "Logs in and runs one command or a list of them, checking each reply against check.", Py: "ftplib.FTP(host).sendcmd(cmd)"},
		{Name: "genericform", Sig: "ftp.genericform(url) -> request table", Doc: "The table get(url) and put(url, data) use.", Py: "urllib.parse.urlparse(url)"},
		{Name: "open", Sig: "ftp.open(server [, port [, create]]) -> session", Doc: "A session to drive step by step: greet, login, type, pasv/epsv/port/eprt, send, receive, cwd, quit, close.", Py: "ftplib.FTP(server)"},
	},
}
