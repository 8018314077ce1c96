"""Stage 15 · Abuse stays expensive (the login limit, per-user caches), the code passes static analysis, and the
review is written down in SECURITY.md."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import expect
from security_steps import COLLECTION, create, listed_titles, upgraded, user

REVIEW_AREAS = 10


@pytest.mark.app_config({"RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "3 per minute"})
@pytest.mark.hint("Keep stage 11's login limit per address, and TRUSTED_PROXIES 0 outside production: a client that "
                  "sends a new X-Forwarded-For with each guess is still one address.", section="abuse-limits-and-caches")
def test_forwarded_headers_do_not_bypass_the_login_limit(runner, client):
    """Sending a new X-Forwarded-For with every login does not escape the login limit"""
    upgraded(runner)
    codes = []
    for number in range(5):
        response = client.post("/auth/login", json={"username": "nobody", "password": "guess"},
                               headers={"X-Forwarded-For": f"203.0.113.{number + 1}"})
        codes.append(response.status_code)
    expect.that(429 in codes, "a 429 within five logins (limit 3 per minute) despite a new X-Forwarded-For each time",
                f"statuses {codes}")


@pytest.mark.app_config({"CACHE_TYPE": "SimpleCache"})
@pytest.mark.hint("Stage 12's cache key names the user: with owners, a list cached for one user is another user's "
                  "data.", section="abuse-limits-and-caches")
def test_cached_lists_are_per_user(runner, client):
    """With the cache on, one user's cached list is never served to another user"""
    upgraded(runner)
    alice, bob = user(client, "alice"), user(client, "bob")
    create(client, alice, "Alice's secret")
    listed_titles(client, alice, "alice")
    titles = listed_titles(client, alice, "alice (a second time: from the cache)")
    expect.equal(titles, ["Alice's secret"], "alice's list")
    expect.equal(listed_titles(client, bob, "bob, after alice's list was cached"), [],
                 f"bob's GET {COLLECTION} (he has no tasks)")


@pytest.mark.hint("Run `bandit -r app -ll` in the stage folder and fix what it reports at medium or high severity.",
                  section="static-analysis-with-bandit")
def test_bandit_finds_nothing_serious(request):
    """bandit -r app -ll (static analysis) reports no medium or high severity issue"""
    folder = Path(request.config.getoption("target"))
    # bandit reads the code; it never imports or runs it, so it is safe to run here.
    result = subprocess.run([sys.executable, "-m", "bandit", "-q", "-r", "app", "-ll", "-f", "json"], cwd=folder,
                            capture_output=True, text=True, timeout=120)
    try:
        issues = json.loads(result.stdout).get("results", [])
    except ValueError:
        issues = None
    expect.that(issues is not None, "bandit to read the app folder", result.stderr[-300:] or result.stdout[-300:])
    found = [f"{item.get('test_id')} {item.get('filename')}:{item.get('line_number')} {item.get('issue_text')}"
             for item in issues]
    expect.that(not found, "no medium or high severity finding", "; ".join(found)[:600])


@pytest.mark.hint("SECURITY.md: one heading per review area (ten), each saying what was checked and what was done.",
                  section="the-review-in-security-md")
def test_security_review_has_ten_areas(request):
    """SECURITY.md has a section for each of the ten review areas, each saying what was checked and done"""
    path = Path(request.config.getoption("target")) / "SECURITY.md"
    expect.that(path.is_file(), "a SECURITY.md in the app folder", "none")
    text = path.read_text(encoding="utf-8", errors="replace")
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    expect.that(len(sections) >= REVIEW_AREAS, f"at least {REVIEW_AREAS} '## ' sections in SECURITY.md",
                f"{len(sections)}")
    thin = [section.splitlines()[0] for section in sections
            if not ("checked" in section.lower() and "done" in section.lower())]
    expect.that(not thin, "every section to say what was checked and what was done", f"not in: {thin}")
