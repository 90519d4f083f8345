"""CharMap gives exactly what str.translate gives, for the tables newsclean folds with and for any table."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsclean import dates, lang, openers
from newsclean.charmap import CharMap
from newsclean.engine import fold, matchers

# Arabic-script letters, marks, digits and joiners, the characters the tables map, with some Latin and spaces.
_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.sampled_from("\u200c\u200d\u200e\u200f ،.:\nabcAB12"),
    ),
    max_size=200,
)
_SHIPPED = {
    "engine.fold": fold._FOLD,
    "openers": openers._FOLD,
    "lang": lang._FOLDS,
    "matchers": matchers._SAME_TEXT,
    "dates": dates._FOLD_TEXT,
}


@given(_TEXT)
def test_shipped_tables_translate(text: str) -> None:
    for name, charmap in _SHIPPED.items():
        assert charmap(text) == text.translate(charmap._table), name


def test_shipped_tables_take_the_fast_path() -> None:
    assert all(charmap._pairs is not None for charmap in _SHIPPED.values())


_SMALL = st.sampled_from("abcdeي ی")
_TABLES = st.dictionaries(
    st.builds(ord, _SMALL),
    st.one_of(st.none(), st.builds(ord, _SMALL), st.text(alphabet=_SMALL, max_size=3)),
    max_size=5,
)


@given(_TABLES, st.text(alphabet=_SMALL, max_size=40))
def test_any_table_translates(table: dict, text: str) -> None:
    """Chains where chaining is the same as translating, translates where a replacement holds a mapped key."""
    assert CharMap(table)(text) == text.translate(table)


def test_a_table_that_maps_its_own_output_is_translated_at_once() -> None:
    table = str.maketrans({"a": "b", "b": "c"})
    charmap = CharMap(table)
    assert charmap._pairs is None
    assert charmap("ab") == "bc"
