"""The page chrome of sites outside the development data: each line, put between the paragraphs of an article,
goes by its rule, and the article stays; prose shaped like it stays too. Chrome that only a page's head or foot
holds (the masthead, the date stamp) is tested on whole short pages. The lines and pages: tests/data/junk/."""

from __future__ import annotations

import json

import pytest

from newsclean.emit import to_text
from newsclean.model import Document
from newsclean.pipeline import clean

from .conftest import DATA

ROWS = [
    line.split("\t")
    for line in (DATA / "junk" / "page-chrome.tsv").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]

PAGES = [json.loads(line) for line in (DATA / "junk" / "page-heads.jsonl").read_text(encoding="utf-8").splitlines()]

ARTICLE = {
    "ar": (
        "الوزير يبحث العلاقات الثنائية",
        "قال وزير الخارجية إن المحادثات مع الجانب الآخر كانت بناءة ومثمرة، وأكد أن بلاده ستواصل جهودها"
        " الدبلوماسية في الأيام المقبلة.",
        "وختم بالقول إن الحكومة ملتزمة بتنفيذ كل ما تم الاتفاق عليه خلال الاجتماعات السابقة بين الطرفين.",
    ),
    "fa": (
        "وزیر خارجه روابط دوجانبه را بررسی کرد",
        "وزیر امور خارجه گفت که گفتگوها با طرف مقابل سازنده بوده است و کشورش تلاش‌های دیپلماتیک خود را در"
        " روزهای آینده ادامه خواهد داد.",
        "وی در پایان گفت که دولت به اجرای همه توافقات انجام شده در نشست‌های قبلی میان دو طرف پایبند است.",
    ),
}


@pytest.mark.parametrize(("lang", "line", "rule"), ROWS, ids=[f"{row[2]}:{row[1][:24]}" for row in ROWS])
def test_page_chrome_goes_and_the_article_stays(rules, lang, line, rule):
    title, first, last = ARTICLE[lang]
    doc = clean(Document.from_text("page", "\n".join([title, first, line, last])), rules)
    word = max(line.split(), key=len)
    removed = {e.rule for e in doc.log.edits if e.removed and word in doc.source[e.start : e.end]}
    out = to_text(doc)
    assert first in out and last in out
    if rule == "-":
        assert line in out and not removed
    else:
        assert word not in out.replace(first, "").replace(last, "").replace(title, "")
        assert removed == {rule}


@pytest.mark.parametrize("page", PAGES, ids=[p["name"] for p in PAGES])
def test_page_head_and_foot(rules, page):
    doc = clean(Document.from_text("page", page["text"]), rules)
    kept = to_text(doc).splitlines()
    # a line removed in a later pass takes the line break before it as a piece of its own
    pieces = ((doc.source[e.start : e.end].strip(), e.rule) for e in doc.log.edits if e.removed)
    removed = {text: rule for text, rule in pieces if text}
    assert removed == page["gone"]
    assert all(line in kept for line in page["kept"])
