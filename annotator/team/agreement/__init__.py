"""Inter-annotator agreement: span F1, Cohen's/Fleiss' κ, Krippendorff's α and unitizing αu.

``build_report(project, annotators=None, status="done")`` computes everything of
docs/agreement.md; :mod:`annotator.team.agreement.plots` draws it as SVG and
:mod:`annotator.team.agreement.html` writes the HTML report. numpy only, no Qt.
"""

from annotator.team.agreement.figures import AgreementReport
from annotator.team.agreement.report import build_report

__all__ = ["AgreementReport", "build_report"]
