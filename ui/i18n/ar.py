# ruff: noqa: E501  (a translation catalogue: one entry per line reads best)
"""Arabic strings of the window (the English source string → its Arabic translation).

Keep placeholders such as ``{name}`` unchanged; a test checks every ``tr("...")`` has an entry
and that placeholders match. Each feature adds its strings in its own ``ar_<feature>.py``
(e.g. ``ar_suggestions.py``), merged into ``CATALOGUE`` at the end of this module.
"""

CATALOGUE: dict[str, str] = {
    # menus
    "&File": "&ملف",
    "&Quit": "&خروج",
    "&Edit": "&تحرير",
    "&Undo": "&تراجع",
    "&Redo": "إ&عادة",
    "&Delete span or relation": "&حذف الكيان أو العلاقة",
    "&Find in document": "&بحث في المستند",
    "&Annotate": "&توسيم",
    "Start a &relation from the selected span (R)": "بدء &علاقة من الكيان المحدد (R)",
    "Mark &done and open the next document": "وضع علامة «&منجز» وفتح المستند التالي",
    "&Next document": "المستند ال&تالي",
    "&Previous document": "المستند ال&سابق",
    "&View": "&عرض",
    "Zoom &in": "&تكبير",
    "Zoom &out": "ت&صغير",
    "&Reset zoom": "إعادة ضبط ال&حجم",
    "Show &label names above spans": "إظهار أسماء ال&وسوم فوق الكيانات",
    "&Theme": "ال&سمة",
    "Light": "فاتحة",
    "Dark": "داكنة",
    "&Language": "ال&لغة",
    "A&nnotator": "ال&موسِّم",
    "&Switch annotator…": "&تبديل الموسِّم…",
    "&Help": "م&ساعدة",
    "&Keys": "&المفاتيح",
    "Keys": "المفاتيح",
    # panels and columns
    "Hashiya": "حاشية",
    "Documents": "المستندات",
    "Labels": "الوسوم",
    "Entities": "الكيانات",
    "Relations": "العلاقات",
    "Name": "الاسم",
    "Status": "الحالة",
    "Spans": "كيانات",
    "Text": "النص",
    "Label": "الوسم",
    "Start": "البداية",
    "End": "النهاية",
    "From": "من",
    "Relation": "العلاقة",
    "To": "إلى",
    "new": "جديد",
    "in progress": "قيد العمل",
    "done": "منجز",
    "{done} of {total} done": "أُنجز {done} من {total}",
    "Hotkey: {key}": "المفتاح: {key}",
    # status bar and messages
    "Annotator: {name}": "الموسِّم: {name}",
    "Document {n} of {total} ({status})": "المستند {n} من {total} ({status})",
    "No documents": "لا مستندات",
    "Nothing to undo": "لا شيء للتراجع عنه",
    "Nothing to redo": "لا شيء لإعادته",
    "Nothing selected to delete": "لم يُحدَّد شيء للحذف",
    "Nothing to tag: the selection holds no word": "لا شيء للتوسيم: التحديد لا يحوي كلمة",
    "Select some text first (mouse or Shift+arrows), then press a label key": "حدِّد نصًا أولًا (بالفأرة أو Shift مع الأسهم)، ثم اضغط مفتاح الوسم",
    "Select a span first (click it or Tab), then press R": "حدِّد كيانًا أولًا (انقره أو Tab)، ثم اضغط R",
    "Relation: click the target span, or Tab to it and press Enter; Esc cancels": "علاقة: انقر الكيان الهدف، أو انتقل إليه بـ Tab واضغط Enter؛ Esc للإلغاء",
    "Relation cancelled": "أُلغيت العلاقة",
    "The schema allows no relation from {head} to {tail}": "المخطط لا يسمح بأي علاقة من {head} إلى {tail}",
    "Undo/redo applied in document {name}": "طُبِّق التراجع/الإعادة في المستند {name}",
    "Marked done. This was the last document.": "وُضعت علامة «منجز». كان هذا آخر مستند.",
    "Marked done; opened {name}": "وُضعت علامة «منجز»؛ فُتح {name}",
    "Now annotating as {name}": "التوسيم الآن باسم {name}",
    ", ": "، ",
    # search
    "Find:": "بحث:",
    "Search (ignores diacritics, tatweel, alef forms)": "بحث (يتجاهل التشكيل والتطويل وأشكال الألف)",
    "Previous hit (Shift+Enter)": "النتيجة السابقة (Shift+Enter)",
    "Next hit (Enter)": "النتيجة التالية (Enter)",
    "Close (Esc)": "إغلاق (Esc)",
    "no hits": "لا نتائج",
    # identity
    "Who is annotating?": "مَن يوسِّم؟",
    "Your name as annotator. Your spans and relations are kept under this name.": "اسمك بصفتك موسِّمًا. تُحفظ كياناتك وعلاقاتك تحت هذا الاسم.",
    # help
    "Select text (mouse, or Shift+arrows), then press a label key (1–9) to tag it.\n"
    "Hold Alt while selecting or tagging to keep the exact characters (no snapping).\n"
    "Click a span to select it; click again to reach spans nested under it. Tab / Shift+Tab: next / previous span.\n"
    "With a span selected: a label key relabels it, Delete removes it, R starts a relation.\n"
    "Relation: click the target (or Tab to it and press Enter), then choose the type. Esc cancels.\n"
    "Ctrl+Z undo, Ctrl+Shift+Z redo, Ctrl+Enter mark done and open the next document, Ctrl+F find.\n"
    "Ctrl+plus / Ctrl+minus zoom.": "حدِّد نصًا (بالفأرة أو Shift مع الأسهم)، ثم اضغط مفتاح وسم (1–9) لتوسيمه.\n"
    "اضغط Alt أثناء التحديد أو التوسيم للإبقاء على الحروف كما هي (بلا محاذاة).\n"
    "انقر كيانًا لتحديده، وانقر مرة أخرى للوصول إلى الكيانات المتداخلة تحته. Tab / Shift+Tab: الكيان التالي / السابق.\n"
    "مع تحديد كيان: مفتاح الوسم يغيّر وسمه، وDelete يحذفه، وR يبدأ علاقة.\n"
    "العلاقة: انقر الهدف (أو انتقل إليه بـ Tab واضغط Enter)، ثم اختر النوع. Esc للإلغاء.\n"
    "Ctrl+Z تراجع، Ctrl+Shift+Z إعادة، Ctrl+Enter وضع علامة «منجز» وفتح المستند التالي، Ctrl+F بحث.\n"
    "Ctrl مع + / Ctrl مع − للتكبير والتصغير.",
}


def _merge_feature_catalogues() -> None:
    """Features keep their strings in their own module, ``ui/i18n/ar_<feature>.py`` (a ``CATALOGUE``
    dict), so engineers working on different features never edit the same file; all are merged here."""
    import importlib
    import pkgutil
    from pathlib import Path

    for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda m: m.name):
        if info.name.startswith("ar_"):
            module = importlib.import_module(f"{__package__}.{info.name}")
            CATALOGUE.update(module.CATALOGUE)


_merge_feature_catalogues()
