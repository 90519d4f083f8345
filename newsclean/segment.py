"""The split step: where one article ends and the next begins, and which line is each story's title.

Stories start at story separators (form-feed lines of the text format, so cleaning a cleaned file changes
nothing) and at split markers (`split` rules, e.g. a read-also line). A story's first line is its title when it
looks like a headline and a body follows it. Each story gets its own language; a story in another language
than the document has its character step redone for its language.
"""

from __future__ import annotations

from .chars import apply_chars
from .edits import Pending
from .engine import Rule, RuleSet
from .engine.matchers import SENTENCE_END, LineView
from .lang import detect
from .lines import Line, removal_ranges, split_lines
from .model import Document, Story

SEPARATOR_RULE = "structure.story-separator"
_HEADLINE_MAX_WORDS = 30
_HEADLINE_MAX_CHARS = 220


def is_headline(line: str) -> bool:
    """Short, and not ending like a sentence: what a headline looks like."""
    t = line.rstrip(" \"'»”)")
    if not t or len(t) > _HEADLINE_MAX_CHARS or t[-1] in SENTENCE_END or t[-1] in ":،,؛":
        return False
    words = t.split()
    return 2 <= len(words) <= _HEADLINE_MAX_WORDS


def is_body(line: str) -> bool:
    """Longer than a headline, or ending like a sentence: what an article's text looks like."""
    t = line.rstrip(" \"'»”)")
    return bool(t) and (t[-1] in SENTENCE_END or len(t.split()) > _HEADLINE_MAX_WORDS)


def split(doc: Document, rules: RuleSet) -> Document:
    """Cut the document into stories; markers and separators are removed and logged."""
    lines = split_lines(doc.text)
    markers = _markers(lines, rules.select("split", doc.lang))
    opens: list[tuple[int, str]] = [(0, "main")]
    removed = [False] * len(lines)
    for k, rule in markers.items():
        removed[k] = True
        opens.append((k, "separated" if rule is None else "read-also"))
    pending = [
        Pending(s, e, "", SEPARATOR_RULE if markers[k] is None else markers[k].id, True)
        for s, e, k in removal_ranges(lines, removed)
    ]
    spans = []
    bounds = [k for k, _ in opens] + [len(lines)]
    for (k, relation), stop in zip(opens, bounds[1:]):
        body = [ln for j, ln in enumerate(lines[k:stop], k) if not removed[j]]
        if not body:
            continue
        if spans:
            spans.append((doc.log._left(lines[k].start), relation, body))
        else:
            spans.append((0, "main", body))
    if not spans:
        doc.stories = [Story(0, len(doc.source))]
        return doc
    stories = []
    for i, (start, relation, body) in enumerate(spans):
        end = spans[i + 1][0] if i + 1 < len(spans) else len(doc.source)
        titled = len(body) > 1 and is_headline(body[0].text) and is_body(body[1].text)
        stories.append(Story(start, end, relation, titled))
    doc.log.apply(pending)
    doc.stories = stories
    _story_languages(doc, rules)
    return doc


def _markers(lines: list[Line], split_rules: list[Rule]) -> dict[int, Rule | None]:
    """Lines that open a new story: separators (None) and lines a split rule matches."""
    out: dict[int, Rule | None] = {}
    content = [(k, ln) for k, ln in enumerate(lines) if not ln.is_separator]
    total = len(content)
    for k, ln in enumerate(lines):
        if ln.is_separator:
            out[k] = None
    for i, (k, ln) in enumerate(content):
        view = LineView(ln.text, i, total)
        for rule in split_rules:
            if not rule.inline and rule.predicate(view):
                out[k] = rule
                break
    return dict(sorted(out.items()))


def _story_languages(doc: Document, rules: RuleSet) -> None:
    """Each story's language, read from its cleaned text (junk no longer sways it); a story in another language
    than the one its characters were fixed for has the chars step redone. The document takes the language of
    its longest story, so cleaning the output again decides the same way."""
    fixed_in = doc.lang
    longest = (-1, fixed_in)
    for story in doc.stories:
        start = doc.log.to_current(story.start)
        end = _story_end(doc, story)
        lang = detect(doc.text[start:end], prior=fixed_in if len(doc.stories) > 1 else None) or fixed_in
        story.lang = lang
        if lang != fixed_in:
            apply_chars(doc, rules.select("chars", lang, "chars"), lang, start, end)
            apply_chars(doc, rules.select("chars", lang, "layout"), lang, start, _story_end(doc, story))
        if end - start > longest[0]:
            longest = (end - start, lang)
    doc.lang = longest[1]


def _story_end(doc: Document, story: Story) -> int:
    """Where a story's text ends in the current text: before the line break that separates it from the next."""
    end = doc.log.to_current(story.end)
    return end - 1 if end > 0 and doc.text[end - 1] == "\n" else end
