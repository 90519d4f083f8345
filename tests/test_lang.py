"""Language detection: Arabic, Persian and Urdu from letter statistics; langdetect only where they do not decide."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import lang

from .conftest import DATA

EXCERPTS = [json.loads(line) for line in (DATA / "chars" / "excerpts.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("excerpt", EXCERPTS, ids=[e["id"] for e in EXCERPTS])
def test_real_excerpts(excerpt):
    assert lang.detect(excerpt["text"]) == excerpt["lang"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # Persian typed with Arabic ي and ك: the function words decide, not the letters.
        ("به گزارش خبرگزاري فارس، وي كه با روزنامه آساهي گفت و گو مي كرد افزود", "fa"),
        ("اين خبر مهم است و آنها را براي بررسي به وزارت بردند", "fa"),
        # Arabic typed on a Persian keyboard: ی ک ھ throughout.
        ("الأسر غیر السعودیة: سوف یتأثر الإنفاق الاستھلاکي في جمیع شرائح الدخل، ویرجع ذلك إلی رسوم", "ar"),
        # Moroccan Darija writes گ and is Arabic.
        ("الرابور دار فيديو فانستگرام ديالو، بان فيه انه تلاقا البارح مع الفنان المشهور في فرانسا", "ar"),
        ("واحد الگروب ديال الشباب كيلعبو الكرة فالحومة ديالهم", "ar"),
        # Urdu has letters of its own.
        ("یہ ایک اہم خبر ہے اور وزیر اعظم نے کہا کہ حکومت اس مسئلے کو حل کرے گی", "ur"),
        ("وزیراعظم نے پارلیمنٹ سے خطاب کرتے ہوئے کہا کہ ملک میں ترقی ہو رہی ہے", "ur"),
        # Other languages written in the Arabic script are not Arabic or Persian.
        ("ئەم ڕۆژنامەیە لە هەولێر دەردەچێت و هەواڵی کوردستان بڵاو دەکاتەوە", "ckb"),
        ("د افغانستان په ولایتونو کې ښوونځي پرانیستل شول او زده کوونکي راغلل", "ps"),
    ],
)
def test_arabic_script_languages(text, expected):
    assert lang.detect(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t", "2015", "١٢٣ ۴۵۶ 789", "...", "—", "https://example.com/a/b?c=1", "@user #tag https://t.co/x"],
)
def test_no_words_no_language_and_no_exception(text):
    assert lang.detect(text) is None


def test_latin_text_goes_to_langdetect_and_is_deterministic():
    text = "The ministry said on Sunday that the talks would continue next week in Geneva."
    assert [lang.detect(text) for _ in range(3)] == ["en", "en", "en"]


def test_a_page_with_a_style_sheet_is_still_arabic():
    css = ".box_vote li { list-style: none; margin: 5px; padding: 0; width: auto; } " * 4
    text = "كيف تتناول إفطارك في رمضان؟ تناول جميع الأطعمة مع وقت أذان المغرب أو بعد صلاة العشاء " + css
    assert lang.detect(text) == "ar"


def test_statistics_decide_or_say_they_do_not():
    assert lang.arabic_script("قال الوزير إن الحكومة التي تشكلت في العام الماضي")[0] == "ar"
    assert lang.arabic_script("قیمت دلار")[0] is None


def test_prior_wins_where_the_statistics_do_not_decide():
    assert lang.detect("قیمت دلار امروز", prior="ar") == "ar"
    assert lang.detect("قیمت دلار امروز", prior="fa") == "fa"
    # ... but not where they do.
    assert lang.detect("این خبر مهم است و آنها را براي بررسي بردند", prior="ar") == "fa"


def test_langdetect_is_imported_lazily():
    code = "import sys, newsclean.lang as l; l.detect('قال الوزير إن الحكومة في'); print('langdetect' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["قال", "http://a.b/c", "www.x.ir", "@user", "#وسم", "a@b.c", "x@", "@", "#", " ", "\n", "\u200c"]
        )
    )
)
def test_links_and_handles_are_taken_out_alike_with_or_without_an_at(parts):
    text = "".join(parts)
    assert lang._denoise(text) == lang._NOISE.sub(" ", text)


@pytest.mark.parametrize("invisible", ["\u200c", "\u200d", "\u200f", "\u00ad"])
def test_a_hashtag_goes_whole_with_or_without_the_invisible_characters_in_it(invisible):
    """The chars rules drop or keep them; what the language is read from must not change with them."""
    assert lang._denoise(f"قال #خبر{invisible}فوری اليوم") == lang._denoise("قال #خبرفوری اليوم") == "قال   اليوم"
    assert lang.detect(f"و#۱{invisible}ئ") == lang.detect("و#۱ئ")
