"""Write grading outcomes as JUnit XML, for CI systems that read it."""

import io
import xml.etree.ElementTree as ET
from pathlib import Path

from .run import Outcome
from .safe_output import clean, write_atomically


def junit_xml(outcomes: list[Outcome], names: list[str] | None = None) -> ET.ElementTree:
    """One <testsuite> per outcome (named by its stage, or by names[i]), one <testcase> per check."""
    root = ET.Element("testsuites")
    for index, outcome in enumerate(outcomes):
        failures = sum(1 for c in outcome.checks if c["status"] == "fail")
        errors = sum(1 for c in outcome.checks if c["status"] == "error")
        name = clean(names[index] if names else outcome.stage.id, 200)
        suite = ET.SubElement(root, "testsuite", name=name, tests=str(outcome.total),
                              failures=str(failures), errors=str(errors), time=f"{outcome.seconds:.3f}")
        if outcome.error:
            ET.SubElement(suite, "system-err").text = clean(outcome.error["message"])
        for check in outcome.checks:
            case = ET.SubElement(suite, "testcase", classname=f"{outcome.stage.id}.{check['file']}",
                                 name=clean(check["title"], 300))
            message = clean(check.get("message"))
            if check["status"] == "fail":
                ET.SubElement(case, "failure", message=message).text = message
            elif check["status"] == "error":
                ET.SubElement(case, "error", message=message).text = message
            elif check["status"] == "skip":
                ET.SubElement(case, "skipped")
    return ET.ElementTree(root)


def write_junit(outcomes: list[Outcome], path: Path, names: list[str] | None = None) -> None:
    """Write the XML file."""
    tree = junit_xml(outcomes, names)
    ET.indent(tree)
    buffer = io.StringIO()
    tree.write(buffer, encoding="unicode", xml_declaration=True)
    write_atomically(path, buffer.getvalue())
