# ruff: noqa: E501  (a translation catalogue: one entry per line reads best)
"""Arabic strings of the Team progress window (``ui/progress/``) and of its trend plot.

The plot (:func:`annotator.team.progress_html.trend_plot`) is worded through ``say``; its counted
phrase "{n} document(s)" has its plural forms in the shared tables (``ui/i18n/plurals*.py``).
"""

CATALOGUE: dict[str, str] = {
    # the window
    "Team progress": "تقدّم الفريق",
    "Team &progress…": "&تقدّم الفريق…",
    "Idle gap (minutes):": "فجوة الخمول (بالدقائق):",
    "A pause longer than this between two events of an annotator is not counted as work.": "لا تُحتسب عملًا أي استراحة بين حدثين للموسِّم أطول من هذه المدة.",
    "Refresh": "تحديث",
    "Compute the figures again from the project file": "إعادة حساب الأرقام من ملف المشروع",
    "Computing team progress…": "جارٍ حساب تقدّم الفريق…",
    "No progress report: {error}": "لا تقرير تقدّم: {error}",
    "No activity recorded yet": "لم يُسجَّل أي نشاط بعد",
    "No annotator has worked in this project yet: time, documents done and suggestion decisions appear here once someone annotates (or once their project files are merged).": "لم يعمل أي موسِّم في هذا المشروع بعد: يظهر هنا الوقت والمستندات المنجزة وقرارات الاقتراحات حين يبدأ أحدهم التوسيم (أو حين تُدمج ملفات مشاريعهم).",
    "Documents done: {documents} · Active hours: {hours} · Idle gap: {idle} min · Days are UTC.": "المستندات المنجزة: {documents} · ساعات العمل الفعلي: {hours} · فجوة الخمول: {idle} دقيقة · الأيام بالتوقيت العالمي المنسَّق.",
    "Time saved by suggestions: {minutes} min (95% interval {low} to {high})": "الوقت الذي وفّرته الاقتراحات: {minutes} دقيقة (مجال الثقة 95%: من {low} إلى {high})",
    "Time saved by suggestions: not measurable yet (it needs both accepted suggestions and spans tagged by hand)": "الوقت الذي وفّرته الاقتراحات: لا يمكن قياسه بعد (يلزم قبول اقتراحات وتوسيم كيانات يدويًا معًا)",
    "Per annotator": "لكل موسِّم",
    "Per annotator and day": "لكل موسِّم ويوم",
    "Suggestion acceptance": "قبول الاقتراحات",
    "Time saved by suggestions": "الوقت الذي وفّرته الاقتراحات",
    "Agreement on the overlap sample": "الاتفاق على العيّنة المشتركة",
    "Worst pairs": "أسوأ الأزواج",
    "Worst labels": "أسوأ الوسوم",
    "No overlap sample is recorded in this project: File → Distribute to annotators… records one, and agreement is tracked on it.": "لم تُسجَّل عيّنة مشتركة في هذا المشروع: ملف ← التوزيع على الموسِّمين… يسجّل واحدة، ويُتابَع الاتفاق عليها.",
    "Agreement on the overlap sample needs two annotators who have finished overlap documents.": "يحتاج الاتفاق على العيّنة المشتركة إلى موسِّمَين أنجزا مستندات منها.",
    "Save the progress report as JSON": "حفظ تقرير التقدّم بصيغة JSON",
    # table headers and cells
    "Day": "اليوم",
    "Documents done": "المستندات المنجزة",
    "Active hours": "ساعات العمل الفعلي",
    "Entities per active hour": "كيانات لكل ساعة عمل",
    "Median s per document": "وسيط الثواني لكل مستند",
    "By": "حسب",
    "Recommender or label": "المقترِح أو الوسم",
    "Accepted": "المقبولة",
    "Rejected": "المرفوضة",
    "Acceptance rate": "نسبة القبول",
    "recommender": "المقترِح",
    "label": "الوسم",
    "Who": "مَن",
    "s per accepted": "ثوانٍ لكل مقبول",
    "Manual spans": "الكيانات اليدوية",
    "s per manual span": "ثوانٍ لكل كيان يدوي",
    "Seconds saved": "الثواني الموفَّرة",
    "95% interval": "مجال الثقة 95%",
    "{low} to {high}": "من {low} إلى {high}",
    "whole team": "الفريق كله",
    "Annotator pair": "زوج الموسِّمين",
    # the trend plot (annotator/team/progress_html.py, worded through ui.progress.wording.say)
    "Agreement on the overlap sample, by day": "الاتفاق على العيّنة المشتركة، يومًا بيوم",
    "Span F1, exact (mean over pairs)": "F1 للكيانات، تطابق تام (متوسط الأزواج)",
    "Fleiss' κ": "كابا فلايس",
    "Krippendorff's α": "ألفا كريبندورف",
    "no overlap document is finished by two annotators yet": "لم يُنجز موسِّمان أي مستند من العيّنة المشتركة بعد",
}
