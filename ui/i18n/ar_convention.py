# ruff: noqa: E501  (a translation catalogue: one entry per line reads best)
"""Arabic strings of Project → Boundary convention… (``ui/dialogs/convention.py``)."""

CATALOGUE: dict[str, str] = {
    "&Boundary convention…": "&اصطلاح حدود الكيانات…",
    "Boundary convention": "اصطلاح حدود الكيانات",
    "Where a span starts. Snapping follows this from the next selection, the recommenders from their next run, and the consistency check measures boundary variation against it.": "أين يبدأ المقطع. يتبعه الالتقاط من التحديد التالي، والمقترِحات من تشغيلها التالي، ويقيس فحص الاتساق اختلاف الحدود بالنسبة إليه.",
    "Proclitics (و ف ب ك ل and the article)": "السوابق (و ف ب ك ل وأداة التعريف)",
    "Title words before a person's name": "ألقاب ما قبل اسم الشخص",
    "In: «وموسكو»": "داخل المقطع: «وموسكو»",
    "Out: «موسكو»": "خارج المقطع: «موسكو»",
    "In: «الرئيس بوتين»": "داخل المقطع: «الرئيس بوتين»",
    "Out: «بوتين»": "خارج المقطع: «بوتين»",
}
