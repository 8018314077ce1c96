"""Write .github/workflows/classroom.yml from course.toml: one grading step per stage, then the reporter.

    python scripts/classroom_workflow.py          rewrite the workflow
    python scripts/classroom_workflow.py --check  exit 1 if the committed workflow is out of date
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.classroom import runner_id  # noqa: E402
from grader.manifest import MANIFEST, load_stages, tomllib  # noqa: E402

WORKFLOW = ROOT / ".github" / "workflows" / "classroom.yml"

HEAD = '''# GitHub Classroom autograding: grades every stage with the course grader and reports the points.
# Each grading step writes grade.py's compact --classroom result (documented on the site's Instructor guide),
# base64-encoded, to a step output; the reporter reads one <RUNNER>_RESULTS variable per runner id (letters and
# digits only: stage01 for stage-01) and adds up the scores. A result stays well under Linux's 128 KiB limit per
# environment variable, and a stage that cannot be graded still gives a valid result, with 0 points.
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
# 2 not gradable), so a failing stage shows as a failed step instead of being hidden. Should grade.py print no valid
# JSON at all (a broken environment), the step puts an error result in its place: the reporter needs one per runner.
STEP = '''      - name: Grade {id} · {title}
        id: {runner}
        if: always()
        run: |
          status=0
          .venv/bin/python grade.py {id} --classroom > {id}.json || status=$?
          if ! python3 -c 'import json, sys; json.load(open(sys.argv[1]))' {id}.json 2> /dev/null; then
            cat > {id}.json <<'END'
{fallback}
          END
          fi
          echo "result=$(base64 -w 0 {id}.json)" >> "$GITHUB_OUTPUT"
          exit $status
'''


def fallback(stage) -> str:
    """The error result a step writes when grade.py printed no valid JSON, as lines of the step's script."""
    message = json.dumps(f"grade.py gave no result for {stage.id}: see the log of this step.")
    lines = ['{"version": 3, "status": "error", "stage": "%s", "score": 0, "max_score": 0,' % stage.id,
             f' "message": {message},',
             ' "tests": [{"name": "Grading %s", "status": "error", "score": 0, "max_score": 0,' % stage.id,
             f'            "line_no": 0, "message": {message}}}]}}']
    return "\n".join(" " * 10 + line for line in lines)


def render() -> str:
    """The workflow's text for the current manifest."""
    stages = load_stages()
    text = HEAD.format(**course_source())
    text += "".join(STEP.format(id=stage.id, title=stage.title, runner=runner_id(stage), fallback=fallback(stage))
                    for stage in stages)
    text += "      - name: Autograding Reporter\n        if: always()\n"
    text += "        uses: classroom-resources/autograding-grading-reporter@v1\n"
    text += "        env:\n"
    text += "".join(f'          {runner_id(s).upper()}_RESULTS: "${{{{ steps.{runner_id(s)}.outputs.result }}}}"\n'
                    for s in stages)
    text += f"        with:\n          runners: {','.join(runner_id(stage) for stage in stages)}\n"
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
