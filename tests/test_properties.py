"""Properties over generated pages: the log replays to the output, cleaning is deterministic and idempotent."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsclean.edits import Edit, replay
from newsclean.emit import to_text
from newsclean.model import Document
from newsclean.pipeline import clean
from newsclean.record import to_record

from .conftest import DATA

POOLS = {
    name: (DATA / "properties" / f"lines-{name}.txt").read_text(encoding="utf-8").splitlines()
    for name in ("ant", "goud", "fa", "junk")
}
NOISE = st.text(alphabet="ابتثجحخدذرسشصضطظعغفقكلمنهويىئءیکپگ۱۲٣ 0123456789.,،:\n\u200c\u00a0\tـ&;#", max_size=80)


@st.composite
def pages(draw):
    """A page of real lines (Arabic or Persian, with junk lines and noise mixed in)."""
    main = draw(st.sampled_from(["ant", "goud", "fa"]))
    parts = draw(
        st.lists(
            st.one_of(
                st.sampled_from(POOLS[main]),
                st.sampled_from(POOLS["junk"]),
                NOISE,
                st.sampled_from(POOLS["ant"] + POOLS["fa"]),
            ),
            max_size=12,
        )
    )
    return draw(st.sampled_from(["\n", "\r\n", "\n\n"])).join(parts)


def stories_joined(record: dict) -> str:
    return "\n".join(s["text"] if s["title"] is None else s["title"] + "\n" + s["text"] for s in record["stories"])


def replay_record(record: dict) -> str:
    edits = [Edit(r["start"], r["end"], "", r["rule"], True) for r in record["removed"]]
    edits += [Edit(c["start"], c["end"], c["new"], c["rule"]) for c in record["changes"]]
    return replay(record["source"], sorted(edits, key=lambda e: (e.start, e.end)))


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(pages())
def test_replaying_removed_and_changes_on_source_gives_the_stories(rules, page):
    record = to_record(clean(Document.from_text("p", page), rules))
    assert replay_record(record) == stories_joined(record)


@SETTINGS
@given(pages())
def test_cleaning_is_deterministic(rules, page):
    first = json.dumps(to_record(clean(Document.from_text("p", page), rules)), ensure_ascii=False)
    second = json.dumps(to_record(clean(Document.from_text("p", page), rules)), ensure_ascii=False)
    assert first == second


# A span cut makes a byline of the first line (the photo credit goes): the same clean must take the byline too.
BYLINE_BEHIND_CREDIT = (
    "سعد المثال – أبها (تصوير: خالد المثال)\n"
    "قام مكتب العمل في المدينة بزيارة ميدانية مفاجئة يوم أمس للتأكد من التزام المحلات بالقرار الجديد."
)


@SETTINGS
@given(pages())
@example(BYLINE_BEHIND_CREDIT)
def test_cleaning_clean_output_changes_nothing(rules, page):
    once = to_text(clean(Document.from_text("p", page), rules))
    twice = to_text(clean(Document.from_text("p", once), rules))
    assert twice == once


def test_seed_replays_exactly(rules, seed_text):
    record = to_record(clean(Document.from_text("seed", seed_text), rules))
    assert replay_record(record) == stories_joined(record)
    assert len(record["stories"]) == 2


def test_a_line_a_span_cut_leaves_is_read_again_by_every_rule(rules):
    doc = clean(Document.from_text("p", BYLINE_BEHIND_CREDIT), rules)
    assert to_text(doc).startswith("قام مكتب العمل")
    assert {e.rule for e in doc.log.edits if e.removed} == {"base.embed.credit-aside", "ar.byline.name-place"}
    assert [f.value for f in doc.found if f.field == "author"] == ["سعد المثال"]
