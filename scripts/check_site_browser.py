"""Open the built site in headless Chromium as a reader would, and report what a test of the HTML cannot see.

    python scripts/check_site_browser.py                 every chapter, student edition
    python scripts/check_site_browser.py --all           every page of the site
    python scripts/check_site_browser.py --edition instructor

It builds the site, serves it on 127.0.0.1, and opens each page in a 1280x800 window of Debian's `chromium`
(`apt-get install chromium`), driven through the DevTools protocol over a pipe, so no Python package is needed.
The site is served below a sub-path, as GitHub Pages serves it. With every tab panel and collapsed block opened,
it reports each code block whose content is wider than the block (the reader must scroll sideways), every request
the pages make to a host other than 127.0.0.1, and every part of a page that fails to load, on each page and on
the 404 page a missing address shows. Exit status 0 when there is nothing to report, 1 otherwise, 2 when Chromium
is missing.
"""

import argparse
import fcntl
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.manifest import load_stages  # noqa: E402

WIDTH, HEIGHT = 1280, 800
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--remote-debugging-pipe",
                  f"--window-size={WIDTH},{HEIGHT}"]
LOCAL_SCHEMES = ("data", "blob", "about", "chrome", "devtools")
# Hidden tab panels and closed <details> have no width: show them all before measuring.
MEASURE = """(() => {
  for (const details of document.querySelectorAll('details')) details.open = true;
  const style = document.createElement('style');
  style.textContent = '.tabbed-block { display: block !important; }';
  document.head.appendChild(style);
  const found = [];
  for (const code of document.querySelectorAll('pre > code')) {
    if (code.clientWidth === 0 || code.scrollWidth <= code.clientWidth) continue;
    const box = code.closest('.highlight') || code.parentElement;
    const title = box.querySelector('.filename');
    const lines = code.innerText.split('\\n');
    found.push({title: title ? title.innerText : '', first: lines[0].slice(0, 60),
                widest: Math.max(...lines.map(line => line.length)),
                scroll: code.scrollWidth, client: code.clientWidth});
  }
  return JSON.stringify(found);
})()"""
# Served below a sub-path, as GitHub Pages serves a project site; a missing page shows the site's 404 page.
PREFIX = "/flask-api-course"
MISSING_PAGE = "/no/such/page/"
PAGE_WAIT = 15.0
SETTLE = 0.5


def high_fd(fd: int) -> int:
    """A copy of fd numbered 10 or more (the original is closed)."""
    copy = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return copy


class Chromium:
    """A headless Chromium driven over --remote-debugging-pipe: one JSON message per NUL-terminated chunk."""

    def __init__(self, binary: str, profile: Path):
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()
        # The child's ends move above 4, so that placing them at 3 and 4 cannot close one of them.
        to_browser_read, from_browser_write = (high_fd(fd) for fd in (to_browser_read, from_browser_write))
        # Chromium reads commands on fd 3 and writes answers on fd 4.
        shell = f'exec "$@" 3<&{to_browser_read} 4>&{from_browser_write} {to_browser_read}<&- {from_browser_write}>&-'
        self.process = subprocess.Popen(
            ["bash", "-c", shell, "chromium", binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            pass_fds=(to_browser_read, from_browser_write), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def _read_message(self) -> dict:
        """The next message from the browser."""
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        """Send one command and return its result; events that arrive meanwhile are kept in self.events."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read_message()
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_for_event(self, method: str, seconds: float) -> bool:
        """Wait until an event of that name has arrived (it may have already); False on timeout."""
        deadline = time.monotonic() + seconds
        while not any(event.get("method") == method for event in self.events):
            if time.monotonic() > deadline:
                return False
            self.send("Browser.getVersion")  # a round trip: events queued before its answer arrive with it
            time.sleep(0.05)
        return True

    def close(self) -> None:
        """Ask the browser to quit, then make sure it has."""
        try:
            self.send("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self._to_browser)
        os.close(self._from_browser)


def build(destination: Path, edition: str, site_url: str) -> None:
    """Build the site strictly into destination, addressed at site_url."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", COURSE_EDITION=edition, SITE_URL=site_url)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(destination)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed:\n{result.stdout}{result.stderr}")


def serve(folder: Path) -> http.server.ThreadingHTTPServer:
    """Serve folder below PREFIX on a free loopback port, in a background thread."""
    handler = functools.partial(PagesHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serve the site below PREFIX, and 404.html with status 404 for a missing page, as GitHub Pages does."""

    def translate_path(self, path):
        """The file for a path below PREFIX; a path elsewhere names no file."""
        if not path.startswith(PREFIX + "/"):
            return str(Path(self.directory) / "no such file")
        return super().translate_path(path[len(PREFIX):])

    def send_error(self, code, message=None, explain=None):
        """Answer a missing file with the site's own 404 page."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        """Stay quiet."""


def page_paths(site: Path, every_page: bool) -> list[str]:
    """The paths to open: each chapter in course order, or every page of the site."""
    if every_page:
        return sorted("/" + str(page.parent.relative_to(site)).removeprefix(".") + "/" if page.name == "index.html"
                      else "/" + str(page.relative_to(site)) for page in site.rglob("*.html")
                      if page.name != "404.html")
    return ["/" + stage.chapter.removesuffix(".md") + "/" for stage in load_stages()]


def outside_requests(events: list[dict]) -> list[str]:
    """The URLs of requests to any host but 127.0.0.1."""
    urls = [event["params"]["request"]["url"] for event in events if event.get("method") == "Network.requestWillBeSent"]
    return [url for url in urls if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).hostname != "127.0.0.1"]


def failed_assets(events: list[dict]) -> list[str]:
    """Stylesheets, scripts, images and other parts of the page that answered with an error or not at all."""
    urls = {event["params"]["requestId"]: event["params"]["request"]["url"] for event in events
            if event.get("method") == "Network.requestWillBeSent"}
    failed = []
    for event in events:
        params = event.get("params", {})
        if params.get("type") == "Document":
            continue
        if event.get("method") == "Network.responseReceived" and params["response"]["status"] >= 400:
            failed.append(f"{params['response']['status']} {params['response']['url']}")
        elif event.get("method") == "Network.loadingFailed" and not params.get("canceled"):
            failed.append(f"{params.get('errorText')} {urls.get(params['requestId'], '?')}")
    return failed


def check_page(browser: Chromium, session: str, url: str) -> tuple[list[dict], list[str]]:
    """Open one page; return its code blocks that scroll sideways and its other problems."""
    browser.events.clear()
    browser.send("Page.navigate", {"url": url}, session)
    if not browser.wait_for_event("Page.loadEventFired", PAGE_WAIT):
        raise RuntimeError(f"{url} did not finish loading in {PAGE_WAIT:.0f} s")
    time.sleep(SETTLE)
    result = browser.send("Runtime.evaluate", {"expression": MEASURE, "returnByValue": True}, session)
    blocks = json.loads(result["result"]["value"])
    browser.send("Browser.getVersion")
    problems = [f"request to an outside host: {url}" for url in outside_requests(browser.events)]
    problems += [f"part of the page failed to load: {asset}" for asset in failed_assets(browser.events)]
    return blocks, problems


def main(argv: list[str]) -> int:
    """Build, serve, open every page and print the findings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="open every page, not only the chapters")
    parser.add_argument("--edition", choices=("student", "instructor"), default="student")
    options = parser.parse_args(argv)
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if not binary:
        print("chromium is not installed (Debian: apt-get install chromium)", file=sys.stderr)
        return 2
    findings = 0
    with tempfile.TemporaryDirectory(prefix="site-browser-") as scratch:
        site = Path(scratch) / "site"
        server = serve(site)
        base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
        build(site, options.edition, base + "/")
        browser = Chromium(binary, Path(scratch) / "profile")
        try:
            target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for method in ("Network.enable", "Page.enable"):
                browser.send(method, {}, session)
            browser.send("Emulation.setDeviceMetricsOverride",
                         {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False}, session)
            for path in page_paths(site, options.all) + [MISSING_PAGE]:
                blocks, problems = check_page(browser, session, base + path)
                for block in blocks:
                    print(f"{path}: code scrolls sideways ({block['widest']} columns, {block['scroll']} px in "
                          f"{block['client']} px) {block['title'] or '(no title)'}: {block['first']!r}")
                for problem in problems:
                    print(f"{path}: {problem}")
                findings += len(blocks) + len(problems)
                print(f"{path}: {len(blocks)} wide code blocks, {len(problems)} other problems", file=sys.stderr)
        finally:
            browser.close()
            server.shutdown()
    print(f"{findings} findings")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
