"""langdetect's language profiles, loaded so that a run pays only for the n-grams its texts contain.

langdetect's own loader builds a row of 55 probabilities for each of its 87,598 n-grams before the first
detection: 0.4 s of Python, a tenth of a 2,000-page run that needs langdetect for a handful of pages. Here the
profiles are read as they are, and a row is built the first time a detector asks for it, with langdetect's own
arithmetic in langdetect's own language order, so every answer is the one its loader would give.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping

import orjson


class ProfileRows(Mapping[str, list[float]]):
    """n-gram -> one probability a language, as `DetectorFactory.word_lang_prob_map` holds it, built on demand."""

    def __init__(self, profiles: list[dict], langsize: int) -> None:
        self._freqs = [profile["freq"] for profile in profiles]
        self._n_words = [profile["n_words"] for profile in profiles]
        self._langsize = langsize
        self._words = frozenset().union(*self._freqs)
        self._rows: dict[str, list[float]] = {}

    def __contains__(self, word: object) -> bool:
        return word in self._words

    def __getitem__(self, word: str) -> list[float]:
        row = self._rows.get(word)
        if row is None:
            if word not in self._words:
                raise KeyError(word)
            row = [0.0] * self._langsize
            length = len(word)
            if 1 <= length <= 3:
                for index, freq in enumerate(self._freqs):
                    count = freq.get(word)
                    if count is not None:
                        row[index] = 1.0 * count / self._n_words[index][length - 1]
            self._rows[word] = row
        return row

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)


def install() -> None:
    """Give langdetect's module-level detector a factory whose rows are built on demand (once a process)."""
    from langdetect import detector_factory

    if detector_factory._factory is not None:
        return
    directory = detector_factory.PROFILES_DIRECTORY
    names = os.listdir(directory)  # langdetect's order, and its size of the rows (every directory entry)
    profiles = []
    for name in names:
        path = os.path.join(directory, name)
        if not name.startswith(".") and os.path.isfile(path):
            with open(path, "rb") as handle:
                profiles.append(orjson.loads(handle.read()))
    factory = detector_factory.DetectorFactory()
    factory.langlist = [profile["name"] for profile in profiles]
    factory.word_lang_prob_map = ProfileRows(profiles, len(names))
    detector_factory._factory = factory
