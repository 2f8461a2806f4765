# ruff: noqa: E501  (a translation catalogue: one entry per line reads best)
"""Arabic strings of the Guidelines panel (``ui/panels/guidelines.py``) and editor (``ui/dialogs/guidelines.py``).

The section headings and example captions match :data:`annotator.guidelines.ARABIC`, the printed page's.
"""

from annotator.guidelines import ARABIC

CATALOGUE: dict[str, str] = {
    **ARABIC,
    "Guidelines": "الإرشادات",
    "Show &guidelines": "إظهار الإ&رشادات",
    "&Guidelines…": "&إرشادات التوسيم…",
    "Edit guidelines…": "تحرير الإرشادات…",
    "Select a span or point at a label to see its guideline.": "حدِّد كيانًا أو أشِر إلى وسم لترى إرشاداته.",
    "Only the lead edits guidelines: the curator ({gold}) or a lead named with «hashiya guidelines --leads»": "لا يحرّر الإرشادات إلا المسؤول: المنقّح ({gold}) أو مسؤول سُمّي بـ «hashiya guidelines --leads»",
    "Read only: the curator ({gold}) or a lead named with «hashiya guidelines --leads» edits guidelines.": "للقراءة فقط: يحرّر الإرشادات المنقّح ({gold}) أو مسؤول سُمّي بـ «hashiya guidelines --leads».",
    "English": "الإنجليزية",
    "Arabic": "العربية",
    "Guidelines of {schema}": "إرشادات {schema}",
}
