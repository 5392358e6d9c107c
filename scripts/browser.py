#!/usr/bin/env python3
"""Drives headless Chromium with Selenium (Debian's Chromium and ChromeDriver).

Loads a console URL, optionally with connection settings stored first, waits for a CSS
selector, then fails on any page error: an uncaught exception, a console error, a
Content-Security-Policy violation, or the console's crash page. Can save a screenshot.

  browser.py URL --expect CSS [--api-key KEY] [--base-url URL] [--screenshot FILE]
             [--width W --height H] [--dark] [--click CSS [--then-expect CSS]] [--report-transfer]
             [--allow-console-error TEXT] [--basic-auth USER:PASSWORD] [--insecure]
"""
import argparse
import base64
import json
import os
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import appears, console_errors, start_browser
from selenium.webdriver.common.by import By


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
    parser.add_argument("--phone", action="store_true",
                        help="a 360 px wide phone: the page must not scroll sideways, and every element --expect "
                             "matches must lie within the screen's width")
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--report-transfer", action="store_true",
                        help="print the bytes transferred for every file the page loaded")
    parser.add_argument("--allow-console-error", action="append", default=[],
                        help="ignore console errors containing this text (expected failed requests)")
    parser.add_argument("--basic-auth", help="USER:PASSWORD sent as HTTP Basic authentication on every request")
    parser.add_argument("--insecure", action="store_true", help="accept a self-signed TLS certificate")
    options = parser.parse_args()

    driver = start_browser(options.dark, options.width, options.height, options.insecure)
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
            console_errors(driver)  # reading the log empties it: only the console's own load counts
        if options.phone:
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": 360, "height": 800, "deviceScaleFactor": 2, "mobile": True})
        driver.get(options.url)
        found = appears(driver, options.expect, options.timeout)
        followed = True
        if options.click and found:
            driver.execute_script("document.querySelector(arguments[0]).click()", options.click)
            followed = appears(driver, options.then_expect, options.timeout) if options.then_expect else True
            time.sleep(0.5)  # let the page settle before the screenshot
        time.sleep(0.3)
        if options.screenshot:
            driver.save_screenshot(options.screenshot)
        if options.report_transfer:
            entries = driver.execute_script("""return performance.getEntriesByType('navigation')
                .concat(performance.getEntriesByType('resource'))
                .map(e => [e.name, e.transferSize, e.decodedBodySize])""")
            for name, transferred, decoded in entries:
                print(f"  {transferred:>8} bytes transferred ({decoded:>8} decoded)  {name}")
            api = sum(t for n, t, _ in entries if "/devicetrustmanager/" in n or "/iot/" in n)
            total = sum(t for _, t, _ in entries)
            print(f"  {total - api:>8} bytes for the console's files, {api} for API responses, {total} in all")
        problems = driver.execute_script("return window.__pageErrors || []") or []
        problems += [message for message in console_errors(driver)
                     if not any(allowed in message for allowed in options.allow_console_error)]
        if driver.find_elements(By.CSS_SELECTOR, ".crash"):
            problems.append("the console showed its crash page: " + driver.find_element(By.CSS_SELECTOR, ".crash").text)
        if not found:
            problems.append(f"'{options.expect}' did not appear within {options.timeout} s")
        if options.phone and found:
            # Against the screen's 360 px: a mobile browser widens its layout viewport (and
            # innerWidth) to fit a page that is too wide.
            width, scroll_width, rights = driver.execute_script(
                "return [screen.width, document.documentElement.scrollWidth,"
                " [...document.querySelectorAll(arguments[0])].map(e => e.getBoundingClientRect().right)]", options.expect)
            if scroll_width > width:
                problems.append(f"on a {width} px phone the page is {scroll_width} px wide: it scrolls sideways")
            outside = [right for right in rights if right > width]
            if outside:
                problems.append(f"{len(outside)} of {len(rights)} '{options.expect}' reach past the {width} px screen")
            else:
                print(f"  ok: at {width} px no sideways scroll; all {len(rights)} '{options.expect}' within the screen")
        if not followed:
            problems.append(f"after clicking '{options.click}', '{options.then_expect}' did not appear"
                            f" (the page is at {driver.current_url})")
        if problems:
            print("FAIL " + options.url, *problems, sep="\n  ", file=sys.stderr)
            return 1
        print(f"ok: {options.url} shows '{options.expect}' with no page error")
        return 0
    finally:
        driver.quit()


if __name__ == "__main__":
    sys.exit(main())
