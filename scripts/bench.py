#!/usr/bin/env python3
"""Figures for comparing commits, printed as a table and written as JSON: the cold-load
download, the API and the console at fleet scale, requests, and memory over round trips.
Timings belong here, never in pass/fail tests.

  bench.py --sandbox URL --dist DIR --size FILE --rendering FILE --json FILE ...

The sandbox must hold a large fleet (scripts/bench starts one with 100,000 jobs) and move
jobs quickly (--speed 1000), so a 100,000-certificate job completes within seconds.
"""
import argparse
import datetime
import json
import os
import pathlib
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (
    CAPTURE_MEMORY,
    Sandbox,
    serve,
    start_browser,
)

CERTIFICATE_ROWS = "section[aria-labelledby='certificates-heading'] .data-table tbody tr"
WAIT_FOR = """
const [selector, done] = [arguments[0], arguments[arguments.length - 1]];
const check = () => document.querySelector(selector) ? done(performance.now()) : requestAnimationFrame(check);
check();
"""

# Counts each timer callback the page runs (its wake-ups by setTimeout and setInterval).
COUNT_WAKEUPS = """
window.__wakeups = 0;
for (const name of ["setTimeout", "setInterval"]) {
  const original = window[name];
  window[name] = (callback, ...rest) => original.call(window, (...args) => { window.__wakeups += 1; return callback(...args); }, ...rest);
}
"""


def machine():
    cpuinfo = pathlib.Path("/proc/cpuinfo").read_text().splitlines()
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), platform.processor())
    chromium = subprocess.run(["chromium", "--version"], capture_output=True, text=True, check=True).stdout.strip()
    return f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, {chromium}"


def commit():
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain"], capture_output=True, text=True, check=True).stdout.strip()
    return head + ("+changes" if dirty else "")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def api_latency(sandbox, path, requests=200, concurrency=4):
    """p50 and p99 in ms of `requests` GETs, `concurrency` at a time, on loopback."""
    timings, lock = [], threading.Lock()

    def worker(count):
        for _ in range(count):
            request = urllib.request.Request(sandbox.url + path, headers={"x-api-key": sandbox.key})
            started = time.perf_counter()
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
                assert response.status == 200, f"{path} answered {response.status}"
            with lock:
                timings.append((time.perf_counter() - started) * 1000)

    threads = [threading.Thread(target=worker, args=(requests // concurrency,)) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"p50_ms": round(percentile(timings, 0.5), 1), "p99_ms": round(percentile(timings, 0.99), 1), "requests": len(timings)}


# Notes when the page hands a file to the browser, and the longest task meanwhile.
CAPTURE_SAVES = """
window.__saved_at = null; window.__longest_task = 0;
const create = URL.createObjectURL;
URL.createObjectURL = (blob) => { window.__saved_at = performance.now(); window.__saved_bytes = blob.size; return create.call(URL, blob); };
new PerformanceObserver((list) => { for (const task of list.getEntries()) window.__longest_task = Math.max(window.__longest_task, task.duration); })
  .observe({ type: "longtask" });
"""
WAITING_COUNT = "batch_status=PENDING_APPROVAL%26sort=-run_date%26limit=1"


def finished_job(sandbox, enrollments, **spec):
    """A finished certificate issuance job of `enrollments`: its id and how many
    certificates it issued (the sandbox fails a few enrollments, as real batches do,
    unless `failure_per_mille` says otherwise)."""
    job = sandbox.call("POST", "/_sandbox/jobs", {"job_type": "BATCH_CERTIFICATE_ISSUANCE", "total": enrollments,
                                                  "requires_approval": False, "status": "EXECUTED", "state": "SUCCESS", **spec}, key=None)
    for _ in range(600):
        details = sandbox.call("GET", sandbox.path("job", job["id"]))
        if details.get("batch_status") == "COMPLETE":
            return job["id"], details["result"]["successful"]
        time.sleep(0.1)
    raise RuntimeError(f"the {enrollments}-enrollment job did not complete")


class Console:
    def __init__(self, driver, url, sandbox):
        self.driver, self.url = driver, url
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CAPTURE_MEMORY})
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": COUNT_WAKEUPS})
        driver.execute_cdp_cmd("Performance.enable", {})
        driver.get(url + "/config.json")
        settings = {"base_url": sandbox.url, "auth_mode": "api-key", "api_key": sandbox.key, "remember": False}
        driver.execute_script("sessionStorage.setItem('jobs-console.connection', arguments[0])", json.dumps(settings))

    def load_until(self, path, selector):
        """ms from navigation start until `selector` is in the page."""
        self.driver.get(self.url + path)
        self.driver.set_script_timeout(60)
        return self.driver.execute_async_script(WAIT_FOR, selector)

    def click_until(self, click_selector, selector):
        self.driver.execute_script("document.querySelector(arguments[0]).click()", click_selector)
        self.driver.execute_async_script(WAIT_FOR, selector)

    def memory(self):
        self.driver.execute_cdp_cmd("HeapProfiler.collectGarbage", {})
        metrics = {m["name"]: m["value"] for m in self.driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]}
        return {"wasm_kib": self.driver.execute_script("return window.__wasmMemory.buffer.byteLength") // 1024,
                "js_heap_kib": int(metrics["JSHeapUsedSize"]) // 1024}


def running_job_requests(driver, dist, slow):
    """Requests for a running job's page over 10 s in view, then over 60 s while another
    tab is in front (the page records that it was hidden meanwhile); and its timer
    wake-ups over the 10 s in view."""
    job = slow.call("POST", "/_sandbox/jobs", {"total": 50_000}, key=None)["id"]
    slow.call("PUT", slow.path("approve", job))
    original = driver.current_window_handle
    driver.switch_to.new_window("tab")
    watched = driver.current_window_handle
    console = Console(driver, serve(dist), slow)
    console.load_until(f"/jobs/{job}", "#facts-heading")
    driver.execute_script("window.__hidden = []; document.addEventListener('visibilitychange', () => window.__hidden.push(document.visibilityState));")

    def count():
        return slow.call("GET", f"/_sandbox/requests?method=GET&path_contains={job}", key=None)["count"]

    start = count()
    driver.execute_script("window.__wakeups = 0")
    time.sleep(10)
    visible = count() - start
    wakeups = driver.execute_script("return window.__wakeups")
    driver.switch_to.new_window("tab")
    start = count()
    time.sleep(60)
    hidden = count() - start
    driver.switch_to.window(watched)
    was_hidden = "hidden" in driver.execute_script("return window.__hidden")
    for handle in driver.window_handles:
        if handle != original:
            driver.switch_to.window(handle)
            driver.close()
    driver.switch_to.window(original)
    return ({"running_job_visible_10_s": visible,
             "running_job_hidden_tab_60_s": hidden if was_hidden else "not measured: the tab was not hidden"}, wakeups)


def export_certificates(console, job):
    """Seconds from the click on *Export certificates* to the file handed to the browser,
    the file's size, and the longest main-thread task meanwhile (ms)."""
    console.load_until(f"/jobs/{job}", CERTIFICATE_ROWS)
    console.driver.execute_script(CAPTURE_SAVES)
    started = console.driver.execute_script(
        "[...document.querySelectorAll('button')].find(b => b.textContent.includes('Export certificates')).click(); return performance.now()")
    console.driver.set_script_timeout(300)
    saved = console.driver.execute_async_script(
        "const done = arguments[arguments.length - 1]; const check = () => window.__saved_at ? done(window.__saved_at) : setTimeout(check, 50); check();")
    return {"seconds": round((saved - started) / 1000, 1), "bytes": console.driver.execute_script("return window.__saved_bytes"),
            "longest_task_ms": round(console.driver.execute_script("return window.__longest_task"))}


def lighthouse(command, url, runs=3):
    """Lighthouse's mobile preset (its default) on `url`: the median of `runs` runs."""
    results = []
    for run in range(runs):
        with tempfile.TemporaryDirectory() as work:
            output = os.path.join(work, "report.json")
            subprocess.run([command, url, "--quiet", "--output=json", f"--output-path={output}",
                            "--only-categories=performance,accessibility,best-practices",
                            "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                           check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
            report = json.loads(pathlib.Path(output).read_text())
        if report.get("runtimeError"):
            raise RuntimeError(f"Lighthouse run {run + 1}: {report['runtimeError']}")
        results.append({
            **{name: round(category["score"] * 100) for name, category in report["categories"].items()},
            "lcp_ms": round(report["audits"]["largest-contentful-paint"]["numericValue"]),
            "tbt_ms": round(report["audits"]["total-blocking-time"]["numericValue"]),
        })
    return {"url": url, "runs": runs, **{key: statistics.median(result[key] for result in results) for key in results[0]}}


def median_ms(runs):
    return round(statistics.median(runs), 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sandbox", required=True)
    parser.add_argument("--dist", required=True)
    parser.add_argument("--size", required=True, help="scripts/bundle-size --json output")
    parser.add_argument("--rendering", required=True, help="the JSON line tests/rendering prints")
    parser.add_argument("--json", required=True)
    parser.add_argument("--slow-sandbox", required=True, help="a sandbox where an approved job runs for minutes")
    parser.add_argument("--lighthouse", required=True, help="the lighthouse command")
    parser.add_argument("--nginx", required=True, help="origin of the reference nginx serving the bundle (proxy mode)")
    options = parser.parse_args()
    sandbox = Sandbox(options.sandbox)
    report = {"date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"), "commit": commit(), "machine": machine()}
    report["size"] = json.loads(pathlib.Path(options.size).read_text())
    report["rendering"] = json.loads(pathlib.Path(options.rendering).read_text())

    jobs_total = sandbox.call("GET", sandbox.path("jobs") + "?limit=1")["total"]
    report["api"] = {
        "jobs_in_sandbox": jobs_total,
        "job_list_limit_100": api_latency(sandbox, sandbox.path("jobs") + "?limit=100&draft=false"),
        "job_list_limit_100_filtered": api_latency(sandbox, sandbox.path("jobs") + "?limit=100&draft=false&job_type=BATCH_DEVICE_REGISTRATION&state=FAILED"),
    }
    (large, large_count), (small, small_count) = finished_job(sandbox, 100_000), finished_job(sandbox, 10)
    exported, _ = finished_job(sandbox, 25_000, failure_per_mille=0)

    driver = start_browser(False, 1280, 900, False)
    try:
        console = Console(driver, serve(options.dist), sandbox)
        runs = 5
        report["console_ms"] = {
            "jobs_table_rendered": median_ms([console.load_until("/jobs", ".data-table tbody tr .job-link") for _ in range(runs)]),
            f"certificates_rendered_job_of_{large_count}": median_ms([console.load_until(f"/jobs/{large}", CERTIFICATE_ROWS) for _ in range(runs)]),
            f"certificates_rendered_job_of_{small_count}": median_ms([console.load_until(f"/jobs/{small}", CERTIFICATE_ROWS) for _ in range(runs)]),
            "runs": runs,
        }

        before = sandbox.console_requests()
        console.load_until("/jobs", ".data-table tbody tr .job-link")
        time.sleep(2)
        cold = sandbox.console_requests() - before
        console.load_until(f"/jobs/{small}", CERTIFICATE_ROWS)
        time.sleep(2)

        def about_job():
            return sandbox.call("GET", f"/_sandbox/requests?method=GET&path_contains={small}", key=None)["count"]

        def count_polls():
            return sandbox.call("GET", f"/_sandbox/requests?method=GET&path_contains={WAITING_COUNT}", key=None)["count"]

        before, polls_before = about_job(), count_polls()
        driver.execute_script("window.__wakeups = 0")
        time.sleep(60)
        idle_wakeups = driver.execute_script("return window.__wakeups")
        finished_requests, polls = about_job() - before, count_polls() - polls_before
        running, running_wakeups = running_job_requests(driver, options.dist, Sandbox(options.slow_sandbox))
        report["requests"] = {"jobs_cold_load": cold, "finished_job_details_60_s": finished_requests,
                              "waiting_count_polls_60_s": polls, **running}
        report["timer_wakeups"] = {"finished_job_details_60_s": idle_wakeups, "of_which_waiting_count_polls": polls,
                                   "running_job_visible_10_s": running_wakeups}
        report["export_25000_certificates"] = export_certificates(console, exported)

        console.load_until("/jobs?state=COMPLETED", ".data-table tbody tr .job-link")
        driver.set_script_timeout(30)
        memory = {}
        for trip in range(1, 201):
            try:
                console.click_until(".data-table tbody tr .job-link", "#facts-heading")
                console.click_until("header nav a[href$='/jobs']", ".data-table tbody tr .job-link")
            except Exception as error:
                shown = driver.execute_script("return document.querySelector('main').innerText.slice(0, 300)")
                raise RuntimeError(f"round trip {trip} of 200 did not arrive (at {driver.current_url}; the page shows: {shown})") from error
            if trip in (20, 200):
                memory[f"after_{trip}"] = console.memory()
        report["memory_round_trips"] = memory
    finally:
        driver.quit()

    report["lighthouse"] = lighthouse(options.lighthouse, options.nginx + "/jobs")
    with open(options.json, "w") as file:
        json.dump(report, file, indent=1)
    print_table(report)


def print_table(report):
    print(f"\njobs-console bench, {report['date']}, commit {report['commit']}\n{report['machine']}\n")
    size = report["size"]
    for row in size["files"]:
        print(f"  size {row['file']:<44} {row['raw']:>8} raw {row['gzip']:>8} gzip {row['brotli'] or '-':>8} brotli")
    print(f"  size cold load total {'':<28} {size['total']['raw']:>8} raw {size['total']['gzip']:>8} gzip {size['total']['brotli']:>8} brotli")
    for row in size.get("languages", []):
        print(f"  size + {row['file']:<42} {row['raw']:>8} raw {row['gzip']:>8} gzip {row['brotli'] or '-':>8} brotli")
    api = report["api"]
    for name in ("job_list_limit_100", "job_list_limit_100_filtered"):
        print(f"  API {name:<40} p50 {api[name]['p50_ms']:>6} ms  p99 {api[name]['p99_ms']:>6} ms  ({api[name]['requests']} requests, {api['jobs_in_sandbox']} jobs)")
    for name, value in report["console_ms"].items():
        if name != "runs":
            print(f"  console {name:<36} {value:>8} ms from navigation (median of {report['console_ms']['runs']})")
    for name, value in report["requests"].items():
        print(f"  requests {name:<35} {value}")
    for name, value in report["memory_round_trips"].items():
        print(f"  memory {name:<37} wasm {value['wasm_kib']} KiB, JS heap {value['js_heap_kib']} KiB")
    for name, value in report["timer_wakeups"].items():
        print(f"  timer wake-ups {name:<29} {value}")
    export = report["export_25000_certificates"]
    print(f"  export 25,000 certificates (CSV)             {export['seconds']} s, {export['bytes']} bytes, longest task {export['longest_task_ms']} ms")
    rendering = report["rendering"]
    for row in rendering["operations"]:
        print(f"  rendering {row['operation']:<33} console {row['console_ms']:>7} ms  web-sys {row['baseline_ms']:>7} ms  "
              f"ratio {row['ratio']:.2f}  (median of {rendering['runs']})")
    lh = report["lighthouse"]
    print(f"  Lighthouse (mobile, median of {lh['runs']})          performance {lh['performance']}, accessibility {lh['accessibility']}, "
          f"best practices {lh['best-practices']}, LCP {lh['lcp_ms']} ms, TBT {lh['tbt_ms']} ms  ({lh['url']})")


if __name__ == "__main__":
    main()
