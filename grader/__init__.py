"""The course grader: runs a stage's checks against a folder and explains the results to a student."""

__version__ = "0.1.0"
