"""What the scripts that drive the console share: headless Chromium as the browser tests
run it (flags from webdriver.json), a page-error watch, a static server for a built
bundle, and a client of the sandbox that reads the project's paths, labels and demo key
from the sandbox itself (`/_sandbox/vocabulary`) instead of keeping copies.
"""
import functools
import http.server
import json
import os
import pathlib
import random
import tempfile
import threading
import time
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

ROOT = pathlib.Path(__file__).resolve().parent.parent
# Saves the wasm memory of each page load for the memory figures.
CAPTURE_MEMORY = "addEventListener('TrunkApplicationStarted', e => { window.__wasmMemory = e.detail.wasm.memory; });"

# Records page errors and CSP violations before any page script runs.
WATCH = """
window.__pageErrors = [];
window.addEventListener('error', e => window.__pageErrors.push('error: ' + (e.message || e.type)));
window.addEventListener('unhandledrejection', e => window.__pageErrors.push('unhandled rejection: ' + e.reason));
document.addEventListener('securitypolicyviolation', e => window.__pageErrors.push('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));
"""


def start_browser(dark=False, width=1280, height=900, insecure=False):
    """Headless Chromium as the browser tests run it (webdriver.json), at this window size."""
    chrome = json.loads((ROOT / "webdriver.json").read_text())["goog:chromeOptions"]
    options = webdriver.ChromeOptions()
    options.binary_location = chrome["binary"]
    args = [arg for arg in chrome["args"] if not arg.startswith("--window-size=")]
    for arg in args + [f"--user-data-dir={tempfile.mkdtemp(prefix='console-browser-')}", f"--window-size={width},{height}"]:
        options.add_argument(arg)
    if insecure:
        options.add_argument("--ignore-certificate-errors")  # a test's throw-away self-signed certificate
    if dark:
        options.add_argument("--force-dark-mode")
        options.add_argument("--blink-settings=preferredColorScheme=0")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
    return driver


def appears(driver, selector, timeout):
    """Whether `selector` appears within `timeout` seconds (False at once on the crash page)."""
    try:
        WebDriverWait(driver, timeout, poll_frequency=0.1).until(expected_conditions.any_of(
            expected_conditions.presence_of_element_located((By.CSS_SELECTOR, selector)),
            expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".crash"))))
    except TimeoutException:
        return False
    return bool(driver.find_elements(By.CSS_SELECTOR, selector))


def console_errors(driver):
    return [entry["message"] for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


class SpaHandler(http.server.SimpleHTTPRequestHandler):
    """The built console, with index.html for any path that is not a file (deep links)."""

    def translate_path(self, path):
        full = super().translate_path(path)
        return full if os.path.isfile(full) else os.path.join(self.directory, "index.html")

    def log_message(self, *args):
        pass


def serve(dist):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SpaHandler, directory=dist))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


class Sandbox:
    def __init__(self, url):
        self.url = url
        self.own_gets = 0  # the soak's own API reads, told apart from the console's

    @functools.cached_property
    def vocabulary(self):
        """The project's API paths, enum labels and demo key, as the sandbox serves them."""
        with urllib.request.urlopen(self.url + "/_sandbox/vocabulary", timeout=30) as response:
            return json.loads(response.read())

    @property
    def key(self):
        return self.vocabulary["demo_approver_key"]

    def path(self, name, job_id=None):
        """An API path by its name in the vocabulary (`jobs`, `job`, `batch_job`, `approve`…)."""
        path = self.vocabulary["paths"][name]
        return path.replace("{job_id}", urllib.parse.quote(job_id, safe="")) if job_id is not None else path

    def label(self, kind, wire):
        """What the console shows for the wire value `wire` of `kind` (`job_status`…)."""
        return self.vocabulary["labels"][kind].get(wire, wire)

    def call(self, method, path, body=None, key=""):
        """`method` `path` with `body` as JSON, and the demo key (`key=None`: no key)."""
        key = self.key if key == "" else key
        request = urllib.request.Request(self.url + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                         headers={"content-type": "application/json", **({"x-api-key": key} if key else {})})
        for _ in range(20):  # the API itself faults at random: ask again
            if method == "GET" and not path.startswith("/_sandbox/"):
                self.own_gets += 1
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    data = response.read()
                    return json.loads(data) if data else None
            except Exception:  # noqa: BLE001 - any fault: try again shortly
                time.sleep(0.5)
        raise RuntimeError(f"{method} {path} kept failing")

    def new_job(self):
        return self.call("POST", "/_sandbox/jobs", {"total": random.randint(5, 40)}, key=None)["id"]

    def status(self, job_id):
        return self.call("GET", self.path("job", job_id))

    def waiting(self):
        return self.call("GET", self.path("jobs") + "?limit=1&batch_status=PENDING_APPROVAL")["total"]

    def batch_status(self, job_id):
        return self.call("GET", self.path("batch_job", job_id))["status"]

    def console_requests(self):
        """API reads so far that the console made (all of them, less the soak's own)."""
        return self.call("GET", "/_sandbox/requests?method=GET&path_contains=/", key=None)["count"] - self.own_gets
