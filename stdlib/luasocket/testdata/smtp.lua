-- socket.smtp against the Go test server on port arg[1].
local smtp = require("socket.smtp")
local ltn12 = require("ltn12")
local mime = require("mime")
local port = arg[1]

print("sent", smtp.send{
  from = "<me@example.com>", rcpt = { "<a@example.com>", "<b@example.com>" },
  server = "127.0.0.1", port = port, user = "user", password = "secret",
  source = smtp.message{
    headers = { to = "a@example.com", subject = "plain" },
    body = "line one\r\n.dot stuffed\r\nlast line",
  },
})

print("multipart", smtp.send{
  from = "<me@example.com>", rcpt = "<a@example.com>", server = "127.0.0.1", port = port,
  source = smtp.message{
    headers = { subject = "parts" },
    body = {
      preamble = "This is a multipart message.",
      [1] = { body = mime.eol(0, "first part\nwith lines\n") },
      [2] = {
        headers = { ["content-type"] = "application/octet-stream", ["content-transfer-encoding"] = "BASE64" },
        body = ltn12.source.chain(ltn12.source.string(string.rep("\0\1\2binary", 20)),
          ltn12.filter.chain(mime.encode("base64"), mime.wrap())),
      },
      epilogue = "The end.",
    },
  },
})

local socket = require("socket")
local probe = socket.bind("127.0.0.1", 0)
local _, free = probe:getsockname()
probe:close()
print("refused", smtp.send{ from = "<x@y>", rcpt = "<z@y>", server = "127.0.0.1", port = free,
  source = smtp.message{ body = "x" } })
