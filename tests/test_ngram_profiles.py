"""The on-demand profile rows give langdetect exactly what its own loader gives it."""

from __future__ import annotations

import json

from langdetect import DetectorFactory
from langdetect.detector_factory import PROFILES_DIRECTORY

from newsclean import ngram_profiles

from .conftest import DATA

EXCERPTS = [json.loads(line) for line in (DATA / "chars" / "excerpts.jsonl").read_text(encoding="utf-8").splitlines()]
LATIN = [
    "The minister said on Tuesday that the talks would resume next week in Geneva.",
    "Le ministre a déclaré mardi que les négociations reprendraient la semaine prochaine.",
    "Der Minister sagte am Dienstag, die Gespräche würden nächste Woche fortgesetzt.",
    "El ministro dijo que las conversaciones se reanudarán la próxima semana.",
]


def _own_loader() -> DetectorFactory:
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    return factory


def test_rows_equal_langdetects_own():
    own = _own_loader()
    ngram_profiles.install()
    from langdetect import detector_factory

    lazy = detector_factory._factory
    assert lazy.langlist == own.langlist
    assert len(lazy.word_lang_prob_map) == len(own.word_lang_prob_map)
    assert set(lazy.word_lang_prob_map) == set(own.word_lang_prob_map)
    for word, row in own.word_lang_prob_map.items():
        assert lazy.word_lang_prob_map[word] == row, word
    assert "no such n-gram" not in lazy.word_lang_prob_map


def test_same_probabilities_as_langdetects_own():
    own = _own_loader()
    ngram_profiles.install()
    from langdetect import detector_factory

    lazy = detector_factory._factory
    for text in LATIN + [excerpt["text"] for excerpt in EXCERPTS]:
        answers = []
        for factory in (own, lazy):
            detector = factory.create()
            detector.seed = 0
            detector.append(text)
            answers.append([(p.lang, p.prob) for p in detector.get_probabilities()])
        assert answers[0] == answers[1], text[:60]
