# ruff: noqa: E501  (a translation catalogue: one entry per line reads best)
"""Arabic strings of the suggestions feature (ui/suggestions/, the About box); merged by ``ar.py``."""

CATALOGUE: dict[str, str] = {
    # menus
    "&Suggestions": "&الاقتراحات",
    "&Next suggestion (N)": "الاقتراح ال&تالي (N)",
    "&Previous suggestion (P)": "الاقتراح ال&سابق (P)",
    "&Accept the suggestion (Enter)": "&قبول الاقتراح (Enter)",
    "&Reject the suggestion (Backspace)": "&رفض الاقتراح (Backspace)",
    "Accept all of this &label in the document (Shift+Enter)": "قبول كل اقتراحات هذا ال&وسم في المستند (Shift+Enter)",
    "Reject all with this text and label in the &document (Shift+Backspace)": "رفض كل ما له هذا النص وهذا الوسم في ال&مستند (Shift+Backspace)",
    "Reject all with this text and label in the &project": "رفض كل ما له هذا النص وهذا الوسم في الم&شروع",
    "Accept all above a &score…": "قبول كل ما فوق &درجة معيّنة…",
    "Pre-&annotate documents…": "&توسيم المستندات مسبقًا…",
    "&Train the project model…": "&تدريب نموذج المشروع…",
    "Order documents by model &uncertainty": "ترتيب المستندات حسب &عدم يقين النموذج",
    "&About Hashiya": "&عن حاشية",
    # the view and the keys
    "suggested by {sources} · score {score}": "اقترحه {sources} · الدرجة {score}",
    "No suggestion chosen: press N to go to the next one": "لم يُختر اقتراح: اضغط N للانتقال إلى التالي",
    "No suggestions to decide in this document": "لا اقتراحات بانتظار القرار في هذا المستند",
    "Suggestion {label}: {text} ({about}). Enter accepts, Backspace rejects": "اقتراح {label}: {text} ({about}). Enter للقبول، Backspace للرفض",
    "Suggestions (dashed boxes): N / P next / previous suggestion, Enter accept, Backspace reject,\n"
    "Shift+Enter accept all of this label in the document, a label key accept with that label,\n"
    "Shift+Backspace reject all with this text and label in the document. Suggestions menu: the same\n"
    "in the whole project, accept all above a score, pre-annotate documents in the background,\n"
    "train the project model.": "الاقتراحات (مربعات متقطعة): N / P الاقتراح التالي / السابق، Enter للقبول، Backspace للرفض،\n"
    "Shift+Enter لقبول كل اقتراحات هذا الوسم في المستند، ومفتاح وسم لقبوله بذلك الوسم،\n"
    "Shift+Backspace لرفض كل ما له هذا النص وهذا الوسم في المستند. قائمة الاقتراحات: الأمر نفسه\n"
    "في المشروع كله، وقبول كل ما فوق درجة معيّنة، وتوسيم المستندات مسبقًا في الخلفية،\n"
    "وتدريب نموذج المشروع.",
    # accept above a score
    "Accept suggestions above a score": "قبول الاقتراحات فوق درجة معيّنة",
    "Lowest score to accept:": "أدنى درجة للقبول:",
    "No suggestion scores that much": "لا اقتراح يبلغ هذه الدرجة",
    # document order
    "Uncertainty": "عدم اليقين",
    "Documents ordered least confident first": "رُتّبت المستندات من الأقل ثقة إلى الأكثر",
    "No model has scored these documents yet: pre-annotate them first": "لم يقيّم أي نموذج هذه المستندات بعد: وسّمها مسبقًا أولًا",
    # pre-annotation
    "Pre-annotate documents": "توسيم المستندات مسبقًا",
    "Suggest entities after &import": "اقتراح الكيانات بعد الا&ستيراد",
    "model F1 {f1} · learned at {time}": "النموذج: F1 {f1} · تعلّم الساعة {time}",
    "Recommenders": "المقترِحات",
    "Gazetteer: countries, cities, regions (offline)": "المعجم الجغرافي: دول ومدن ومناطق (دون اتصال)",
    "Text tagged elsewhere in the project (offline)": "نصوص وُسمت في مواضع أخرى من المشروع (دون اتصال)",
    "Trained model, CRF (offline)": "النموذج المدرَّب CRF (دون اتصال)",
    "camel-tools NER (AraBERT)": "التعرف على الكيانات في camel-tools (AraBERT)",
    "Choose a camel-tools model folder…": "اختيار مجلد نموذج camel-tools…",
    "Folder of a camel-tools NER model": "مجلد نموذج التعرف على الكيانات في camel-tools",
    "camel-tools NER model: {folder}": "نموذج camel-tools للتعرف على الكيانات: {folder}",
    "camel-tools NER is not installed, so it is switched off. The other recommenders work offline.": "نموذج camel-tools للتعرف على الكيانات غير مثبَّت، لذا عُطِّل. تعمل المقترِحات الأخرى دون اتصال.",
    "Missing in {folder}: {missing}.": "ينقص في {folder}: {missing}.",
    "To install it (about 540 MB, needs internet), run:": "لتثبيته (نحو 540 ميغابايت، ويحتاج إلى الإنترنت) شغّل:",
    # what may be missing (annotator/recommenders/camel_status.py)
    "the Python package {name}": "حزمة بايثون {name}",
    "the model folder": "مجلد النموذج",
    "model weights (model.safetensors or pytorch_model.bin)": "أوزان النموذج (model.safetensors أو pytorch_model.bin)",
    "id2label with an 'O' label in config.json": "id2label فيه الوسم 'O' في config.json",
    # why a recommender cannot run (annotator/recommenders registry and camel_status, worded through say):
    # the tooltips of the pre-annotate dialog's disabled boxes
    "nothing tagged yet that you may learn from": "لا توسيمات بعد يُتاح لك التعلّم منها",
    "camel-tools NER model found in {folder}": "نموذج camel-tools للتعرف على الكيانات موجود في {folder}",
    "{folder} (camel-tools' data folder)": "{folder} (مجلد بيانات camel-tools)",
    "camel-tools NER is not available: missing {missing} in {where}. Install the model with: {command} (about 540 MB; it needs internet), or choose a folder holding a BERT token-classification model in the settings. The offline recommenders (gazetteer, string matching, the trained model) keep working.": "التعرف على الكيانات في camel-tools غير متاح: ينقص {missing} في {where}. ثبّت النموذج بالأمر {command} (نحو 540 ميغابايت، ويحتاج إلى الإنترنت)، أو اختر مجلدًا فيه نموذج BERT لتصنيف الكلمات. تبقى المقترِحات التي تعمل دون اتصال (المعجم الجغرافي، ومطابقة النصوص، والنموذج المدرَّب) في الخدمة.",
    "This document": "هذا المستند",
    "Documents not marked done": "المستندات غير المنجزة",
    "All documents": "كل المستندات",
    "Runs in the background: keep annotating; suggestions appear as documents are done.": "يعمل في الخلفية: تابع التوسيم، وتظهر الاقتراحات كلما انتهى مستند.",
    "Run": "تشغيل",
    "Cancel": "إلغاء",
    "Cancelling…": "جارٍ الإلغاء…",
    "Pre-annotating…": "جارٍ التوسيم المسبق…",
    "Loading models…": "جارٍ تحميل النماذج…",
    "Pre-annotation failed": "فشل التوسيم المسبق",
    "Pre-annotation in the background needs a project saved to a file": "يحتاج التوسيم المسبق في الخلفية إلى مشروع محفوظ في ملف",
    "Pre-annotation is already running": "التوسيم المسبق قيد التشغيل",
    "No documents to pre-annotate": "لا مستندات للتوسيم المسبق",
    # training
    "Train the project model": "تدريب نموذج المشروع",
    "Also learn from documents in progress": "التعلّم أيضًا من المستندات قيد العمل",
    "Train": "تدريب",
    "Cancel training": "إلغاء التدريب",
    "Close": "إغلاق",
    "Training…": "جارٍ التدريب…",
    "cross-validation {fold}/{folds}": "التحقق المتقاطع {fold} من {folds}",
    "training on all documents": "التدريب على كل المستندات",
    "Training in the background needs a project saved to a file.": "يحتاج التدريب في الخلفية إلى مشروع محفوظ في ملف.",
    "Your 'crf' runs now use this model; other annotators' runs do not.": (
        "تستخدم تشغيلاتك للمقترِح 'crf' هذا النموذج الآن، ولا تستخدمه تشغيلات الموسِّمين الآخرين."
    ),
    "Too few documents to cross-validate (at least 2).": "المستندات أقل من أن يُجرى عليها تحقق متقاطع (مستندان على الأقل).",
    "Project model trained and saved": "دُرّب نموذج المشروع وحُفظ",
    "Training failed: {error}": "فشل التدريب: {error}",
    "Training cancelled; the previous model is kept.": "أُلغي التدريب؛ أُبقي على النموذج السابق.",
    "Precision": "الدقة",
    "Recall": "الاستدعاء",
    "Gold": "المرجع",
    "Predicted": "المتوقَّع",
    "micro": "إجمالي (micro)",
    # about
    "About Hashiya": "عن حاشية",
    "Annotating Arabic news articles: entities, relations, suggestions, agreement.": "توسيم المقالات الإخبارية العربية: كيانات وعلاقات واقتراحات واتفاق بين الموسِّمين.",
    "Acknowledgements and licences": "شكر وتراخيص",
}
