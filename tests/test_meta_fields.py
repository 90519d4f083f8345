"""Metadata the junk rules read as they take lines out: source, author, date (ISO, with the text it was read from),
tags; and the metadata-only rules that cut nothing."""

from __future__ import annotations

from newsclean.model import Document
from newsclean.pipeline import clean


def _meta(rules, text: str, site: str | None = None) -> tuple[dict, str]:
    doc = clean(Document.from_text("d", text, site=site), rules)
    from newsclean.meta import story_metadata

    return story_metadata(doc, doc.stories[0]), doc.text


def test_agency_line_gives_the_source_and_goes(rules):
    # France 24 (ANT corpus, Apache-2.0), abridged
    meta, text = _meta(rules, "وقالت الشرطة إن التحقيق مستمر في الحادث.\nفرانس 24/ أ ف ب")
    assert meta["source"] == "فرانس 24/ أ ف ب"
    assert text == "وقالت الشرطة إن التحقيق مستمر في الحادث."


def test_lede_dateline_gives_the_source_and_stays(rules):
    # CNN Arabic (ANT corpus, Apache-2.0), abridged
    lede = (
        "دبي، الإمارات العربية المتحدة (CNN)— تمنى الإعلامي السعودي جمال خاشقجي لو قام الرئيس المعزول بما قام به زوما."
    )
    meta, text = _meta(rules, lede)
    assert meta["source"] == "CNN"
    assert text == lede


def test_spa_dateline_gives_date_and_source(rules):
    # Saudi Press Agency page (SaudiNewsNet, CC BY-NC-SA 4.0), abridged
    page = (
        "الخليل 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس\n"
        "هدمت جرافات الاحتلال منزلا في المدينة.\n// انتهى //\n12:34 ت م"
    )
    meta, text = _meta(rules, page, site="was")
    assert (meta["date"], meta["date_text"], meta["source"]) == ("2015-08-11", "11 أغسطس 2015 م", "واس")
    assert text == "هدمت جرافات الاحتلال منزلا في المدينة."


def test_opinion_disclaimer_names_the_author_or_nobody(rules):
    # CNN Arabic and Al Arabiya disclaimers (ANT corpus, Apache-2.0)
    meta, _ = _meta(
        rules,
        "هذا المقال بقلم بشار جرار، متحدث ومدرب، والآراء الواردة أدناه تعبر عن رأي الكاتب ولا تعكس بالضرورة وجهة نظر "
        "شبكة CNN.\nنص المقال يبدأ هنا ويمضي طويلا.",
    )
    assert meta["author"] == "بشار جرار"
    meta, _ = _meta(rules, "نص المقال يبدأ هنا ويمضي طويلا.\n** جميع المقالات المنشورة تمثل رأي كتابها فقط.")
    assert meta["author"] is None


def test_date_line_under_a_title_is_metadata(rules):
    meta, text = _meta(
        rules, "عنوان الخبر هنا\nالخميس، 4 يناير 2024 07:15 م\nنص الخبر الذي يبدأ هنا ويمتد طويلا ويتحدث عن أمور كثيرة."
    )
    assert (meta["date"], meta["date_text"]) == ("2024-01-04", "4 يناير 2024")
    assert "2024" not in text


def test_tag_tail_gives_tags(rules):
    # Ain Al-Yaum tag tail (SaudiNewsNet, CC BY-NC-SA 4.0)
    meta, text = _meta(rules, "وجرى الحادث أمس على طريق المدينة. سمات الأهلي الدوري المصري الزمالك")
    assert meta["tags"] == ["الأهلي", "الدوري", "المصري", "الزمالك"]
    assert text == "وجرى الحادث أمس على طريق المدينة."


def test_tags_one_to_a_line_under_a_label_alone(rules):
    """The label alone names no tag (its words are not tags); the lines under it that close the page are one tag
    each."""
    body = "وختم الوزير كلمته بالدعوة إلى التهدئة وضبط النفس في المنطقة."
    meta, text = _meta(rules, f"{body}\nكلمات مفتاحية\nنبيه بري\nالانتخابات الرئاسية")
    assert (meta["tags"], text) == (["نبيه بري", "الانتخابات الرئاسية"], body)
    meta, text = _meta(rules, f"{body}\nكلمات مفتاحية")
    assert (meta["tags"], text) == ([], body)
    meta, _ = _meta(rules, f"{body}\nالوسوم\nغزة، لبنان")
    assert meta["tags"] == ["غزة", "لبنان"]  # a list on one line is still a list
    persian = "رئیس سازمان گفت این طرح از هفته آینده در همه استان‌ها اجرا می‌شود."
    meta, text = _meta(rules, f"{persian}\nبرچسب‌ها\nبورس تهران\nحافظ")
    assert (meta["tags"], text) == (["بورس تهران", "حافظ"], persian)


def test_persian_signature_source_and_end_mark(rules):
    # Fars News (Persian course data, Apache-2.0), abridged
    page = (
        "این گزارش تهدیدهای پیش روی آمریکا را در قالب دو گروه بررسی می‌کند و بر سرعت تغییر در جهان تأکید دارد.\n"
        "الهام شوشتری‌زاده، پژوهشگر مسائل آمریکا\nمنبع : موسسه ابرار معاصر تهران\nانتهای متن/"
    )
    meta, text = _meta(rules, page)
    assert (meta["author"], meta["source"]) == ("الهام شوشتری‌زاده", "موسسه ابرار معاصر تهران")
    assert text.endswith("تأکید دارد.")
