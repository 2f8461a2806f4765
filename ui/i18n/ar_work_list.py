# ruff: noqa: E501  (a translation catalogue: one entry per line reads best)
"""Arabic strings of the work list: the document list's filter bar and View → Next document order
(``ui/panels/document_filter.py``, ``ui/panels/work_list.py``). The query's own words have Arabic
forms the parser reads too (``الحالة:منجز``, ``فيه:اقتراحات``: ``annotator/work_order.py``); metadata keys
are the import's data, typed as they are."""

CATALOGUE: dict[str, str] = {
    "The order holds in this window only: the project's settings are its owner's": "يسري هذا الترتيب في هذه النافذة فقط: إعدادات المشروع لمالكه",
    "&Next document order": "ترتيب المستند ال&تالي",
    "&Assigned order": "ترتيب ال&توزيع",
    "&Least confident first": "الأ&قل ثقة أولًا",
    "&Shortest first": "الأ&قصر أولًا",
    "&Filter documents": "&تصفية المستندات",
    "Next document: {policy}": "المستند التالي: {policy}",
    "{shown} of {total} documents shown": "تظهر {shown} من {total} مستندات",
    "Filter: words, source:…, tags:…, has:suggestions": "تصفية: كلمات، مفتاح:قيمة، الحالة:جديد، فيه:اقتراحات",
    "Filter the documents (Ctrl+L). status:new, status:not-done, source:NAME, any metadata KEY:VALUE, has:suggestions or -has:suggestions; other words match the name and the metadata.": "تصفية المستندات (‪Ctrl+L‬). الحالة:جديد أو الحالة:غير-منجز، وأي بيانات وصفية حملها الاستيراد بصيغة مفتاح:قيمة، وفيه:اقتراحات أو ‎-فيه:اقتراحات؛ وتُطابَق الكلمات الأخرى مع الاسم والبيانات الوصفية.",
    "Has suggestions": "فيه اقتراحات",
    "Any status": "أي حالة",
    "Not done": "غير منجز",
    "New": "جديد",
    "In progress": "قيد العمل",
    "Done": "منجز",
}
