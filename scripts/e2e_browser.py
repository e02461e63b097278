#!/usr/bin/env python3
"""Headless Chromium at a phone-sized viewport, driven over the DevTools protocol (standard library
only): opens the verification page and the learner pages, checks what they show from the DOM and
saves screenshots. Usage: e2e_browser.py BASE_URL VERIFY_PATH LOGIN PASSWORD EXPECTED_NAME OUT_DIR"""
import base64, json, os, shutil, socket, struct, subprocess, sys, tempfile, time, urllib.request

base, verify_path, login, password, name, out = sys.argv[1:7]
os.makedirs(out, exist_ok=True)
browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
if not browser:
    sys.exit("e2e: no chromium found (scripts/setup.sh installs the Debian package)")
profile = tempfile.mkdtemp(prefix="e2e-chromium-")
proc = subprocess.Popen([browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                         "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
failures = []

def check(ok, what):
    print(("  ok   " if ok else "  FAIL ") + what)
    if not ok:
        failures.append(what)

class DevTools:
    """A minimal WebSocket client (RFC 6455, text frames) for one DevTools target."""
    def __init__(self, ws_url):
        rest = ws_url.split("://", 1)[1]
        hostport, path = rest.split("/", 1)
        host, port = hostport.split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /{path} HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        response = b""
        while b"\r\n\r\n" not in response:
            response += self.sock.recv(1)
        if b" 101 " not in response.split(b"\r\n")[0]:
            raise RuntimeError(f"websocket handshake failed: {response!r}")
        self.next_id = 0

    def _send(self, text):
        data = text.encode()
        mask = os.urandom(4)
        header = bytes([0x81])
        n = len(data)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise RuntimeError("devtools connection closed")
            data += chunk
        return data

    def _receive(self):
        message = b""
        while True:
            first, second = self._exact(2)
            n = second & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._exact(8))[0]
            message += self._exact(n)
            if first & 0x80:
                return json.loads(message)

    def call(self, method, **params):
        self.next_id += 1
        self._send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            answer = self._receive()
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})

    def evaluate(self, expression):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True).get("result", {}).get("value")

    def open(self, url):
        self.call("Page.navigate", url=url)
        self.wait_loaded()

    def wait_loaded(self):
        time.sleep(0.2)
        for _ in range(100):
            if self.evaluate("document.readyState") == "complete":
                return
            time.sleep(0.1)

    def screenshot(self, file):
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"]
        with open(file, "wb") as f:
            f.write(base64.b64decode(data))
        print(f"  saved {file}")

try:
    port_file = os.path.join(profile, "DevToolsActivePort")
    for _ in range(200):
        if os.path.exists(port_file) and open(port_file).read().strip():
            break
        time.sleep(0.1)
    port = open(port_file).read().split()[0]
    targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
    page = next(t for t in targets if t.get("type") == "page")
    tab = DevTools(page["webSocketDebuggerUrl"])
    tab.call("Page.enable")
    tab.call("Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=2, mobile=True)
    text = "document.body.innerText"

    print("browser: verification page at 390×844")
    tab.open(base + verify_path)
    status = tab.evaluate("document.getElementById('status').innerText")
    check("已撤销" in (status or ""), f"status block says 已撤销 (revoked): {status!r}")
    check(name in (tab.evaluate("document.getElementById('holder').innerText") or ""), "holder name shown")
    check(tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scrolling on a phone")
    tab.screenshot(os.path.join(out, "verify-revoked.png"))

    print("browser: learner pages")
    tab.open(base + "/me")
    check(tab.evaluate("location.pathname") == "/login", "signed out, /me leads to /login")
    tab.screenshot(os.path.join(out, "login.png"))
    tab.evaluate(f"document.getElementById('login-name').value = {json.dumps(login)};"
                 f"document.getElementById('password').value = {json.dumps(password)};"
                 "document.getElementById('login').submit(); true")
    tab.wait_loaded()
    check(tab.evaluate("location.pathname") == "/me", "signing in opens the personal centre")
    check(name in (tab.evaluate("document.getElementById('name').innerText") or ""), "the centre shows the learner's name")
    check(len(tab.evaluate("document.getElementById('card').innerText") or "") == 16, "the centre shows the 16-digit card id")
    check((tab.evaluate("document.getElementById('document-count').innerText") or "0") != "0", "the centre counts the documents")
    check(tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scrolling on a phone")
    tab.screenshot(os.path.join(out, "personal-centre.png"))

    tab.open(base + "/me/documents")
    listing = tab.evaluate("document.getElementById('documents').innerText") or ""
    check("学习成果转换证明" in listing and "已撤销" in listing, "my documents lists the certificate as revoked")
    tab.evaluate("document.getElementById('issue-transcript').submit(); true")
    tab.wait_loaded()
    check("已开具" in (tab.evaluate(text) or ""), "issuing a transcript from the page works")
    check("终身学习档案" in (tab.evaluate("document.getElementById('documents').innerText") or ""), "the transcript is listed")
    tab.screenshot(os.path.join(out, "my-documents.png"))

    tab.open(base + "/me/conversions")
    conversions = tab.evaluate("document.getElementById('conversions').innerText") or ""
    check("初审" in conversions and "终审" in conversions and "转换成功" in conversions,
          "my conversions shows the application with both review records")
    tab.screenshot(os.path.join(out, "my-conversions.png"))
finally:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    shutil.rmtree(profile, ignore_errors=True)

if failures:
    sys.exit(f"e2e browser: {len(failures)} check(s) failed")
print(f"e2e browser: all checks passed; screenshots in {out}")
