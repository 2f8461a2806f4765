"""Inter-annotator agreement: span F1, Cohen's/Fleiss' κ, Krippendorff's α and unitizing αu.

``build_report(project, annotators=None, status="done")`` computes everything of
docs/agreement.md; :mod:`annotator.agreement.plots` draws it as SVG and
:mod:`annotator.agreement.html` writes the HTML report. numpy only, no Qt.
"""

from annotator.agreement.figures import AgreementReport
from annotator.agreement.report import build_report

__all__ = ["AgreementReport", "build_report"]
