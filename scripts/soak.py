#!/usr/bin/env python3
"""A console left open for a shift, in a few minutes or an hour: three tabs (the Jobs page
waiting for approvals, a moving job's details, Settings) in headless Chromium against a
sandbox that injects random faults. Jobs arrive and are approved or rejected through the
page; the details tab moves between jobs now and then. Every minute it records each tab's
wasm memory, JS heap and DOM nodes, the API requests per minute, and whether each page
shows what the API says. It fails on memory growth after warm-up (wasm memory by more than
a page, the JS heap by more than 10 %), a page that disagrees with the API for longer than
a refresh and its back-off, or a decision shown otherwise than the sandbox recorded it.

  soak.py --minutes N --sandbox URL --dist DIR [--json FILE] [--heap-census] [--no-log-capture]

--heap-census takes a heap snapshot of each tab after the warm-up minute and at the end,
and prints the kinds of object that grew most in between, what holds the objects that are
new, and which texts more strings hold; --no-log-capture runs Chromium without
ChromeDriver's collection of its console messages.
"""
import argparse
import json
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import CAPTURE_MEMORY, Sandbox, census_growth, heap_snapshot, serve, start_browser

WASM_PAGE = 65536
# The JavaScript heap after a forced collection may vary a little (code compiled, caches);
# more than this after warm-up is something kept.
MAX_HEAP_GROWTH = 0.10
# A page may disagree with the API for one poll interval plus the longest back-off.
SETTLE_SECONDS = 75
# What three tabs may ask for in a minute: a few resources refreshing every 5 s (the
# default poll interval), retries after faults (backing off), and a navigation.
MAX_REQUESTS_PER_MINUTE = 90
# Jobs kept waiting for approval: a new one arrives only below this, so a decision that a
# fault refused does not grow the Jobs page (and its memory) over the run.
WAITING_JOBS = 5

class Soak:
    def __init__(self, driver, console, sandbox):
        self.driver, self.console, self.sandbox = driver, console, sandbox
        self.tabs = {}
        self.problems = []
        self.decisions = []
        self.checked = 0

    def open_tab(self, name, path):
        if self.tabs:
            self.driver.switch_to.new_window("tab")
        self.tabs[name] = self.driver.current_window_handle
        # DevTools commands act on the current tab: each tab gets its own.
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CAPTURE_MEMORY})
        self.driver.execute_cdp_cmd("Performance.enable", {})
        # Settings live in this tab's sessionStorage: store them from a file of the origin.
        self.driver.get(self.console + "/config.json")
        settings = {"base_url": self.sandbox.url, "auth_mode": "api-key", "api_key": self.sandbox.key, "remember": False}
        self.driver.execute_script("sessionStorage.setItem('jobs-console.connection', arguments[0])", json.dumps(settings))
        self.driver.get(self.console + path)

    def on(self, name):
        self.driver.switch_to.window(self.tabs[name])

    def js(self, source, *args):
        """Runs `source` (a function body reading `arguments`) in the current tab and returns
        its value, through the DevTools protocol rather than WebDriver's execute_script:
        ChromeDriver 156 returns each script's result as a JSON text that the page's heap
        then keeps (`{"status":0,"value":…}`, one per call, found by --heap-census), which
        grew the JS heap by some 5 KiB a minute in a tab the soak reads often."""
        window = self.cdp("Runtime.evaluate", expression="window", objectGroup="soak")["result"]["objectId"]
        try:
            answer = self.cdp("Runtime.callFunctionOn", objectId=window, returnByValue=True,
                              functionDeclaration=f"function() {{ {source} }}", arguments=[{"value": arg} for arg in args])
        finally:
            self.cdp("Runtime.releaseObjectGroup", objectGroup="soak")
        if "exceptionDetails" in answer:
            raise RuntimeError(f"a soak script failed: {answer['exceptionDetails'].get('exception', {}).get('description')}")
        return answer["result"].get("value")

    def cdp(self, method, **params):
        return self.driver.execute_cdp_cmd(method, params)

    # The page is read through scripts that return text, never WebDriver element references:
    # ChromeDriver keeps every element it hands out for as long as the page lives, and an
    # element kept keeps its whole removed table (issue 22: the soak's JS heap grew by the
    # Jobs tables the harness had looked at, not by anything the console kept).
    def count(self, selector):
        return self.js("return document.querySelectorAll(arguments[0]).length", selector)

    def texts(self, selector):
        return self.js("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent.trim())", selector)

    def click_where(self, selector, text=None, attribute=None):
        """Clicks the first `selector` whose text (or `attribute`) is `text` (any if None)."""
        self.js("""const [selector, text, attribute] = arguments;
            const found = [...document.querySelectorAll(selector)].find(e =>
                text === null || (attribute ? e.getAttribute(attribute) : e.textContent.trim()) === text);
            if (found) found.click();""", selector, text, attribute)

    def wait(self, what, condition, seconds=SETTLE_SECONDS):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if condition():
                return True
            time.sleep(0.5)
        self.problems.append(f"{what} (after {seconds} s)")
        return False

    def sample(self, name):
        self.on(name)
        self.driver.execute_cdp_cmd("HeapProfiler.collectGarbage", {})
        metrics = {m["name"]: m["value"] for m in self.driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]}
        return {
            "wasm": self.js("return window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : 0"),
            "heap": int(metrics.get("JSHeapUsedSize", 0)),
            "dom": self.js("return document.getElementsByTagName('*').length"),
        }

    def no_stuck_states(self, name):
        """No error panel or loading placeholder stays once its back-off has passed."""
        self.on(name)
        self.wait(f"{name}: an error stays on the page", lambda: not self.count(".error-panel"))
        self.wait(f"{name}: a placeholder stays on the page", lambda: not self.count(".skeleton"))

    def shown_job_ids(self):
        return self.texts("section[aria-label='Completed jobs'] .job-link")

    def check_jobs_tab(self):
        self.on("jobs")
        wanted = lambda: [job["id"] for job in self.sandbox.call(
            "GET", self.sandbox.path("jobs") + "?draft=false&batch_status=PENDING_APPROVAL&sort=-run_date&limit=20&offset=0")["records"]]
        self.wait("jobs: the table differs from the API", lambda: self.shown_job_ids() == wanted())

    def check_details_tab(self):
        self.on("details")
        job_id = self.js("return decodeURIComponent(location.pathname.split('/').pop())")

        def agrees():
            badge = self.texts("#facts-heading ~ dl .badge")
            return bool(badge) and badge[0] == self.sandbox.label("job_status", self.sandbox.status(job_id)["status"])
        self.wait(f"details: job {job_id}'s state differs from the API", agrees)

    def decide_one(self):
        """Approves or rejects a waiting job from the Jobs page, as an operator would."""
        self.on("jobs")
        buttons = "button[aria-label^='Approve job'], button[aria-label^='Reject job']"
        labels = self.js("return [...document.querySelectorAll(arguments[0])].map(b => b.getAttribute('aria-label'))", buttons)
        if not labels:
            return
        label = random.choice(labels)
        verb, job_id = label.split(" job ", 1)
        before = self.js("return document.querySelector('.announcements').textContent")
        self.click_where(buttons, label, "aria-label")
        if not self.wait("the confirmation dialog opens", lambda: self.count("dialog[open]"), 5):
            return
        self.js("document.querySelector('dialog[open] .actions button:last-child').click()")
        said = {}

        def announced():
            text = self.js("return document.querySelector('.announcements').textContent")
            said["text"] = text
            return text != before and job_id in text
        if self.wait(f"the decision on {job_id} is announced", announced, 45):
            self.decisions.append((job_id, verb, said["text"]))

    def check_decisions(self):
        """Every decision shown as done is the one the sandbox recorded. (A refusal needs no
        check: a job may have been decided by an earlier click whose row was still shown.)"""
        recorded = {"approved": {"APPROVED", "IN_PROGRESS", "COMPLETE", "FAILED"}, "rejected": {"REJECTED"}}
        for job_id, verb, text in self.decisions[self.checked:]:
            done = "approved" if verb == "Approve" else "rejected"
            if f"Job {job_id} {done}." in text:
                status = self.sandbox.batch_status(job_id)
                if status not in recorded[done]:
                    self.problems.append(f"{job_id} was shown as {done}, the sandbox has it {status}")
        self.checked = len(self.decisions)

    def move_details_tab(self):
        """In-app navigation, once a minute: back to the Jobs page, then into a moving job."""
        self.on("details")
        self.js("document.querySelector('header nav a').click()")
        self.wait("details: the Jobs page opens", lambda: self.count(".job-link"), 30)
        moving = [job["id"] for job in self.sandbox.call("GET", self.sandbox.path("jobs") + "?draft=false&state=ACTIVE&limit=20")["records"]]
        shown = [text for text in self.texts(".job-link") if text in moving]
        self.click_where(".job-link", shown[0] if shown else None)
        self.wait("details: a job opens", lambda: self.count("#facts-heading"), 30)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=int, default=2)
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--dist", required=True)
    parser.add_argument("--json")
    parser.add_argument("--heap-census", action="store_true")
    parser.add_argument("--no-log-capture", action="store_true")
    options = parser.parse_args()
    random.seed(7)
    sandbox = Sandbox(options.sandbox)
    console = serve(options.dist)
    driver = start_browser(False, 1280, 900, False, log_capture=not options.no_log_capture)
    soak = Soak(driver, console, sandbox)
    rows = []
    censuses = {}
    try:
        for _ in range(3):
            sandbox.new_job()
        moving = sandbox.new_job()
        sandbox.call("PUT", sandbox.path("approve", moving))
        soak.open_tab("jobs", "/jobs?awaiting=1")
        soak.open_tab("details", f"/jobs/{moving}")
        soak.open_tab("settings", "/settings")
        for tab in soak.tabs:
            soak.on(tab)
            soak.wait(f"{tab} loads", lambda: soak.js("return !!window.__wasmMemory"), 30)
        started = time.time()
        requests_before = sandbox.console_requests()
        for minute in range(1, options.minutes + 1):
            while time.time() < started + minute * 60 - 20:
                if sandbox.waiting() < WAITING_JOBS:
                    sandbox.new_job()
                soak.decide_one()
                time.sleep(random.uniform(4, 8))
            soak.move_details_tab()
            while time.time() < started + minute * 60:
                time.sleep(0.5)
            requests_now = sandbox.console_requests()
            row = {"minute": minute, "requests": requests_now - requests_before}
            requests_before = requests_now
            for tab in soak.tabs:
                soak.no_stuck_states(tab)
                row[tab] = soak.sample(tab)
            soak.check_jobs_tab()
            soak.check_details_tab()
            soak.check_decisions()
            if row["requests"] > MAX_REQUESTS_PER_MINUTE:
                soak.problems.append(f"minute {minute}: the console made {row['requests']} API requests")
            rows.append(row)
            if options.heap_census and minute in (2, options.minutes):
                for tab in soak.tabs:
                    soak.on(tab)
                    censuses.setdefault(tab, []).append(heap_snapshot(driver))
            print(f"minute {minute}: " + ", ".join(f"{tab} wasm {row[tab]['wasm'] // 1024} KiB" for tab in soak.tabs)
                  + f", {row['requests']} API requests by the console", flush=True)
    finally:
        driver.quit()

    print(f"\n{'minute':>6} {'requests':>8} " + " ".join(f"{tab + ' wasm KiB':>18} {'heap KiB':>9} {'DOM':>5}" for tab in soak.tabs))
    for row in rows:
        print(f"{row['minute']:>6} {row['requests']:>8} " + " ".join(
            f"{row[tab]['wasm'] // 1024:>18} {row[tab]['heap'] // 1024:>9} {row[tab]['dom']:>5}" for tab in soak.tabs))
    for tab, (before, after) in ((tab, pair) for tab, pair in censuses.items() if len(pair) == 2):
        print(f"\n{tab}: the heap's kinds of object that grew most from minute 2 to {options.minutes} (bytes, count)")
        for size, count, kind in census_growth(before.census(), after.census()):
            print(f"  {size:>+10} {count:>+7}  {kind}")
        new, held = after.retainers_of_new(before)
        print(f"{tab}: {new} objects new since minute 2; what holds them from before (count, holder, edge, object)")
        for count, holder, edge, kind in held:
            print(f"  {count:>6}  {holder} --{edge}--> {kind}")
        texts_before, texts_after = before.texts(), after.texts()
        grown = sorted(((count - texts_before.get(text, 0), text) for text, count in texts_after.items()), reverse=True)[:15]
        print(f"{tab}: texts held by more strings than at minute 2: {[(count, text) for count, text in grown if count > 0]}")
    warm = rows[0] if len(rows) < 3 else rows[1]
    for tab in soak.tabs:
        grown = rows[-1][tab]["wasm"] - warm[tab]["wasm"]
        if grown > WASM_PAGE:
            soak.problems.append(f"{tab}: wasm memory grew by {grown} bytes after warm-up (more than one 64 KiB page)")
        # From its lowest reading after warm-up: V8 drops compiled code it has not run for a
        # while (in a 60-minute run, about 180 KiB of each tab's heap at minute 10), which
        # would otherwise hide as much growth after it.
        lowest = min(row[tab]["heap"] for row in rows[rows.index(warm):])
        heap_grown = rows[-1][tab]["heap"] / lowest - 1
        if heap_grown > MAX_HEAP_GROWTH:
            soak.problems.append(f"{tab}: the JS heap grew by {heap_grown:.0%} from its lowest after warm-up (more than {MAX_HEAP_GROWTH:.0%})")
    decided = len(soak.decisions)
    print(f"\n{decided} decisions made through the page; {sum('may or may not' in text for _, _, text in soak.decisions)} reported as uncertain")
    if options.json:
        with open(options.json, "w") as file:
            json.dump({"rows": rows, "decisions": soak.decisions, "problems": soak.problems}, file, indent=1)
    if soak.problems:
        print("FAIL soak", *soak.problems, sep="\n  ", file=sys.stderr)
        return 1
    print(f"soak: {options.minutes} minutes, no growth (wasm, JS heap), every page agreed with the API, every decision reported as recorded")
    return 0


if __name__ == "__main__":
    sys.exit(main())
