"""Run every requests file the site shows and write the answer of each request, for the pages to include.

    python scripts/render_answers.py                   every file of solutions/ and docs_src/
    python scripts/render_answers.py docs_src/stage-04 only the files whose id holds that text

A request's answer goes to site/generated/answers/<top>/<stage>/<file-stem>/<NAME>.txt, NAME being the section name
without -curl or -httpie: the status line, the Location header if any, a blank line and the JSON body indented by two
spaces. It comes from the curl tab; the HTTPie tab runs too, on its own server, and must answer alike. An answer that
differs from the committed file only in timestamps or tokens is left as it is, so that files change only when an
answer does. Exit status 1 when a request fails or the tabs disagree (the other files are still written).
"""

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from doc_requests import (ANSWERS, RequestFile, expected_answer_files, mask, request_files,  # noqa: E402
                          run_both_tabs, tab_differences)

# Each file runs two servers at once; two files at a time is as much as a small machine takes.
FILES_AT_ONCE = 2


def write_answers(file: RequestFile, runs: dict) -> list[str]:
    """Write the curl run's answers of one file and drop answers of sections that are gone; return problems."""
    problems = [run.error for run in runs.values() if run.error]
    if problems:
        return problems
    file.answers_dir.mkdir(parents=True, exist_ok=True)
    for name, answer in runs["curl"].answers.items():
        path = file.answers_dir / f"{name}.txt"
        text = answer.text()
        if not path.is_file() or mask(path.read_text(encoding="utf-8")) != mask(text):
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {path.relative_to(ROOT)}")
    for path in set(file.answers_dir.glob("*.txt")) - expected_answer_files(file):
        path.unlink()
        print(f"removed {path.relative_to(ROOT)}")
    return [f"{file.id}: the tabs answer differently: {difference}" for difference in tab_differences(runs)]


def remove_orphans(files: list[RequestFile]) -> None:
    """Remove answer folders whose requests file no longer exists."""
    kept = {file.answers_dir for file in files}
    for folder in sorted(ANSWERS.glob("*/*/*")):
        if folder.is_dir() and folder not in kept:
            for path in folder.glob("*.txt"):
                path.unlink()
            folder.rmdir()
            print(f"removed {folder.relative_to(ROOT)}/")


def main(argv: list[str]) -> int:
    """Render the answers of every requests file, or of those whose id holds one of argv."""
    files = [file for file in request_files() if not argv or any(text in file.id for text in argv)]
    if not files:
        print(f"no requests file matches {argv}", file=sys.stderr)
        return 2
    with ThreadPoolExecutor(max_workers=FILES_AT_ONCE) as pool:
        problems = sum(pool.map(lambda file: write_answers(file, run_both_tabs(file)), files), [])
    if not argv:
        remove_orphans(files)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
