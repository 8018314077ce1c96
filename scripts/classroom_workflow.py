"""Write .github/workflows/classroom.yml from course.toml: one grading step per stage, then the reporter.

    python scripts/classroom_workflow.py          rewrite the workflow
    python scripts/classroom_workflow.py --check  exit 1 if the committed workflow is out of date
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.manifest import MANIFEST, load_stages, tomllib  # noqa: E402

WORKFLOW = ROOT / ".github" / "workflows" / "classroom.yml"

HEAD = '''# GitHub Classroom autograding: grades every stage with the course grader and reports the points.
# Each grading step writes grade.py's --json results (documented on the site's grading page), base64-encoded,
# to a step output; the reporter reads one <RUNNER>_RESULTS variable per runner id and adds up the scores.
# Generated from course.toml by scripts/classroom_workflow.py: edit that script, not this file.
name: Autograding Tests
"on":
  - push
  - repository_dispatch
  - workflow_dispatch
permissions:
  checks: write
  actions: read
  contents: read
jobs:
  run-autograding-tests:
    runs-on: ubuntu-latest
    if: github.actor != 'github-classroom[bot]'
    steps:
      - name: Checkout code
        uses: actions/checkout@v4
      - name: Set up Python
        uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Take the grader and the checks from the course, not from this push
        uses: actions/checkout@v4
        with:
          repository: {repository}
          ref: {ref}
          path: .course
      - name: Put the course's grader in place of any copy the student changed
        run: |
          rm -rf checks grader grade.py course.toml requirements.txt setup.sh
          cp -R .course/checks .course/grader .course/grade.py .course/course.toml .course/requirements.txt \\
            .course/setup.sh .
      - name: Install the course's pinned packages and bubblewrap (the sandbox for the student's code)
        run: |
          sudo apt-get install -y -qq bubblewrap || true
          ./setup.sh
'''

# Every step runs even after a stage fails, and each keeps grade.py's exit status (0 all pass, 1 some checks fail,
# 2 not gradable), so a failing stage shows as a failed step instead of being hidden.
STEP = '''      - name: Grade {id} · {title}
        id: {id}
        if: always()
        run: |
          status=0
          .venv/bin/python grade.py {id} --json > {id}.json || status=$?
          echo "result=$(base64 -w 0 {id}.json)" >> "$GITHUB_OUTPUT"
          exit $status
'''


def render() -> str:
    """The workflow's text for the current manifest."""
    stages = load_stages()
    text = HEAD.format(**course_source()) + "".join(STEP.format(id=stage.id, title=stage.title) for stage in stages)
    text += "      - name: Autograding Reporter\n        if: always()\n"
    text += "        uses: classroom-resources/autograding-grading-reporter@v1\n"
    text += "        env:\n"
    text += "".join(f'          {s.id.upper()}_RESULTS: "${{{{ steps.{s.id}.outputs.result }}}}"\n' for s in stages)
    text += f"        with:\n          runners: {','.join(stage.id for stage in stages)}\n"
    return text


def course_source() -> dict[str, str]:
    """The course repository and tag that grading takes its checks from (course.toml's [classroom] table)."""
    table = tomllib.loads(MANIFEST.read_text(encoding="utf-8")).get("classroom", {})
    return {"repository": table["repository"], "ref": table["ref"]}


def main() -> int:
    """Rewrite or check the workflow."""
    if "--check" in sys.argv[1:]:
        if WORKFLOW.read_text(encoding="utf-8") != render():
            print("classroom.yml is out of date: run python scripts/classroom_workflow.py", file=sys.stderr)
            return 1
        return 0
    WORKFLOW.parent.mkdir(parents=True, exist_ok=True)
    WORKFLOW.write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
