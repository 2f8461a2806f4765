# ruff: noqa: E501  (a translation catalogue: one entry per line reads best)
"""Counted phrases («3 مستندات», «11 مستندًا», "1 document") in the window's languages.

Arabic number agreement needs six forms, chosen by the CLDR plural rules (Babel):
``zero``; ``one`` (the noun then «واحد»); ``two`` (the dual, no digit); ``few``, 3–10 and
103–110 (the number, then a plural noun); ``many``, 11–99 and 111–199 (the number, then a
singular noun in the accusative, «67 اقتراحًا»); ``other``, 100–102, 200–202, ... (the number,
then a singular noun in the genitive, «100 اقتراح»). English needs ``one`` and ``other``.

The key of an entry is its English source; ``{n}`` is the count that chooses the form (a form may
leave it out, as «اقتراح واحد» does); other fields are kept. ``ui.i18n.trn`` picks the form.
A test checks that every ``trn("...")`` in ``ui/`` has all six Arabic forms and both English ones.
"""

from __future__ import annotations

Forms = dict[str, str]

ENGLISH: dict[str, Forms] = {
    # the window
    "{n} spans": {"one": "{n} span", "other": "{n} spans"},
    "{n} relations": {"one": "{n} relation", "other": "{n} relations"},
    "{n} characters": {"one": "{n} character", "other": "{n} characters"},
    "Text size: {n} pt": {"one": "Text size: {n} pt", "other": "Text size: {n} pt"},
    # suggestions
    "{n} suggestions": {"one": "{n} suggestion", "other": "{n} suggestions"},
    "{n} suggestions to decide": {"one": "{n} suggestion to decide", "other": "{n} suggestions to decide"},
    "Accepted {n} suggestions": {"one": "Accepted {n} suggestion", "other": "Accepted {n} suggestions"},
    "Rejected {n} suggestions": {"one": "Rejected {n} suggestion", "other": "Rejected {n} suggestions"},
    "{n} left in this document": {"one": "{n} left in this document", "other": "{n} left in this document"},
    "{accepted} of {n} suggestions in this document would be accepted": {
        "one": "{accepted} of {n} suggestion in this document would be accepted",
        "other": "{accepted} of {n} suggestions in this document would be accepted",
    },
    "Pre-annotating {done} of {n} documents": {
        "one": "Pre-annotating {done} of {n} document",
        "other": "Pre-annotating {done} of {n} documents",
    },
    "Pre-annotated {n} documents": {"one": "Pre-annotated {n} document", "other": "Pre-annotated {n} documents"},
    "Pre-annotation cancelled after {n} documents": {
        "one": "Pre-annotation cancelled after {n} document",
        "other": "Pre-annotation cancelled after {n} documents",
    },
    "Trained on {n} documents": {"one": "Trained on {n} document", "other": "Trained on {n} documents"},
    "{n} tokens": {"one": "{n} token", "other": "{n} tokens"},
    "The model learns from the spans of the documents you marked done and from curated gold "
    "({n} documents now), is cross-validated by document, "
    "and then suggests entities to you alone as the 'crf' recommender.": {
        "one": "The model learns from the spans of the documents you marked done and from curated gold "
        "({n} document now), is cross-validated by document, "
        "and then suggests entities to you alone as the 'crf' recommender.",
        "other": "The model learns from the spans of the documents you marked done and from curated gold "
        "({n} documents now), is cross-validated by document, "
        "and then suggests entities to you alone as the 'crf' recommender.",
    },
    # agreement and curation
    " ({n} documents)": {"one": " ({n} document)", "other": " ({n} documents)"},
    "{n} documents compared between {names}.": {
        "one": "{n} document compared between {names}.",
        "other": "{n} documents compared between {names}.",
    },
    "{n} disagreements were left open.": {
        "one": "{n} disagreement was left open.",
        "other": "{n} disagreements were left open.",
    },
    "Curation compares two or more annotators; {n} annotators qualify here. Compare everyone who worked on it, or wait until more mark it done.": {
        "one": "Curation compares two or more annotators; {n} annotator qualifies here. Compare everyone who worked on it, or wait until more mark it done.",
        "other": "Curation compares two or more annotators; {n} annotators qualify here. Compare everyone who worked on it, or wait until more mark it done.",
    },
    # merging
    "{n} conflicts: this project's work was kept; compare them in the curator's view.": {
        "one": "{n} conflict: this project's work was kept; compare it in the curator's view.",
        "other": "{n} conflicts: this project's work was kept; compare them in the curator's view.",
    },
    # the export summary (annotator.exporting.ExportResult.summary_lines)
    "exported {n} document(s) of {annotator} as {format} to {out}": {
        "one": "exported {n} document of {annotator} as {format} to {out}",
        "other": "exported {n} documents of {annotator} as {format} to {out}",
    },
    " ({n} not done, left out)": {"one": " ({n} not done, left out)", "other": " ({n} not done, left out)"},
    "{n} span(s)": {"one": "{n} span", "other": "{n} spans"},
    "{n} relation(s)": {"one": "{n} relation", "other": "{n} relations"},
    "{n} token(s)": {"one": "{n} token", "other": "{n} tokens"},
    "in {n} sentence(s)": {"one": "in {n} sentence", "other": "in {n} sentences"},
    "{n} tag columns (nesting levels)": {"one": "{n} tag column", "other": "{n} tag columns (nesting levels)"},
    "{n} token(s) split at a span boundary inside them": {
        "one": "{n} token split at a span boundary inside it",
        "other": "{n} tokens split at a span boundary inside them",
    },
    "{n} sentence break(s) removed: a span crossed them": {
        "one": "{n} sentence break removed: a span crossed it",
        "other": "{n} sentence breaks removed: a span crossed them",
    },
    "{n} nested or overlapping span(s) dropped (flat output keeps the outermost)": {
        "one": "{n} nested or overlapping span dropped (flat output keeps the outermost)",
        "other": "{n} nested or overlapping spans dropped (flat output keeps the outermost)",
    },
    "{n} span(s) dropped: they cover no token": {
        "one": "{n} span dropped: it covers no token",
        "other": "{n} spans dropped: they cover no token",
    },
    "{n} relation(s) not written: {why}": {
        "one": "{n} relation not written: {why}",
        "other": "{n} relations not written: {why}",
    },
    "... and {n} more document(s) renamed": {
        "one": "... and {n} more document renamed",
        "other": "... and {n} more documents renamed",
    },
    # the import and merge summaries (annotator.importing, annotator.merge)
    "{n} document(s) added": {"one": "{n} document added", "other": "{n} documents added"},
    "{n} already present": {"one": "{n} already present", "other": "{n} already present"},
    "{n} with annotations attached": {
        "one": "{n} with annotations attached",
        "other": "{n} with annotations attached",
    },
    "{n} already here": {"one": "{n} already here", "other": "{n} already here"},
    "work of {n} annotator-document pair(s) merged": {
        "one": "work of {n} annotator-document pair merged",
        "other": "work of {n} annotator-document pairs merged",
    },
    "{n} pair(s) already present": {"one": "{n} pair already present", "other": "{n} pairs already present"},
    "{n} conflict(s) left unmerged": {"one": "{n} conflict left unmerged", "other": "{n} conflicts left unmerged"},
}

ARABIC: dict[str, Forms] = {
    # the window
    "{n} spans": {
        "zero": "لا كيانات",
        "one": "كيان واحد",
        "two": "كيانان",
        "few": "{n} كيانات",
        "many": "{n} كيانًا",
        "other": "{n} كيان",
    },
    "{n} relations": {
        "zero": "لا علاقات",
        "one": "علاقة واحدة",
        "two": "علاقتان",
        "few": "{n} علاقات",
        "many": "{n} علاقةً",
        "other": "{n} علاقة",
    },
    "{n} characters": {
        "zero": "لا أحرف",
        "one": "حرف واحد",
        "two": "حرفان",
        "few": "{n} أحرف",
        "many": "{n} حرفًا",
        "other": "{n} حرف",
    },
    "Text size: {n} pt": {
        "zero": "حجم النص: {n} نقطة",
        "one": "حجم النص: نقطة واحدة",
        "two": "حجم النص: نقطتان",
        "few": "حجم النص: {n} نقاط",
        "many": "حجم النص: {n} نقطةً",
        "other": "حجم النص: {n} نقطة",
    },
    # suggestions
    "{n} suggestions": {
        "zero": "لا اقتراحات",
        "one": "اقتراح واحد",
        "two": "اقتراحان",
        "few": "{n} اقتراحات",
        "many": "{n} اقتراحًا",
        "other": "{n} اقتراح",
    },
    "{n} suggestions to decide": {
        "zero": "لا اقتراحات بانتظار القرار",
        "one": "اقتراح واحد بانتظار القرار",
        "two": "اقتراحان بانتظار القرار",
        "few": "{n} اقتراحات بانتظار القرار",
        "many": "{n} اقتراحًا بانتظار القرار",
        "other": "{n} اقتراح بانتظار القرار",
    },
    "Accepted {n} suggestions": {
        "zero": "لم يُقبل أي اقتراح",
        "one": "قُبل اقتراح واحد",
        "two": "قُبل اقتراحان",
        "few": "قُبلت {n} اقتراحات",
        "many": "قُبل {n} اقتراحًا",
        "other": "قُبل {n} اقتراح",
    },
    "Rejected {n} suggestions": {
        "zero": "لم يُرفض أي اقتراح",
        "one": "رُفض اقتراح واحد",
        "two": "رُفض اقتراحان",
        "few": "رُفضت {n} اقتراحات",
        "many": "رُفض {n} اقتراحًا",
        "other": "رُفض {n} اقتراح",
    },
    "{n} left in this document": {
        "zero": "لم يبقَ اقتراح في هذا المستند",
        "one": "بقي اقتراح واحد في هذا المستند",
        "two": "بقي اقتراحان في هذا المستند",
        "few": "بقيت {n} اقتراحات في هذا المستند",
        "many": "بقي {n} اقتراحًا في هذا المستند",
        "other": "بقي {n} اقتراح في هذا المستند",
    },
    "{accepted} of {n} suggestions in this document would be accepted": {
        "zero": "لا اقتراحات في هذا المستند",
        "one": "سيُقبل {accepted} من اقتراح واحد في هذا المستند",
        "two": "سيُقبل {accepted} من اقتراحين في هذا المستند",
        "few": "سيُقبل {accepted} من {n} اقتراحات في هذا المستند",
        "many": "سيُقبل {accepted} من {n} اقتراحًا في هذا المستند",
        "other": "سيُقبل {accepted} من {n} اقتراح في هذا المستند",
    },
    "Pre-annotating {done} of {n} documents": {
        "zero": "التوسيم المسبق: لا مستندات",
        "one": "التوسيم المسبق: {done} من مستند واحد",
        "two": "التوسيم المسبق: {done} من مستندين",
        "few": "التوسيم المسبق: {done} من {n} مستندات",
        "many": "التوسيم المسبق: {done} من {n} مستندًا",
        "other": "التوسيم المسبق: {done} من {n} مستند",
    },
    "Pre-annotated {n} documents": {
        "zero": "لم يُوسَم أي مستند مسبقًا",
        "one": "وُسم مستند واحد مسبقًا",
        "two": "وُسم مستندان مسبقًا",
        "few": "وُسمت {n} مستندات مسبقًا",
        "many": "وُسم {n} مستندًا مسبقًا",
        "other": "وُسم {n} مستند مسبقًا",
    },
    "Pre-annotation cancelled after {n} documents": {
        "zero": "أُلغي التوسيم المسبق قبل أي مستند",
        "one": "أُلغي التوسيم المسبق بعد مستند واحد",
        "two": "أُلغي التوسيم المسبق بعد مستندين",
        "few": "أُلغي التوسيم المسبق بعد {n} مستندات",
        "many": "أُلغي التوسيم المسبق بعد {n} مستندًا",
        "other": "أُلغي التوسيم المسبق بعد {n} مستند",
    },
    "Trained on {n} documents": {
        "zero": "دُرّب دون مستندات",
        "one": "دُرّب على مستند واحد",
        "two": "دُرّب على مستندين",
        "few": "دُرّب على {n} مستندات",
        "many": "دُرّب على {n} مستندًا",
        "other": "دُرّب على {n} مستند",
    },
    "{n} tokens": {
        "zero": "لا كلمات",
        "one": "كلمة واحدة",
        "two": "كلمتان",
        "few": "{n} كلمات",
        "many": "{n} كلمةً",
        "other": "{n} كلمة",
    },
    "The model learns from the spans of the documents you marked done and from curated gold "
    "({n} documents now), is cross-validated by document, "
    "and then suggests entities to you alone as the 'crf' recommender.": {
        "zero": "يتعلّم النموذج من كيانات المستندات التي وضعتَ عليها علامة «منجز» ومن الطبقة الذهبية المُدقَّقة (لا مستندات حاليًا)، ويُقيَّم بالتحقق المتقاطع حسب المستند، ثم يقترح الكيانات عليك وحدك بصفته المقترِح 'crf'.",
        "one": "يتعلّم النموذج من كيانات المستندات التي وضعتَ عليها علامة «منجز» ومن الطبقة الذهبية المُدقَّقة (مستند واحد حاليًا)، ويُقيَّم بالتحقق المتقاطع حسب المستند، ثم يقترح الكيانات عليك وحدك بصفته المقترِح 'crf'.",
        "two": "يتعلّم النموذج من كيانات المستندات التي وضعتَ عليها علامة «منجز» ومن الطبقة الذهبية المُدقَّقة (مستندان حاليًا)، ويُقيَّم بالتحقق المتقاطع حسب المستند، ثم يقترح الكيانات عليك وحدك بصفته المقترِح 'crf'.",
        "few": "يتعلّم النموذج من كيانات المستندات التي وضعتَ عليها علامة «منجز» ومن الطبقة الذهبية المُدقَّقة ({n} مستندات حاليًا)، ويُقيَّم بالتحقق المتقاطع حسب المستند، ثم يقترح الكيانات عليك وحدك بصفته المقترِح 'crf'.",
        "many": "يتعلّم النموذج من كيانات المستندات التي وضعتَ عليها علامة «منجز» ومن الطبقة الذهبية المُدقَّقة ({n} مستندًا حاليًا)، ويُقيَّم بالتحقق المتقاطع حسب المستند، ثم يقترح الكيانات عليك وحدك بصفته المقترِح 'crf'.",
        "other": "يتعلّم النموذج من كيانات المستندات التي وضعتَ عليها علامة «منجز» ومن الطبقة الذهبية المُدقَّقة ({n} مستند حاليًا)، ويُقيَّم بالتحقق المتقاطع حسب المستند، ثم يقترح الكيانات عليك وحدك بصفته المقترِح 'crf'.",
    },
    # agreement and curation
    " ({n} documents)": {
        "zero": " (لا مستندات)",
        "one": " (مستند واحد)",
        "two": " (مستندان)",
        "few": " ({n} مستندات)",
        "many": " ({n} مستندًا)",
        "other": " ({n} مستند)",
    },
    "{n} documents compared between {names}.": {
        "zero": "لم يُقارَن أي مستند بين {names}.",
        "one": "قورن مستند واحد بين {names}.",
        "two": "قورن مستندان بين {names}.",
        "few": "قورنت {n} مستندات بين {names}.",
        "many": "قورن {n} مستندًا بين {names}.",
        "other": "قورن {n} مستند بين {names}.",
    },
    "{n} disagreements were left open.": {
        "zero": "لم يبقَ أي خلاف دون حسم.",
        "one": "بقي خلاف واحد دون حسم.",
        "two": "بقي خلافان دون حسم.",
        "few": "بقيت {n} خلافات دون حسم.",
        "many": "بقي {n} خلافًا دون حسم.",
        "other": "بقي {n} خلاف دون حسم.",
    },
    "Curation compares two or more annotators; {n} annotators qualify here. Compare everyone who worked on it, or wait until more mark it done.": {
        "zero": "يقارن التحكيم موسِّمَين أو أكثر، ولا يتأهل هنا أي موسِّم. قارن بين كل من عمل عليه، أو انتظر حتى ينجزه آخرون.",
        "one": "يقارن التحكيم موسِّمَين أو أكثر، ولا يتأهل هنا إلا موسِّم واحد. قارن بين كل من عمل عليه، أو انتظر حتى ينجزه آخرون.",
        "two": "يقارن التحكيم موسِّمَين أو أكثر، ويتأهل هنا موسِّمان. قارن بين كل من عمل عليه، أو انتظر حتى ينجزه آخرون.",
        "few": "يقارن التحكيم موسِّمَين أو أكثر، ويتأهل هنا {n} موسِّمين. قارن بين كل من عمل عليه، أو انتظر حتى ينجزه آخرون.",
        "many": "يقارن التحكيم موسِّمَين أو أكثر، ويتأهل هنا {n} موسِّمًا. قارن بين كل من عمل عليه، أو انتظر حتى ينجزه آخرون.",
        "other": "يقارن التحكيم موسِّمَين أو أكثر، ويتأهل هنا {n} موسِّم. قارن بين كل من عمل عليه، أو انتظر حتى ينجزه آخرون.",
    },
    # merging
    "{n} conflicts: this project's work was kept; compare them in the curator's view.": {
        "zero": "لا تعارضات.",
        "one": "تعارض واحد: أُبقي على عمل هذا المشروع؛ قارنه في عرض المحكِّم.",
        "two": "تعارضان: أُبقي على عمل هذا المشروع؛ قارنهما في عرض المحكِّم.",
        "few": "{n} تعارضات: أُبقي على عمل هذا المشروع؛ قارنها في عرض المحكِّم.",
        "many": "{n} تعارضًا: أُبقي على عمل هذا المشروع؛ قارنها في عرض المحكِّم.",
        "other": "{n} تعارض: أُبقي على عمل هذا المشروع؛ قارنها في عرض المحكِّم.",
    },
    # the export summary
    "exported {n} document(s) of {annotator} as {format} to {out}": {
        "zero": "لم يُصدَّر أي مستند من توسيمات {annotator} بصيغة {format} إلى {out}",
        "one": "صُدِّر مستند واحد من توسيمات {annotator} بصيغة {format} إلى {out}",
        "two": "صُدِّر مستندان من توسيمات {annotator} بصيغة {format} إلى {out}",
        "few": "صُدِّرت {n} مستندات من توسيمات {annotator} بصيغة {format} إلى {out}",
        "many": "صُدِّر {n} مستندًا من توسيمات {annotator} بصيغة {format} إلى {out}",
        "other": "صُدِّر {n} مستند من توسيمات {annotator} بصيغة {format} إلى {out}",
    },
    " ({n} not done, left out)": {
        "zero": "",
        "one": " (استُبعد مستند واحد غير منجز)",
        "two": " (استُبعد مستندان غير منجزين)",
        "few": " (استُبعدت {n} مستندات غير منجزة)",
        "many": " (استُبعد {n} مستندًا غير منجز)",
        "other": " (استُبعد {n} مستند غير منجز)",
    },
    "{n} span(s)": {
        "zero": "لا كيانات",
        "one": "كيان واحد",
        "two": "كيانان",
        "few": "{n} كيانات",
        "many": "{n} كيانًا",
        "other": "{n} كيان",
    },
    "{n} relation(s)": {
        "zero": "لا علاقات",
        "one": "علاقة واحدة",
        "two": "علاقتان",
        "few": "{n} علاقات",
        "many": "{n} علاقةً",
        "other": "{n} علاقة",
    },
    "{n} token(s)": {
        "zero": "لا كلمات",
        "one": "كلمة واحدة",
        "two": "كلمتان",
        "few": "{n} كلمات",
        "many": "{n} كلمةً",
        "other": "{n} كلمة",
    },
    "in {n} sentence(s)": {
        "zero": "دون جمل",
        "one": "في جملة واحدة",
        "two": "في جملتين",
        "few": "في {n} جمل",
        "many": "في {n} جملةً",
        "other": "في {n} جملة",
    },
    "{n} tag columns (nesting levels)": {
        "zero": "لا أعمدة وسوم",
        "one": "عمود وسوم واحد",
        "two": "عمودا وسوم (مستويات التداخل)",
        "few": "{n} أعمدة وسوم (مستويات التداخل)",
        "many": "{n} عمودًا للوسوم (مستويات التداخل)",
        "other": "{n} عمود وسوم (مستويات التداخل)",
    },
    "{n} token(s) split at a span boundary inside them": {
        "zero": "لم تُقسم أي كلمة عند حد كيان",
        "one": "قُسمت كلمة واحدة عند حد كيان داخلها",
        "two": "قُسمت كلمتان عند حد كيان داخلهما",
        "few": "قُسمت {n} كلمات عند حد كيان داخلها",
        "many": "قُسمت {n} كلمةً عند حد كيان داخلها",
        "other": "قُسمت {n} كلمة عند حد كيان داخلها",
    },
    "{n} sentence break(s) removed: a span crossed them": {
        "zero": "لم يُحذف أي فاصل جمل",
        "one": "حُذف فاصل جمل واحد: عبره كيان",
        "two": "حُذف فاصلا جمل: عبرهما كيان",
        "few": "حُذفت {n} فواصل جمل: عبرها كيان",
        "many": "حُذف {n} فاصلًا بين الجمل: عبرها كيان",
        "other": "حُذف {n} فاصل جمل: عبرها كيان",
    },
    "{n} nested or overlapping span(s) dropped (flat output keeps the outermost)": {
        "zero": "لم يُسقط أي كيان متداخل",
        "one": "أُسقط كيان واحد متداخل أو متراكب (الإخراج المسطّح يُبقي الخارجي)",
        "two": "أُسقط كيانان متداخلان أو متراكبان (الإخراج المسطّح يُبقي الخارجي)",
        "few": "أُسقطت {n} كيانات متداخلة أو متراكبة (الإخراج المسطّح يُبقي الخارجي)",
        "many": "أُسقط {n} كيانًا متداخلًا أو متراكبًا (الإخراج المسطّح يُبقي الخارجي)",
        "other": "أُسقط {n} كيان متداخل أو متراكب (الإخراج المسطّح يُبقي الخارجي)",
    },
    "{n} span(s) dropped: they cover no token": {
        "zero": "لم يُسقط أي كيان",
        "one": "أُسقط كيان واحد: لا يغطي أي كلمة",
        "two": "أُسقط كيانان: لا يغطيان أي كلمة",
        "few": "أُسقطت {n} كيانات: لا تغطي أي كلمة",
        "many": "أُسقط {n} كيانًا: لا تغطي أي كلمة",
        "other": "أُسقط {n} كيان: لا تغطي أي كلمة",
    },
    "{n} relation(s) not written: {why}": {
        "zero": "لم تُستبعد أي علاقة",
        "one": "لم تُكتب علاقة واحدة: {why}",
        "two": "لم تُكتب علاقتان: {why}",
        "few": "لم تُكتب {n} علاقات: {why}",
        "many": "لم تُكتب {n} علاقةً: {why}",
        "other": "لم تُكتب {n} علاقة: {why}",
    },
    "... and {n} more document(s) renamed": {
        "zero": "",
        "one": "... وأُعيدت تسمية مستند آخر",
        "two": "... وأُعيدت تسمية مستندين آخرين",
        "few": "... وأُعيدت تسمية {n} مستندات أخرى",
        "many": "... وأُعيدت تسمية {n} مستندًا آخر",
        "other": "... وأُعيدت تسمية {n} مستند آخر",
    },
    # the import and merge summaries
    "{n} document(s) added": {
        "zero": "لم يُضف أي مستند",
        "one": "أُضيف مستند واحد",
        "two": "أُضيف مستندان",
        "few": "أُضيفت {n} مستندات",
        "many": "أُضيف {n} مستندًا",
        "other": "أُضيف {n} مستند",
    },
    "{n} already present": {
        "zero": "لا مستندات موجودة من قبل",
        "one": "مستند واحد موجود من قبل",
        "two": "مستندان موجودان من قبل",
        "few": "{n} مستندات موجودة من قبل",
        "many": "{n} مستندًا موجودًا من قبل",
        "other": "{n} مستند موجود من قبل",
    },
    "{n} with annotations attached": {
        "zero": "لا مستندات أُلحقت بها توسيمات",
        "one": "مستند واحد أُلحقت به توسيمات",
        "two": "مستندان أُلحقت بهما توسيمات",
        "few": "{n} مستندات أُلحقت بها توسيمات",
        "many": "{n} مستندًا أُلحقت بها توسيمات",
        "other": "{n} مستند أُلحقت به توسيمات",
    },
    "{n} already here": {
        "zero": "لا مستندات موجودة هنا من قبل",
        "one": "مستند واحد موجود هنا من قبل",
        "two": "مستندان موجودان هنا من قبل",
        "few": "{n} مستندات موجودة هنا من قبل",
        "many": "{n} مستندًا موجودًا هنا من قبل",
        "other": "{n} مستند موجود هنا من قبل",
    },
    "work of {n} annotator-document pair(s) merged": {
        "zero": "لم يُدمج عمل أي زوج (موسِّم ومستند)",
        "one": "دُمج عمل زوج واحد (موسِّم ومستند)",
        "two": "دُمج عمل زوجين (موسِّم ومستند)",
        "few": "دُمج عمل {n} أزواج (موسِّم ومستند)",
        "many": "دُمج عمل {n} زوجًا (موسِّم ومستند)",
        "other": "دُمج عمل {n} زوج (موسِّم ومستند)",
    },
    "{n} pair(s) already present": {
        "zero": "لا أزواج موجودة من قبل",
        "one": "زوج واحد موجود من قبل",
        "two": "زوجان موجودان من قبل",
        "few": "{n} أزواج موجودة من قبل",
        "many": "{n} زوجًا موجودًا من قبل",
        "other": "{n} زوج موجود من قبل",
    },
    "{n} conflict(s) left unmerged": {
        "zero": "لا تعارضات",
        "one": "تعارض واحد لم يُدمج",
        "two": "تعارضان لم يُدمجا",
        "few": "{n} تعارضات لم تُدمج",
        "many": "{n} تعارضًا لم يُدمج",
        "other": "{n} تعارض لم يُدمج",
    },
}
