#!/usr/bin/env python3
"""Drives headless Chromium through ChromeDriver (standard library only).

Loads a console URL, optionally with connection settings stored first, waits for a CSS
selector, then fails on any page error: an uncaught exception, a console error, a
Content-Security-Policy violation, or the console's crash page. Can save a screenshot.

  browser.py URL --expect CSS [--api-key KEY] [--base-url URL] [--screenshot FILE]
             [--width W --height H] [--dark] [--click CSS [--then-expect CSS]] [--report-transfer]
             [--allow-console-error TEXT] [--basic-auth USER:PASSWORD] [--insecure]
"""
import argparse, base64, json, os, socket, subprocess, sys, tempfile, time, urllib.parse, urllib.request

CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Records page errors and CSP violations before any page script runs.
WATCH = """
window.__pageErrors = [];
window.addEventListener('error', e => window.__pageErrors.push('error: ' + (e.message || e.type)));
window.addEventListener('unhandledrejection', e => window.__pageErrors.push('unhandled rejection: ' + e.reason));
document.addEventListener('securitypolicyviolation', e => window.__pageErrors.push('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Driver:
    def __init__(self, dark=False, width=1280, height=900, insecure=False):
        self.port = free_port()
        self.process = subprocess.Popen([os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"), f"--port={self.port}"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.profile = tempfile.mkdtemp(prefix="console-browser-")
        args = CHROME_ARGS + [f"--user-data-dir={self.profile}", f"--window-size={width},{height}"]
        if insecure:
            args.append("--ignore-certificate-errors")  # a test's throw-away self-signed certificate
        if dark:
            args.append("--force-dark-mode")
            args.append("--blink-settings=preferredColorScheme=0")
        caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": args},
                                                 "goog:loggingPrefs": {"browser": "ALL"}}}}
        for _ in range(100):
            try:
                self.session = self.call("POST", "/session", caps)["sessionId"]
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("chromedriver did not start")
        # Install the watcher in every new document (Chrome DevTools command).
        self.call("POST", f"/session/{self.session}/goog/cdp/execute",
                  {"cmd": "Page.addScriptToEvaluateOnNewDocument", "params": {"source": WATCH}})

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read() or b"{}").get("value")
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"webdriver {method} {path}: {error.read().decode()[:500]}")

    def cdp(self, command, params):
        return self.call("POST", f"/session/{self.session}/goog/cdp/execute", {"cmd": command, "params": params})

    def script(self, source, *args):
        return self.call("POST", f"/session/{self.session}/execute/sync", {"script": source, "args": list(args)})

    def go(self, url):
        self.call("POST", f"/session/{self.session}/url", {"url": url})

    def wait_for(self, selector, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.script("return !!document.querySelector(arguments[0])", selector):
                return True
            if self.script("return !!document.querySelector('.crash')"):
                return False
            time.sleep(0.1)
        return False

    def console_errors(self):
        logs = self.call("POST", f"/session/{self.session}/se/log", {"type": "browser"}) or []
        return [entry["message"] for entry in logs if entry.get("level") == "SEVERE"]

    def screenshot(self, path):
        with open(path, "wb") as file:
            file.write(base64.b64decode(self.call("GET", f"/session/{self.session}/screenshot")))

    def quit(self):
        try:
            self.call("DELETE", f"/session/{self.session}")
        finally:
            self.process.terminate()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("--expect", required=True, help="CSS selector that must appear")
    parser.add_argument("--api-key")
    parser.add_argument("--base-url", default="")
    parser.add_argument("--proxy-mode", action="store_true", help="store settings for proxy authentication")
    parser.add_argument("--screenshot")
    parser.add_argument("--click", help="CSS selector to click once loaded, before the screenshot")
    parser.add_argument("--then-expect", help="CSS selector that must appear after the click")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--report-transfer", action="store_true",
                        help="print the bytes transferred for every file the page loaded")
    parser.add_argument("--allow-console-error", action="append", default=[],
                        help="ignore console errors containing this text (expected failed requests)")
    parser.add_argument("--basic-auth", help="USER:PASSWORD sent as HTTP Basic authentication on every request")
    parser.add_argument("--insecure", action="store_true", help="accept a self-signed TLS certificate")
    options = parser.parse_args()

    driver = Driver(dark=options.dark, width=options.width, height=options.height, insecure=options.insecure)
    try:
        if options.basic_auth:
            driver.cdp("Network.enable", {})
            token = base64.b64encode(options.basic_auth.encode()).decode()
            driver.cdp("Network.setExtraHTTPHeaders", {"headers": {"Authorization": f"Basic {token}"}})
        if options.api_key is not None or options.proxy_mode:
            # Settings live in sessionStorage of the console's origin. Store them from a small
            # file of that origin, so the console's own load below is a cold one.
            origin = urllib.parse.urlsplit(options.url)
            driver.go(f"{origin.scheme}://{origin.netloc}/config.json")
            settings = {"base_url": options.base_url, "auth_mode": "proxy" if options.proxy_mode else "api-key",
                        "api_key": options.api_key or "", "remember": False}
            driver.script("sessionStorage.setItem('jobs-console.connection', arguments[0])", json.dumps(settings))
            driver.console_errors()  # reading the log empties it: only the console's own load counts
        driver.go(options.url)
        found = driver.wait_for(options.expect, options.timeout)
        followed = True
        if options.click and found:
            driver.script("document.querySelector(arguments[0]).click()", options.click)
            followed = driver.wait_for(options.then_expect, options.timeout) if options.then_expect else True
            time.sleep(0.5)
        time.sleep(0.3)
        if options.screenshot:
            driver.screenshot(options.screenshot)
        if options.report_transfer:
            entries = driver.script("""return performance.getEntriesByType('navigation')
                .concat(performance.getEntriesByType('resource'))
                .map(e => [e.name, e.transferSize, e.decodedBodySize])""")
            for name, transferred, decoded in entries:
                print(f"  {transferred:>8} bytes transferred ({decoded:>8} decoded)  {name}")
            api = sum(t for n, t, _ in entries if "/devicetrustmanager/" in n or "/iot/" in n)
            total = sum(t for _, t, _ in entries)
            print(f"  {total - api:>8} bytes for the console's files, {api} for API responses, {total} in all")
        problems = driver.script("return window.__pageErrors || []") or []
        problems += [message for message in driver.console_errors()
                     if not any(allowed in message for allowed in options.allow_console_error)]
        if driver.script("return !!document.querySelector('.crash')"):
            problems.append("the console showed its crash page: " + driver.script("return document.querySelector('.crash').innerText"))
        if not found:
            problems.append(f"'{options.expect}' did not appear within {options.timeout} s")
        if not followed:
            problems.append(f"after clicking '{options.click}', '{options.then_expect}' did not appear"
                            f" (the page is at {driver.script('return location.href')})")
        if problems:
            print("FAIL " + options.url, *problems, sep="\n  ", file=sys.stderr)
            return 1
        print(f"ok: {options.url} shows '{options.expect}' with no page error")
        return 0
    finally:
        driver.quit()


if __name__ == "__main__":
    sys.exit(main())
