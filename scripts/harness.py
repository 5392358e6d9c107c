"""What the scripts that drive the console share: a browser of each engine as the browser
tests run it (Chromium and Firefox headless with their options from webdriver.json;
WebKitGTK's MiniBrowser in the X display the test command starts), a page-error watch, a
static server for a built bundle, and a client of the sandbox that reads the project's
paths, labels and demo key from the sandbox itself (`/_sandbox/vocabulary`) instead of
keeping copies.
"""
import functools
import http.server
import json
import os
import pathlib
import random
import shutil
import tempfile
import threading
import time
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.firefox.service import Service as FirefoxService
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from selenium.webdriver.webkitgtk.service import Service as WebKitService

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


ENGINES = ("chromium", "firefox", "webkit")
# WebKitGTK's browser for automation (Debian's webkit2gtk-driver opens it).
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
# Headless Firefox keeps its window at least 450 px wide; a narrower page gets a viewport
# of its own size in that window (WebDriver BiDi's browsingContext.setViewport).
FIREFOX_MIN_WIDTH = 450


def start_browser(dark=False, width=1280, height=900, insecure=False, engine="chromium", log_capture=True):
    """A browser of `engine` as the browser tests run it (webdriver.json), showing `width`
    CSS pixels. Page errors are recorded from the first script on (`page_problems`) where
    the engine's driver can run a script before the page's own: Chromium (DevTools) and
    Firefox (WebDriver BiDi); WebKitWebDriver 2.50 can neither, nor return the console's
    messages, so in WebKit only the crash page counts. `log_capture=False`: Chromium's
    console messages are not collected (ChromeDriver keeps each until it is read)."""
    if engine == "firefox":
        return start_firefox(dark, width, height, insecure)
    if engine == "webkit":
        return start_webkit(dark, width, height, insecure)
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
    if log_capture:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH})
    driver.engine = "chromium"
    return driver


def start_firefox(dark, width, height, insecure):
    firefox = json.loads((ROOT / "webdriver.json").read_text())["moz:firefoxOptions"]
    options = webdriver.FirefoxOptions()
    options.binary_location = firefox["binary"]
    for arg in [arg for arg in firefox["args"] if not arg.startswith(("--width=", "--height="))]:
        options.add_argument(arg)
    options.add_argument(f"--width={max(width, FIREFOX_MIN_WIDTH)}")
    options.add_argument(f"--height={height}")
    if dark:
        options.set_preference("layout.css.prefers-color-scheme.content-override", 0)
    # A JSON file (where the scripts store the console's settings) opens as a page of its
    # origin, not in Firefox's JSON viewer, whose page has an origin of its own.
    options.set_preference("devtools.jsonview.enabled", False)
    options.accept_insecure_certs = insecure
    options.enable_bidi = True
    driver = webdriver.Firefox(options=options, service=FirefoxService(executable_path=os.environ.get("GECKODRIVER") or shutil.which("geckodriver")))
    driver.engine = "firefox"
    driver.console_errors = []
    if width < FIREFOX_MIN_WIDTH:
        driver.browsing_context.set_viewport(context=driver.current_window_handle, viewport={"width": width, "height": height})
    driver.script.add_preload_script(f"() => {{ {WATCH} }}")
    driver.script.add_javascript_error_handler(lambda entry: driver.console_errors.append(entry.text))
    driver.script.add_console_message_handler(
        lambda entry: entry.level == "error" and driver.console_errors.append(entry.text))
    return driver


def start_webkit(dark, width, height, insecure):
    options = webdriver.WebKitGTKOptions()
    options.binary_location = MINIBROWSER
    options.add_argument("--automation")
    if dark:
        options.add_argument("--dark-mode")
    if insecure:
        options.add_argument("--ignore-tls-errors")
    driver = webdriver.WebKitGTK(options=options, service=WebKitService(executable_path=shutil.which("WebKitWebDriver")))
    driver.engine = "webkit"
    driver.set_window_size(width, height)
    return driver


def heap_snapshot(driver):
    """The current Chromium tab's JavaScript heap after a collection: a heap snapshot taken
    through the DevTools protocol. The snapshot arrives in chunks as protocol events, which
    Selenium's execute_cdp_cmd does not return, so this talks to the tab's DevTools socket
    itself (Chromium accepts a second client beside ChromeDriver)."""
    import websocket  # websocket-client, a dependency of Selenium

    address = driver.capabilities["goog:chromeOptions"]["debuggerAddress"]
    handle = driver.current_window_handle
    with urllib.request.urlopen(f"http://{address}/json", timeout=30) as response:
        targets = json.loads(response.read())
    url = driver.current_url
    target = next(t for t in targets if t.get("type") == "page" and (t.get("id") == handle or t.get("url") == url))
    socket = websocket.create_connection(target["webSocketDebuggerUrl"], suppress_origin=True, timeout=300)
    try:
        def call(number, method):
            socket.send(json.dumps({"id": number, "method": method, "params": {}}))
            chunks = []
            while True:
                message = json.loads(socket.recv())
                if message.get("method") == "HeapProfiler.addHeapSnapshotChunk":
                    chunks.append(message["params"]["chunk"])
                elif message.get("id") == number:
                    return "".join(chunks)
        call(1, "HeapProfiler.enable")
        call(2, "HeapProfiler.collectGarbage")
        return HeapSnapshot(json.loads(call(3, "HeapProfiler.takeHeapSnapshot")))
    finally:
        socket.close()


class HeapSnapshot:
    """V8's heap snapshot: nodes and edges in flat arrays, described by its meta."""

    def __init__(self, snapshot):
        meta = snapshot["snapshot"]["meta"]
        self.fields, self.types = meta["node_fields"], meta["node_types"][0]
        self.edge_fields, self.edge_types = meta["edge_fields"], meta["edge_types"][0]
        self.nodes, self.edges, self.strings = snapshot["nodes"], snapshot["edges"], snapshot["strings"]
        self.width, self.edge_width = len(self.fields), len(self.edge_fields)

    def field(self, start, name):
        return self.nodes[start + self.fields.index(name)]

    def kind(self, start):
        """`object:Array`, `closure:name`, `string`: what a node is, as the census counts it."""
        kind = self.types[self.field(start, "type")]
        name = self.strings[self.field(start, "name")] if kind in ("object", "closure", "native", "hidden") else kind
        return f"{kind}:{name[:60]}"

    def starts(self):
        return range(0, len(self.nodes), self.width)

    def census(self):
        """{kind: [count, bytes]} over every node."""
        census = {}
        for start in self.starts():
            entry = census.setdefault(self.kind(start), [0, 0])
            entry[0] += 1
            entry[1] += self.field(start, "self_size")
        return census

    def retainers_of_new(self, before, top=12):
        """For the objects this snapshot holds that `before` did not (V8 keeps an object's
        id between snapshots of one page): what holds them, as (count, kind of holder,
        edge name, kind of object), most frequent first, with a sample of new strings."""
        old_ids = {before.field(start, "id") for start in before.starts()}
        new = {start for start in self.starts() if self.field(start, "id") not in old_ids}
        at_type, at_name, at_to = (self.edge_fields.index(name) for name in ("type", "name_or_index", "to_node"))
        counts, edge = {}, 0
        for start in self.starts():
            for _ in range(self.field(start, "edge_count")):
                to = self.edges[edge + at_to]
                if to in new and start not in new:
                    kind = self.edge_types[self.edges[edge + at_type]]
                    label = self.edges[edge + at_name]
                    name = self.strings[label] if kind not in ("element", "hidden") else f"[{kind}]"
                    key = (self.kind(start), name[:40], self.kind(to))
                    counts[key] = counts.get(key, 0) + 1
                edge += self.edge_width
        return len(new), sorted(((count, *key) for key, count in counts.items()), reverse=True)[:top]

    def texts(self):
        """How many string objects hold each text (the first 60 characters)."""
        texts = {}
        for start in self.starts():
            if self.types[self.field(start, "type")] in ("string", "concatenated string", "sliced string"):
                text = self.strings[self.field(start, "name")][:60]
                texts[text] = texts.get(text, 0) + 1
        return texts


def census_growth(before, after, top=12):
    """The kinds of object whose bytes grew most from one census to the next."""
    grown = [(after[kind][1] - before.get(kind, [0, 0])[1], after[kind][0] - before.get(kind, [0, 0])[0], kind) for kind in after]
    return sorted(grown, reverse=True)[:top]


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
    """The console's error messages since the last call (none known in WebKit)."""
    if driver.engine == "chromium":
        return [entry["message"] for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
    errors, driver.console_errors = getattr(driver, "console_errors", []), []
    return errors


def page_problems(driver):
    """Page errors, console errors and CSP violations so far, and the crash page."""
    problems = (driver.execute_script("return window.__pageErrors || []") or []) + console_errors(driver)
    if driver.find_elements(By.CSS_SELECTOR, ".crash"):
        problems.append("the console showed its crash page: " + driver.find_element(By.CSS_SELECTOR, ".crash").text)
    return problems


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
