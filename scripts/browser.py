#!/usr/bin/env python3
"""Drives a browser with Selenium: headless Chromium (the default), headless Firefox ESR or
WebKitGTK (--browser), each from Debian with its WebDriver.

Loads a console URL, optionally with connection settings stored first, waits for a CSS
selector, then fails on any page error: an uncaught exception, a console error, a
Content-Security-Policy violation (where the engine's driver reports them: see
harness.start_browser), or the console's crash page. Can click a link, approve a job
through its confirmation, and save a screenshot.

  browser.py URL --expect CSS [--browser ENGINE] [--api-key KEY] [--base-url URL] [--screenshot FILE]
             [--width W --height H] [--dark] [--phone [WIDTH]] [--steady] [--click CSS [--then-expect CSS]] [--exhaust-history]
             [--round-trips N]
             [--approve] [--page-module-unreachable] [--intl-after-requests] [--report-transfer] [--allow-console-error TEXT] [--basic-auth USER:PASSWORD] [--insecure]
"""
import argparse
import base64
import json
import os
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ENGINES, appears, console_errors, page_problems, start_browser
from selenium.common.exceptions import NoSuchFrameException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

# History entries until the browser takes no more (Chromium ignores them beyond 200 within
# 10 seconds, WebKit refuses them beyond 100): a click after them must still open its page.
EXHAUST_HISTORY = """const here = location.href;
for (let step = 0; step < 1000; step++) {
    const marked = here + (here.includes('?') ? '&' : '?') + 'step=' + step;
    try { history.pushState(null, '', marked); } catch (e) { break; }
    if (location.href !== marked) break;
}"""

# Round trips as fast as the pages come: a job link clicked (a different row each time),
# its job's page awaited, the Jobs link clicked, the list awaited. Each click must open
# its own job. Answers [trips done, milliseconds] or the failure.
ROUND_TRIPS = """const [trips, done] = [arguments[0], arguments[arguments.length - 1]];
const until = (what, test) => new Promise((resolve, reject) => {
    const started = performance.now();
    const poll = () => {
        const found = test();
        if (found) resolve(found);
        else if (performance.now() - started > 10000) reject(new Error(what + ' (at ' + location.href + ')'));
        else setTimeout(poll, 1);
    };
    poll();
});
(async () => {
    const started = performance.now();
    for (let trip = 1; trip <= trips; trip++) {
        const links = await until('the list after ' + (trip - 1) + ' round trips',
            () => { const links = document.querySelectorAll('.data-table tbody tr .job-link'); return links.length && links; });
        const link = links[trip % links.length];
        const id = link.textContent;
        link.click();
        await until('click ' + trip + ' opening job ' + id,
            () => document.querySelector('#facts-heading') && document.querySelector('main h1').textContent.includes(id));
        document.querySelector("header nav a[href$='/jobs']").click();
    }
    return [trips, Math.round(performance.now() - started)];
})().then(done, error => done(String(error)));"""

# A trap of the console's WebAssembly, from a timer, as a panic ends in one: an allocation
# no layout allows makes wasm-bindgen's allocator abort, which runs no panic hook: only the
# trap shows. `initSync` answers the running instance's exports. The
# timer calls the export itself: Firefox (ESR, geckodriver 0.37.1) does not report to the
# page an error thrown in a function this script would make.
TRAP = "const exports = window.wasmBindings.initSync(); setTimeout(exports.__wbindgen_malloc, 0, 1, 3)"

# Layout shifts as Chromium reports them from the page's first paint on. Every one counts:
# under ChromeDriver 156 a load's shifts come marked hadRecentInput (Lighthouse's CLS counts
# them), and these runs give no input of their own.
LAYOUT_SHIFTS = """window.__layoutShifts = [];
new PerformanceObserver(list => {
    for (const shift of list.getEntries()) {
        const moved = shift.sources.map(source => source.node
            ? source.node.nodeName.toLowerCase() + (source.node.className ? '.' + source.node.className : '') : '?');
        window.__layoutShifts.push([shift.value, moved.join(', ')]);
    }
}).observe({type: 'layout-shift', buffered: true});"""
# What a page's load may shift in all (Lighthouse rates 0.1 as the limit of "good").
LAYOUT_SHIFT_BUDGET = 0.01
# When the page made its first Intl formatter, and which: Chromium 156's first one costs
# 45-55 ms (the locale data), which must not hold back the first API request.
INTL_FORMATTERS = """window.__firstIntlFormatter = null;
for (const kind of ['DateTimeFormat', 'NumberFormat', 'RelativeTimeFormat']) {
    Intl[kind] = new Proxy(Intl[kind], {construct(target, args) {
        window.__firstIntlFormatter ??= [performance.now(), kind];
        return Reflect.construct(target, args);
    }});
}"""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url")
    parser.add_argument("--expect", required=True, help="CSS selector that must appear")
    parser.add_argument("--browser", choices=ENGINES, default="chromium")
    parser.add_argument("--api-key")
    parser.add_argument("--language", help="the language the operator chose in Settings (a tag of locales/)")
    parser.add_argument("--base-url", default="")
    parser.add_argument("--proxy-mode", action="store_true", help="store settings for proxy authentication")
    parser.add_argument("--screenshot")
    parser.add_argument("--click", help="CSS selector to click once loaded, before the screenshot")
    parser.add_argument("--then-expect", help="CSS selector that must appear after the click")
    parser.add_argument("--exhaust-history", action="store_true",
                        help="before the click, add history entries until the browser takes no more")
    parser.add_argument("--round-trips", type=int, default=0,
                        help="once loaded, this many rapid round trips from a job link to its job and back to the list")
    parser.add_argument("--approve", action="store_true",
                        help="once loaded, approve the first job offered, through its confirmation, and wait for the 204")
    parser.add_argument("--trap", action="store_true",
                        help="once loaded, make the console's WebAssembly trap (as a panic or an abort ends): the "
                             "crash page must say so, and its reload link bring the page back")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--phone", type=int, nargs="?", const=360, metavar="WIDTH",
                        help="a phone, 360 px wide unless WIDTH is given: the page must not scroll sideways, and every "
                             "element --expect matches must lie within the screen's width")
    parser.add_argument("--steady", action="store_true",
                        help=f"(Chromium) under a 150 ms round trip, what loads must not move what is on screen: layout "
                             f"shifts over {LAYOUT_SHIFT_BUDGET} in all, until a second after --expect appears")
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--page-module-unreachable", action="store_true",
                        help="check that the page fetched no page's wasm module, then open the first job while "
                             "its module cannot be fetched, then try again once it can (Chromium)")
    parser.add_argument("--intl-after-requests", action="store_true",
                        help="fail if an Intl formatter is made before the first API request is sent (Chromium)")
    parser.add_argument("--report-transfer", action="store_true",
                        help="print the bytes transferred for every file the page loaded")
    parser.add_argument("--allow-console-error", action="append", default=[],
                        help="ignore console errors containing this text (expected failed requests)")
    parser.add_argument("--basic-auth", help="USER:PASSWORD sent as HTTP Basic authentication on every request")
    parser.add_argument("--insecure", action="store_true", help="accept a self-signed TLS certificate")
    options = parser.parse_args()

    if options.browser != "chromium" and options.basic_auth:
        parser.error("--basic-auth sets headers through Chromium's DevTools protocol: Chromium only")
    if options.phone and options.browser == "webkit":
        parser.error("--phone: WebKitGTK's MiniBrowser keeps its window at least 447 px wide and "
                     "WebKitWebDriver emulates no device")
    width, height = (options.phone, 800) if options.phone else (options.width, options.height)
    driver = start_browser(options.dark, width, height, options.insecure, options.browser)
    allowed = list(options.allow_console_error)
    try:
        if options.basic_auth:
            driver.execute_cdp_cmd("Network.enable", {})
            token = base64.b64encode(options.basic_auth.encode()).decode()
            driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"Authorization": f"Basic {token}"}})
        if options.api_key is not None or options.proxy_mode:
            # Settings live in sessionStorage of the console's origin. Store them from a small
            # file of that origin, so the console's own load below is a cold one.
            origin = urllib.parse.urlsplit(options.url)
            driver.get(f"{origin.scheme}://{origin.netloc}/config.json")
            settings = {"base_url": options.base_url, "auth_mode": "proxy" if options.proxy_mode else "api-key",
                        "api_key": options.api_key or "", "remember": False}
            driver.execute_script("sessionStorage.setItem('jobs-console.connection', arguments[0])", json.dumps(settings))
            if options.language:
                driver.execute_script("localStorage.setItem('jobs-console.language', arguments[0])", options.language)
            console_errors(driver)  # reading the log empties it: only the console's own load counts
            # The JSON page has no icon, so the browser asks for /favicon.ico, which the reference
            # nginx answers 404; that answer may be logged after the log was read. (The
            # console's pages name their icon and never ask for /favicon.ico.)
            allowed.append(f"{origin.scheme}://{origin.netloc}/favicon.ico - Failed to load resource")
        steady = options.steady and options.browser == "chromium"
        if options.phone and options.browser == "chromium":
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": width, "height": height, "deviceScaleFactor": 2, "mobile": True})
        intl = options.intl_after_requests and options.browser == "chromium"
        if intl:
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": INTL_FORMATTERS})
        if steady:
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LAYOUT_SHIFTS})
            # A mobile network's round trip (Lighthouse's 150 ms): the page is painted before
            # the API's answers come, and they must not move it.
            driver.execute_cdp_cmd("Network.enable", {})
            driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                                   {"offline": False, "latency": 150, "downloadThroughput": -1, "uploadThroughput": -1})
        driver.get(options.url)
        found = appears(driver, options.expect, options.timeout)
        shifts = None
        if steady and found:
            time.sleep(1)  # what is still on its way (the count of jobs waiting, a second table) has come
            shifts = driver.execute_script("return window.__layoutShifts")
        followed = True
        if options.click and found:
            if options.exhaust_history:
                driver.execute_script(EXHAUST_HISTORY)
            driver.execute_script("document.querySelector(arguments[0]).click()", options.click)
            followed = appears(driver, options.then_expect, options.timeout) if options.then_expect else True
            time.sleep(0.5)  # let the page settle before the screenshot
        round_trips = None
        if options.round_trips and found:
            driver.set_script_timeout(600)
            try:
                round_trips = driver.execute_async_script(ROUND_TRIPS, options.round_trips)
            except NoSuchFrameException as error:  # the page was left: a click loaded a new one
                round_trips = f"the page unloaded before the round trips ended ({error.msg})"
        approved = approve_first_job(driver, options.timeout) if options.approve and found else None
        recovered = trap_and_reload(driver, options.expect, options.timeout) if options.trap and found else None
        if recovered is not None:
            # What the trap was bound to cause: the browser's report of it, and the crash page.
            allowed += ["RuntimeError", "the console showed its crash page"]
        module_check = None
        if options.page_module_unreachable and options.browser == "chromium" and found:
            module_check = page_module_unreachable(driver, options.timeout)
            # What the blocked fetch was bound to cause: the browser's report, the loader's.
            allowed += ["net::ERR_BLOCKED_BY_CLIENT", "Failed to fetch"]
        time.sleep(0.3)
        if options.screenshot:
            driver.save_screenshot(options.screenshot)
        if options.report_transfer:
            entries = driver.execute_script("""return performance.getEntriesByType('navigation')
                .concat(performance.getEntriesByType('resource'))
                .map(e => [e.name, e.transferSize, e.decodedBodySize])""")
            for name, transferred, decoded in entries:
                print(f"  {transferred:>8} bytes transferred ({decoded:>8} decoded)  {name}")
            api = sum(t for n, t, _ in entries if is_api(n))
            total = sum(t for _, t, _ in entries)
            print(f"  {total - api:>8} bytes for the console's files, {api} for API responses, {total} in all")
        problems = [message for message in page_problems(driver) if not any(text in message for text in allowed)]
        if intl and found:
            problems += intl_before_requests(driver)
        if not found:
            problems.append(f"'{options.expect}' did not appear within {options.timeout} s")
        if options.phone and found:
            # Against the screen's width: a mobile browser widens its layout viewport (and
            # innerWidth) to fit a page that is too wide.
            # Firefox shows the narrow page in a wider desktop window (harness.start_firefox).
            width, scroll_width, rights = driver.execute_script(
                "return [arguments[1] ? screen.width : innerWidth, document.documentElement.scrollWidth,"
                " [...document.querySelectorAll(arguments[0])].map(e => e.getBoundingClientRect().right)]",
                options.expect, options.browser == "chromium")
            if scroll_width > width:
                problems.append(f"on a {width} px phone the page is {scroll_width} px wide: it scrolls sideways")
            outside = [right for right in rights if right > width]
            if outside:
                problems.append(f"{len(outside)} of {len(rights)} '{options.expect}' reach past the {width} px screen")
            else:
                print(f"  ok: at {width} px no sideways scroll; all {len(rights)} '{options.expect}' within the screen")
        if shifts is not None:
            total = sum(value for value, _ in shifts)
            if total > LAYOUT_SHIFT_BUDGET:
                moved = "; ".join(f"{value:.3f}: {what}" for value, what in shifts)
                problems.append(f"at {width} px the load shifts the layout by {total:.3f}"
                                f" (budget {LAYOUT_SHIFT_BUDGET}): {moved}")
            else:
                print(f"  ok: at {width} px the load shifts the layout by {total:.4f} in all")
        if not followed:
            problems.append(f"after clicking '{options.click}', '{options.then_expect}' did not appear"
                            f" (the page is at {driver.current_url})")
        if isinstance(round_trips, list):
            print(f"  ok: {round_trips[0]} round trips from a job link to its job and back in {round_trips[1]} ms")
        elif round_trips is not None:
            problems.append(f"rapid round trips: {round_trips}")
        if approved is not None:
            if approved:
                print(f"  ok: {approved}")
            else:
                problems.append("approving the first job offered did not end in its confirmation")
        for checked in (recovered, module_check):
            if checked is None:
                continue
            if checked.startswith("ok"):
                print(f"  {checked}")
            else:
                problems.append(checked)
        if problems:
            print(f"FAIL ({options.browser}) " + options.url, *problems, sep="\n  ", file=sys.stderr)
            return 1
        print(f"ok ({options.browser}): {options.url} shows '{options.expect}' with no page error")
        return 0
    finally:
        driver.quit()


def is_api(url):
    """Whether a request the page made went to DigiCert ONE's API (through this origin)."""
    return "/devicetrustmanager/" in url or "/iot/" in url


def intl_before_requests(driver):
    """The problem if the page made an Intl formatter before it sent its first API request."""
    first_intl, resources = driver.execute_script("""return [window.__firstIntlFormatter,
        performance.getEntriesByType('resource').map(e => [e.name, e.startTime])]""")
    first_request = min((start for name, start in resources if is_api(name)), default=None)
    if first_intl is None or first_request is None:
        return [f"no Intl formatter ({first_intl}) or no API request ({first_request}) to compare"]
    made_at, kind = first_intl
    if made_at < first_request:
        return [f"Intl.{kind} was made at {made_at:.0f} ms, before the first API request was sent at {first_request:.0f} ms"]
    print(f"  ok: the first Intl formatter (Intl.{kind}) was made at {made_at:.0f} ms,"
          f" after the first API request was sent at {first_request:.0f} ms")
    return []


def trap_and_reload(driver, expect, timeout):
    """Makes the console trap, then reads the crash page and follows its reload link:
    "ok: ..." or what went wrong."""
    driver.execute_script(TRAP)
    if not appears(driver, ".crash[role='alert'] a[href]", timeout):
        return "after a trap of its WebAssembly the console showed no crash page with a reload link"
    crash = driver.find_element(By.CSS_SELECTOR, ".crash")
    said, heading = crash.text, crash.find_element(By.TAG_NAME, "h1").text
    if "unreachable" not in said.lower():
        return f"the crash page does not give the trap's message: {said!r}"
    driver.find_element(By.CSS_SELECTOR, ".crash a[href]").click()
    try:
        WebDriverWait(driver, timeout).until(expected_conditions.staleness_of(crash))
    except TimeoutException:
        return "the crash page's reload link did not load the page again"
    if not appears(driver, expect, timeout):
        return f"after the crash page's reload link, '{expect}' did not appear"
    return f"ok: a trap showed the crash page ({heading!r}), and its reload link brought '{expect}' back"


# The pages' wasm modules and the chunks they share (scripts/build-release), not the shell's.
PAGE_MODULES = ["*/split_*.wasm", "*/chunk_*.wasm"]


def page_module_unreachable(driver, timeout):
    """Checks the cold load fetched no page's module, opens the first job while no page
    module can be fetched, reads the message, lets them through and tries again: "ok: ..."
    or what went wrong."""
    fetched = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => /\\/(split|chunk)_[^/]*\\.wasm$/.test(n))")
    if fetched:
        return f"the page fetched page modules it does not show: {fetched}"
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": PAGE_MODULES})
    driver.execute_script("document.querySelector('.data-table tbody tr .job-link').click()")
    if not appears(driver, "main .error-panel[role='alert'] button", timeout):
        return "with the page's module unreachable, a job's page showed no message with a button to try again"
    said = driver.find_element(By.CSS_SELECTOR, "main .error-panel").text
    if "could not be loaded" not in said:
        return f"with the page's module unreachable, the message does not say the page could not be loaded: {said!r}"
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
    driver.find_element(By.CSS_SELECTOR, "main .error-panel button").click()
    if not appears(driver, "#facts-heading", timeout):
        return "once the page's module could be fetched, Try again did not open the job"
    return f"ok: no page module in the cold load; unreachable, the job's page said {said.splitlines()[0]!r}; Try again opened it"


def approve_first_job(driver, timeout):
    """Approves the first job offered as a user would (its button, the dialog's confirm
    button) and waits for the console to say so: what it said, or "" when it did not."""
    button = driver.find_element(By.CSS_SELECTOR, "button[aria-label^='Approve job']")
    job_id = button.get_attribute("aria-label").removeprefix("Approve job ")
    button.click()
    WebDriverWait(driver, timeout).until(lambda d: d.find_elements(By.CSS_SELECTOR, "dialog[open]"))
    driver.find_element(By.CSS_SELECTOR, "dialog[open] .actions button:last-child").click()
    said = f"Job {job_id} approved."
    try:
        WebDriverWait(driver, timeout).until(lambda d: said in d.find_element(By.TAG_NAME, "body").text)
    except Exception:  # noqa: BLE001 - a timeout: reported by the caller
        return ""
    return said


if __name__ == "__main__":
    sys.exit(main())
