"""The default mapping table of reference/arabic-script.md, row by row, through the whole fix step.

Each case runs repair -> chars -> layout with the language given (the language detector has its own tests), so a
row checks what the rules do together, in their order, not one rule alone.
"""

from __future__ import annotations

import pytest

from newsclean import load_rules
from newsclean.chars import fix_chars
from newsclean.model import Document
from newsclean.pipeline import fix
from newsclean.repair import repair

RULES = load_rules()


def fix_as(text: str, lang: str | None) -> str:
    """The fix step on `text` with its language given."""
    doc = Document.from_text("t", text)
    repair(doc, RULES)
    doc.lang = lang
    return fix_chars(doc, RULES).text


def fix_text(text: str) -> tuple[str, str | None]:
    """The fix step as the pipeline runs it: the language detected. (text, language)"""
    doc = fix(Document.from_text("t", text), RULES)
    return doc.text, doc.lang


ZWNJ, ZWJ = "\u200c", "\u200d"
OTHERS = "نص \ufffd Paris™ ½ ﬁ 😀 Москва 東京 ελληνικά"

# (table row, language, input, expected output)
TABLE = [
    # ی U+06CC
    ("ی inside an Arabic word", "ar", "وزارة الدفاع الروسیة", "وزارة الدفاع الروسية"),
    ("ی word-final, word known with ى (shipped list)", "ar", "وصل إلی الرياض", "وصل إلى الرياض"),
    ("ی word-final, the document spells it with ى", "ar", "مشفى المدينة ومشفی", "مشفى المدينة ومشفى"),
    ("ی word-final, the document spells it with ي", "ar", "قال علي إن علی", "قال علي إن علي"),
    ("ی word-final, unknown word", "ar", "الوزير مشایی", "الوزير مشايي"),
    ("ی word-final, the preposition في", "ar", "فی المدينة", "في المدينة"),
    ("ی in Persian text", "fa", "این کتاب", "این کتاب"),
    # ي U+064A, ى U+0649
    ("ي ى in Arabic text", "ar", "في مستشفى", "في مستشفى"),
    ("ي ى in Persian text", "fa", "اين براى", "این برای"),
    # ک U+06A9 / ك U+0643
    ("ک in Arabic text", "ar", "کان الموقف", "كان الموقف"),
    ("ك in Persian text", "fa", "كه مركز", "که مرکز"),
    ("ک in Persian text stays", "fa", "کتاب", "کتاب"),
    # ہ ھ ە
    ("ہ ھ ە in Arabic text", "ar", "الھیئة ہذا ەو", "الهيئة هذا هو"),
    ("ہ ھ ە in Persian text", "fa", "ھمه ہمه ەمه", "همه همه همه"),
    # ۃ
    ("ۃ in Arabic text", "ar", "الصلوۃ", "الصلوة"),
    ("ۃ in Persian text", "fa", "صلوۃ", "صلوه"),
    # ۀ
    ("ۀ in Arabic text", "ar", "مدرسۀ", "مدرسه"),
    ("ۀ in Persian text", "fa", "توسعۀ کشور", "توسعۀ کشور"),
    # هٔ
    ("هٔ in Arabic text", "ar", "مدرسه\u0654", "مدرسه\u0654"),
    ("هٔ in Persian text", "fa", "شبکه\u0654 سه\u0654 سیما", "شبکه\u0654 سه\u0654 سیما"),
    # ة, أ إ آ ٱ ؤ ئ
    ("ة أ إ آ ٱ ؤ ئ in Arabic text", "ar", "مدرسة أحمد إلى آخر ٱلله مؤتمر رئيس", "مدرسة أحمد إلى آخر ٱلله مؤتمر رئيس"),
    ("ة أ إ آ ٱ ؤ ئ in Persian text", "fa", "مسئلة تأثیر إسرائیل آب ٱ مؤسسه", "مسئلة تأثیر إسرائیل آب ٱ مؤسسه"),
    # پ چ ژ گ in Arabic text
    ("پ چ ژ گ ڤ in Arabic text", "ar", "بول پوت وچنكيز وگوگل وڤان", "بول پوت وچنكيز وگوگل وڤان"),
    # ۰–۹
    ("۰-۹ in Arabic text with ASCII digits", "ar", "عام ۲۰۱۵ و 2016", "عام 2015 و 2016"),
    ("۰-۹ in Arabic text with ٠-٩", "ar", "عام ۲۰۱۵ و ٢٠١٦ و ٣", "عام ٢٠١٥ و ٢٠١٦ و ٣"),
    ("۰-۹ in Persian text", "fa", "سال ۱۴۰۰", "سال ۱۴۰۰"),
    # ٠–٩
    ("٠-٩ in Arabic text", "ar", "عام ٢٠١٥", "عام ٢٠١٥"),
    ("٠-٩ in Persian text", "fa", "ساعت ١٦", "ساعت ۱۶"),
    # ASCII digits
    ("ASCII digits in Arabic text", "ar", "عام 2015 بنسبة 4.2", "عام 2015 بنسبة 4.2"),
    ("ASCII digits in Persian text", "fa", "سال 2015 و 4.2", "سال 2015 و 4.2"),
    # tatweel
    ("tatweel stretching a word", "ar", "الـــرياض مـحـمـد", "الرياض محمد"),
    ("tatweel before digits or Latin", "ar", "الـ29 الـCNN بـ30%", "الـ29 الـCNN بـ30%"),
    ("tatweel after an abbreviation", "ar", "1436هـ", "1436هـ"),
    ("tatweel in Persian text", "fa", "بـــزرگ الـ29", "بزرگ الـ29"),
    # diacritics
    ("diacritics kept", "ar", "اللَّهُ أَكْبَرُ", "اللَّهُ أَكْبَرُ"),
    ("diacritics kept in Persian", "fa", "حَتَّی", "حَتَّی"),
    # presentation forms
    ("presentation forms in Arabic text", "ar", "أﮐﺛر ﻣن ﻧﺻف", "أكثر من نصف"),
    ("presentation forms in Persian text", "fa", "ﭘﮋﻭﻫﺶ ﻛﺘﺎﺑﻲ", "پژوهش کتابی"),
    ("ﷺ and ﷽ spelled out", "ar", "محمد ﷺ ﷽", "محمد صلى الله عليه وسلم بسم الله الرحمن الرحيم"),
    ("﷼ in Arabic text", "ar", "147 ﷼", "147 ريال"),
    ("﷼ in Persian text", "fa", "۵۰۰ ﷼", "۵۰۰ ریال"),
    # ZWNJ
    ("ZWNJ in Arabic text", "ar", f"الا{ZWNJ}قتصاد", "الاقتصاد"),
    ("ZWNJ kept in Persian", "fa", f"می{ZWNJ}شود", f"می{ZWNJ}شود"),
    ("ZWNJ run collapsed", "fa", f"خانه{ZWNJ}{ZWNJ}ها", f"خانه{ZWNJ}ها"),
    ("ZWNJ next to spaces dropped", "fa", f"برای{ZWNJ} {ZWNJ}کار", "برای کار"),
    ("ZWNJ after ا د ذ ر ز ژ و dropped", "fa", f"پرتو{ZWNJ}ها خود{ZWNJ}داری تا{ZWNJ}کنون", "پرتوها خودداری تاکنون"),
    # ZWJ
    ("ZWJ in Arabic-script text", "fa", f"وی{ZWJ}{ZWJ}ژه", "ویژه"),
    ("ZWJ inside an emoji sequence", "ar", f"العائلة 👨{ZWJ}👩{ZWJ}👧", f"العائلة 👨{ZWJ}👩{ZWJ}👧"),
    # ZWSP, U+2060, BOM, soft hyphen, U+206A–206F
    ("ZWSP, WJ, BOM, SHY, U+206A-206F", "ar", "\ufeffال\u200bعر\u2060بي\u00adة\u206a", "العربية"),
    # bidi controls
    ("bidi controls", "ar", "\u202bالبتة\u202c \u200fصفحة\u200e \u2066نص\u2069", "البتة صفحة نص"),
    ("bidi marks inside numbers", "ar", "بلغت 26\u200e% و1/\u200f1", "بلغت 26% و1/1"),
    ("full stop displaced in front of a final number", "ar", "في عام .2013\nوقال", "في عام 2013.\nوقال"),
    # NBSP and odd spaces
    (
        "NBSP, U+2000-200A, U+202F, U+205F, U+3000",
        "ar",
        "نص\u00a0\u00a0عربي\u2002و\u2009نص\u202fآخر\u205fهنا\u3000ثم\nسطر",
        "نص عربي و نص آخر هنا ثم\nسطر",
    ),
    # ، ؛ ؟ « » ٫ ٬
    ("، ؛ ؟ « » ٫ ٬ kept", "ar", "قال، «نعم»؛ لماذا؟ ٣٫٥ و١٬٠٠٠", "قال، «نعم»؛ لماذا؟ ٣٫٥ و١٬٠٠٠"),
    ("، ؛ ؟ « » ٫ ٬ kept in Persian", "fa", "گفت، «بله»؛ چرا؟ ۳٫۵ و۱٬۰۰۰", "گفت، «بله»؛ چرا؟ ۳٫۵ و۱٬۰۰۰"),
    # C0/C1 controls
    ("C0/C1 controls except tab, newline, CR", "ar", "نص\x00 عربي\x85\x1a\tو\r\nسطر", "نص عربي و\nسطر"),
    # U+FFFD, Latin, emoji, other scripts
    ("U+FFFD, Latin, emoji, other scripts kept", "ar", OTHERS, OTHERS),
    # Urdu: no letter changes
    ("Urdu letters untouched", "ur", "یہ ایک کتاب ہے، وہ بھی", "یہ ایک کتاب ہے، وہ بھی"),
]


@pytest.mark.parametrize("row, lang, text, expected", TABLE, ids=[row for row, *_ in TABLE])
def test_mapping_table(row, lang, text, expected):
    assert fix_as(text, lang) == expected


@pytest.mark.parametrize(
    "text, expected, lang",
    [
        # The dev set's cases, in sentences of our own (the pages are SaudiNewsNet, CC BY-NC-SA).
        ("أشار إلی أن الوزارة ستعمل على الحد من الظاهرة", "أشار إلى أن الوزارة ستعمل على الحد من الظاهرة", "ar"),
        ("نسأل المولی عز وجل أن يحفظ بلادنا من كل سوء", "نسأل المولى عز وجل أن يحفظ بلادنا من كل سوء", "ar"),
        ("هاد الناس كیعیشوه في المدينة ديال الدار البيضاء", "هاد الناس كيعيشوه في المدينة ديال الدار البيضاء", "ar"),
        ("كانت المدينة تحتفل بالذكرى الـ29 لتأسيسها", "كانت المدينة تحتفل بالذكرى الـ29 لتأسيسها", "ar"),
    ],
)
def test_acceptance_cases_with_detected_language(text, expected, lang):
    assert fix_text(text) == (expected, lang)


def test_darija_keeps_its_gaf():
    text = "الرابور دار فيديو فانستگرام ديالو، والناس كيتسناو الگروب الجديد ديال هاد الفنان"
    assert fix_text(text) == (text, "ar")


def test_persian_keeps_its_letters_and_zwnj_and_loses_arabic_yeh_and_kaf():
    text = "به گزارش خبرگزاري فارس، وي كه با روزنامه ژاپني گفت\u200cوگو مي\u200cكرد، افزود: اين پژوهش طول كشيد."
    out, lang = fix_text(text)
    assert lang == "fa"
    assert out == "به گزارش خبرگزاری فارس، وی که با روزنامه ژاپنی گفت\u200cوگو می\u200cکرد، افزود: این پژوهش طول کشید."
