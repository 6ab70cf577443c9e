-- Checker for the verifying TLS client. The checker is the server, three
-- times on the same port: two impostors in a random order (a certificate
-- the right CA signed for wrong.example, and a self-signed one for
-- localhost), then the real server with the certificate the --cafile
-- authority signed for localhost. The script must refuse both impostors
-- (their handshakes must fail on its side), say so, try again, and talk to
-- the real server only; the real answer comes in two TLS records.
local check = require("check")
local ssl = require("ssl")

local certs = check.tls_certs()
local function context(cert, key)
  local ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
  ctx:load_cert_chain(cert, key)
  return ctx
end
local impostors = {
  {en = "a certificate the right CA signed for wrong.example", zh = "正确的 CA 为 wrong.example 签发的证书",
   ctx = context(certs.wrong_name, certs.wrong_name_key),
   refusal = "refused: Hostname mismatch, certificate is not valid for 'localhost'."},
  {en = "a self-signed certificate for localhost", zh = "为 localhost 自签名的证书",
   ctx = context(certs.self_signed, certs.self_signed_key),
   refusal = "refused: self-signed certificate"},
}
if math.random(2) == 1 then
  impostors[1], impostors[2] = impostors[2], impostors[1]
end

local server = check.listen()
check.start_server({"--cafile", certs.ca})

-- accept waits for the script's next connection.
local function accept(req, en, zh)
  server:settimeout(5)
  local ok, conn = pcall(server.accept, server)
  if not ok then
    local code = check.wait(0)
    check.fail{req = req, hint = req == 1 and "connect" or "retry",
      en = ("%s, but %s. Its output:\n%s"):format(en,
        code and ("the script had ended (status %d) without connecting again"):format(code) or "the script did not connect within 5 s",
        check.output():sub(-600)),
      zh = zh .. ",但脚本没有再次连接。"}
  end
  conn:settimeout(5)
  return conn
end

local en, zh, req = "The checker listened on --host and --port for the script's first connection", "检查程序在 --host 和 --port 上等待脚本的第一次连接", 1
for _, imp in ipairs(impostors) do
  check.step("refuses " .. imp.en)
  local conn = accept(req, en, zh)
  local ok, e = pcall(imp.ctx.wrap_socket, imp.ctx, conn, {server_side = true})
  if ok then
    e:close()
    check.fail{req = 2, hint = "verify",
      en = ("The checker presented %s, and the script accepted it: the handshake completed. Keep verification on (no CERT_NONE, no check_hostname = false), with --cafile and server_hostname \"localhost\"."):format(imp.en),
      zh = ("检查程序出示了%s,脚本却接受了:握手成功完成。不要关闭验证(不要 CERT_NONE,不要 check_hostname = false)。"):format(imp.zh)}
  end
  conn:close()
  en = ("After refusing %s, the script should have tried again"):format(imp.en)
  zh = ("拒绝了%s之后,脚本应当重试"):format(imp.zh)
  req = 3
end

check.step("talks to the real server")
local conn = accept(3, en, zh)
local real = context(certs.server, certs.server_key)
local ok, tls = pcall(real.wrap_socket, real, conn, {server_side = true})
if not ok then
  check.fail{req = 2, hint = "verify",
    en = ("The checker presented the real certificate (signed by the --cafile authority for localhost), and the handshake failed: %s. Trust --cafile: ssl.create_default_context({cafile = args.cafile}), with server_hostname \"localhost\"."):format(tostring(tls)),
    zh = "检查程序出示了真证书(由 --cafile 的 CA 为 localhost 签发),握手却失败了。请用 --cafile 建立上下文,server_hostname 为 \"localhost\"。"}
end
local got = check.expect_recv(tls, 6, 3)
if got ~= "hello\n" then
  check.fail{req = 4, hint = "answer",
    en = ("After the handshake the checker expected \"hello\\n\"; it received %s."):format(check.show(got)),
    zh = ("握手之后检查程序等待 \"hello\\n\";收到的是 %s。"):format(check.show(got))}
end
-- The answer in two records with a pause, so that one recv gets only a part.
local answer = "hi from the real server " .. check.random_word(math.random(6, 14))
local cut = math.random(3, #answer - 3)
tls:sendall(answer:sub(1, cut))
check.sleep(0.2)
tls:sendall(answer:sub(cut + 1) .. "\n")
tls:close()
conn:close()
server:close()

check.step("reports what it refused and the whole answer")
local code = check.wait(5)
if code ~= 0 then
  check.fail{req = 4, hint = "answer",
    en = code and ("The script ended with status %d instead of ending normally. Its output ends with:\n%s"):format(code, check.output():sub(-600))
      or "The checker sent its answer and closed; 5 s later the script was still running.",
    zh = "脚本没有正常结束。"}
end
local out = check.output()
for _, imp in ipairs(impostors) do
  if not out:find(imp.refusal, 1, true) then
    check.fail{req = 3, hint = "retry",
      en = ("After refusing %s the script should print %q (\"refused: \" .. e.verify_message); its output was:\n%s"):format(imp.en, imp.refusal, out:sub(-600)),
      zh = ("拒绝%s后,脚本应打印 %q;它的输出是上面这些。"):format(imp.zh, imp.refusal)}
  end
end
if not out:find(answer, 1, true) then
  check.fail{req = 4, hint = "answer",
    en = ("The real server answered %s in two TLS records, 0.2 s apart; the script printed:\n%s"):format(check.show(answer .. "\n"), out:sub(-600)),
    zh = ("真服务器分两个 TLS 记录(间隔 0.2 秒)回答了 %s;脚本没有打印完整的回答。"):format(check.show(answer .. "\n"))}
end
