#!/usr/bin/env python3
"""Drives the page of `vigie serve` in headless Chromium, as a person would.

Opens the page at a phone's width (420 px), types a draft into the text
area, chooses the platform, clicks the button, waits for the decision, and
prints what the page shows as JSON: the decision, the highlighted evidence,
the findings with their advice and charter principle, whether the page fits
the width, and any console error or Content-Security-Policy violation.
Screenshots go to --out.

Only the Python standard library: the DevTools protocol is spoken over a
WebSocket written here (RFC 6455, client side, text frames).

Usage: serve-page-check.py --url http://127.0.0.1:8080/ --draft TEXT
         [--platform facebook] [--width 420] [--out DIR] [--name page]
         [--then TEXT]   (a second draft checked after the first)
"""
import argparse
import base64
import http.client
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time


class WebSocket:
    def __init__(self, url):
        assert url.startswith("ws://")
        host_port, path = url[5:].split("/", 1)
        host, port = host_port.split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=30)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\nUpgrade: websocket\r\n"
                   f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise RuntimeError("the browser closed the WebSocket handshake")
            head += chunk
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError("WebSocket handshake refused: " + head.decode(errors="replace"))

    def send(self, text):
        payload = text.encode()
        header = bytearray([0x81])
        if len(payload) < 126:
            header.append(0x80 | len(payload))
        elif len(payload) < 65536:
            header.append(0x80 | 126)
            header += struct.pack(">H", len(payload))
        else:
            header.append(0x80 | 127)
            header += struct.pack(">Q", len(payload))
        mask = os.urandom(4)
        header += mask
        self.sock.sendall(bytes(header) + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise RuntimeError("the browser closed the WebSocket")
            data += chunk
        return data

    def receive(self):
        message = b""
        while True:
            first, second = self._exact(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._exact(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._exact(8))[0]
            payload = self._exact(length)
            opcode = first & 0x0F
            if opcode == 0x8:
                raise RuntimeError("the browser closed the WebSocket")
            if opcode in (0x9, 0xA):
                continue
            message += payload
            if first & 0x80:
                return message.decode()


class DevTools:
    def __init__(self, ws):
        self.ws = ws
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        wanted = self.next_id
        self.ws.send(json.dumps({"id": wanted, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.receive())
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_event(self, name, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for event in self.events:
                if event.get("method") == name:
                    self.events.remove(event)
                    return event
            message = json.loads(self.ws.receive())
            if "method" in message:
                self.events.append(message)
        raise RuntimeError(f"no {name} within {timeout} s")


def start_browser(profile):
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not binary:
        raise SystemExit("serve-page-check: no chromium; install it (scripts/setup.sh installs Debian's chromium)")
    process = subprocess.Popen(
        [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
         "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = os.path.join(profile, "DevToolsActivePort")
    deadline = time.time() + 60
    while time.time() < deadline:
        if os.path.exists(port_file):
            lines = open(port_file).read().split("\n")
            if len(lines) >= 2 and lines[0].strip():
                return process, int(lines[0])
        if process.poll() is not None:
            raise SystemExit("serve-page-check: chromium exited at start")
        time.sleep(0.1)
    process.kill()
    raise SystemExit("serve-page-check: chromium did not start within 60 s")


def page_target(port):
    for _ in range(100):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/json/list")
        targets = json.loads(connection.getresponse().read())
        pages = [t for t in targets if t.get("type") == "page"]
        if pages:
            return pages[0]["webSocketDebuggerUrl"]
        time.sleep(0.1)
    raise SystemExit("serve-page-check: no page in the browser")


STATE = """(() => {
  const $ = (id) => document.getElementById(id);
  const decision = $("decision");
  return {
    lang: document.documentElement.lang,
    title: document.querySelector("h1").textContent,
    resultShown: !$("result").hidden,
    decision: decision.dataset.decision || null,
    decisionText: decision.textContent,
    status: $("status").textContent,
    highlighted: (() => { const copy = $("highlighted").cloneNode(true);
      copy.querySelectorAll("sup").forEach((s) => s.remove()); return copy.textContent; })(),
    numbers: Array.from(document.querySelectorAll("#highlighted mark sup")).map((s) => s.textContent),
    marks: Array.from(document.querySelectorAll("#highlighted mark")).map((m) => ({
      text: m.firstChild ? m.firstChild.textContent : "", blocking: m.classList.contains("block"),
      title: m.title, findings: m.dataset.findings })),
    findings: Array.from(document.querySelectorAll("#findings li.finding")).map((li) => ({
      rule: li.dataset.rule, title: li.querySelector(".title").textContent,
      advice: (li.querySelector(".advice") || {}).textContent || null,
      charter: (li.querySelector(".charter") || {}).textContent || null })),
    noFinding: !!document.querySelector("#findings li.none"),
    tokenAsked: !$("token-row").hidden,
    scrollWidth: document.documentElement.scrollWidth,
    viewportWidth: window.innerWidth,
  };
})()"""


def check_draft(tools, draft, platform):
    tools.evaluate("(() => { const d = document.getElementById('draft'); d.value = ''; d.focus(); })()")
    # Typed as a person would (an input method's insertion: one event for the text).
    tools.call("Input.insertText", text=draft)
    if platform:
        tools.evaluate("(() => { const s = document.getElementById('platform'); s.value = " + json.dumps(platform)
                       + "; s.dispatchEvent(new Event('change')); })()")
    previous = tools.evaluate("document.getElementById('decision').dataset.decision + '|' + "
                              "document.getElementById('highlighted').textContent")
    box = tools.evaluate("(() => { const r = document.getElementById('check').getBoundingClientRect();"
                         " return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()")
    for kind in ("mousePressed", "mouseReleased"):
        tools.call("Input.dispatchMouseEvent", type=kind, x=box["x"], y=box["y"], button="left", clickCount=1)
    checking = tools.evaluate("JSON.parse(document.getElementById('strings').textContent).checking")
    deadline = time.time() + 20
    while time.time() < deadline:
        now = tools.evaluate("document.getElementById('decision').dataset.decision + '|' + "
                             "document.getElementById('highlighted').textContent")
        busy = tools.evaluate("document.getElementById('check').disabled")
        status = tools.evaluate("document.getElementById('status').textContent")
        # Done: a new decision shown, or an error said.
        if not busy and ((now != previous and not now.startswith("undefined")) or (status and status != checking)):
            break
        time.sleep(0.05)
    # The smooth scroll to the result ends.
    time.sleep(0.6)
    return tools.evaluate(STATE)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True)
    parser.add_argument("--draft", required=True)
    parser.add_argument("--platform")
    parser.add_argument("--then", help="a second draft, checked after the first")
    parser.add_argument("--width", type=int, default=420)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--out", help="folder for the screenshots")
    parser.add_argument("--name", default="page")
    args = parser.parse_args()

    profile = tempfile.mkdtemp(prefix="vigie-chromium-")
    process, port = start_browser(profile)
    try:
        tools = DevTools(WebSocket(page_target(port)))
        tools.call("Page.enable")
        tools.call("Runtime.enable")
        tools.call("Log.enable")
        tools.call("Emulation.setDeviceMetricsOverride", width=args.width, height=args.height,
                   deviceScaleFactor=1, mobile=args.width < 600)
        tools.call("Page.navigate", url=args.url)
        tools.wait_event("Page.loadEventFired")
        report = {"loaded": tools.evaluate(STATE)}
        report["first"] = check_draft(tools, args.draft, args.platform)
        shots = []
        if args.out:
            os.makedirs(args.out, exist_ok=True)
            height = tools.evaluate("Math.ceil(document.documentElement.scrollHeight)")
            tools.call("Emulation.setDeviceMetricsOverride", width=args.width, height=max(height, args.height),
                       deviceScaleFactor=1, mobile=args.width < 600)
            tools.evaluate("window.scrollTo(0, 0)")
            time.sleep(0.3)
            shot = tools.call("Page.captureScreenshot", format="png")
            path = os.path.join(args.out, f"{args.name}.png")
            with open(path, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            shots.append(path)
            tools.call("Emulation.setDeviceMetricsOverride", width=args.width, height=args.height,
                       deviceScaleFactor=1, mobile=args.width < 600)
        if args.then:
            report["then"] = check_draft(tools, args.then, args.platform)
        # Drain what the page said on its console, and the CSP's reports.
        tools.evaluate("1")
        problems = []
        for event in tools.events:
            method = event.get("method")
            params = event.get("params", {})
            if method == "Runtime.exceptionThrown":
                problems.append(params.get("exceptionDetails", {}).get("text", "exception"))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
                problems.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") in ("error", "warning"):
                problems.append(params["entry"].get("text", ""))
        report["problems"] = problems
        report["screenshots"] = shots
        print(json.dumps(report, ensure_ascii=False))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
