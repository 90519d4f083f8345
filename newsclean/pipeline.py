"""The steps of newsclean and their order; `clean` runs all of them on one document.

Each step is a pure function of one document and the rule set, so a run maps over documents, processes or a
distributed engine without a scheduler of ours. A document remembers the steps it went through: a document that
arrives as JSON from an earlier subcommand continues where it stopped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from . import classify, segment
from . import lang as lang_step
from .chars import fix_chars, judged_by_line
from .edits import EditLog
from .emit import to_text
from .engine import RuleSet
from .engine.patterns import document_budget
from .lines import SEPARATOR
from .model import Document, Story
from .repair import repair

STEPS = ("fix", "strip", "split", "meta")


def fix(doc: Document, rules: RuleSet) -> Document:
    """Unicode repair, the document's language, then the character fixes for that language."""
    repair(doc, rules)
    doc.lang = doc.fixed_lang = doc.lang_hint or lang_step.detect(doc.text)
    return fix_chars(doc, rules)


def strip(doc: Document, rules: RuleSet, stories: bool = False) -> Document:
    """Junk lines and spans out, metadata lines recorded.

    The page is read once more as the next clean will see it, until nothing more goes (so cleaning the output
    changes nothing): by every rule where spans were cut out of lines (`سعد المثال – أبها (تصوير: ...)` is a
    byline once the photo credit is out), else by the rules that look at a line's position or its neighbours,
    when whole lines went. With `stories`, each of the document's stories is read as behind a separator, by the
    rules of the language its letters were fixed for (the split step has given the document its stories' language).
    """
    lang = doc.fixed_lang if stories else doc.lang
    active = rules
    for _ in range(_STRIP_PASSES):
        lines = doc.text.count("\n")
        opens = frozenset(doc.log.to_current(story.start) for story in doc.stories[1:]) if stories else frozenset()
        if classify.strip_once(doc, active, opens=opens, lang=lang):
            active = rules
        elif doc.text.count("\n") != lines:
            active = rules.contextual()  # a rule that reads only its line's text decides the same way again
        else:
            break
        if all(rule.kind == "chars" for rule in active.rules):  # no line or span rule reads the page again
            break
    return doc


_STRIP_PASSES = 8


def split(doc: Document, rules: RuleSet) -> Document:
    """Stories, their titles and languages.

    Where the strip step ran, the page is then stripped again as the next clean will see it, each story behind a
    separator, and split again, until nothing more goes (so cleaning the output changes nothing): cutting out a
    marker leaves lines the strip step never saw (`منبع: خبرگزاری فارس` before an inline `بیشتر بخوانید:` is a
    source line now), and a marker line that went, or a story that opened, changes what a line's neighbours say of
    it. A text file does not record that the strip step ran: only `clean` and JSON records between the steps do.
    """
    text = doc.text
    segment.split(doc, rules)
    if "strip" not in doc.steps:
        return doc
    changed = (doc.text != text or len(doc.stories) > 1) and not _only_separators_went(text, doc)
    for _ in range(_RESPLIT_PASSES):
        if not changed:
            break
        text = doc.text
        strip(doc, rules, stories=True)
        if doc.text == text:
            break
        text, starts = doc.text, [story.start for story in doc.stories]
        segment.split(doc, rules, prior=doc.stories)
        changed = doc.text != text or [story.start for story in doc.stories] != starts
    return doc


_RESPLIT_PASSES = 4


def _only_separators_went(text: str, doc: Document) -> bool:
    """Whether the split step took out nothing but separator lines, each story opening where one stood: the strip
    step read the page with those breaks already (cleaning clean output, a pre-commit hook's daily work)."""
    return all(story.relation == "separated" for story in doc.stories[1:]) and doc.text == "\n".join(
        line for line in text.split("\n") if line != SEPARATOR
    )


def meta(doc: Document, rules: RuleSet) -> Document:
    """Metadata without removing anything, for a document whose junk was not stripped."""
    if "strip" not in doc.steps:
        classify.strip(doc, rules, remove=False)
    return doc


_STEP_FUNCTIONS: dict[str, Callable[[Document, RuleSet], Document]] = {
    "fix": fix,
    "strip": strip,
    "split": split,
    "meta": meta,
}


def run(doc: Document, rules: RuleSet, steps: Iterable[str] = STEPS) -> Document:
    """Run the named steps, in pipeline order, that the document has not been through yet.

    Once junk is out and stories are apart, the text can read as another language than the raw page did (an
    Arabic tag cloud on a Persian page), or its stories can be in different languages. Then the document is cleaned
    again from its source, each story's characters fixed for its language from the start, so that cleaning the
    output decides the same way and changes nothing. Where the languages still swing after a few readings, the
    latest reading whose output a next clean keeps is the answer. Only the call that splits the document settles
    it: a record the split step wrote was settled then, and the meta step takes its stories as they come.
    """
    with document_budget():
        return _run(doc, rules, steps)


def _run(doc: Document, rules: RuleSet, steps: Iterable[str], verify: bool = True) -> Document:
    rules = rules.for_site(doc.site)
    wanted = set(steps)
    splitting = "split" in wanted and "split" not in doc.steps  # a record split before was settled then
    doc = _run_steps(doc, rules, wanted)
    tried: list[str | None] = []
    states = [doc]
    for _ in range(_SETTLE_TRIES):
        if not splitting or _settled(doc):
            break
        ranges = _story_ranges(doc)
        tried.append(doc.fixed_lang)
        fresh = Document(id=doc.id, log=EditLog(doc.source), fields=doc.fields, site=doc.site, lang_hint=doc.lang)
        fresh.lang_ranges = ranges
        fresh.prior_stories = doc.stories if ranges else None  # as a separator would keep them on the next clean
        junk_langs = {lang for _, _, lang in ranges or ()}
        if doc.lang in tried or doc.junk_langs:
            # the language swings with the junk each language's rules take out: take out the junk of both
            junk_langs |= {x for x in (*tried, doc.lang, *(doc.junk_langs or ())) if x}
        if len(junk_langs) > 1:
            fresh.junk_langs = tuple(sorted(junk_langs))
        doc = _run_steps(fresh, rules, set(doc.steps))
        states.append(doc)
    else:
        if verify and not _settled(doc):  # every try ran: only a call that splits gets here
            # the languages swing from one reading to the other and back: keep the reading whose output a next
            # clean leaves as it is (a cleaning of the output text, done only for these rare pages)
            doc = _steadiest(states[-2:], rules)
    return _with_stories(doc)


_SETTLE_TRIES = 4


def _settled(doc: Document) -> bool:
    """Whether the document's languages agree with the letters its stories were fixed in (or it was not split)."""
    return "split" not in doc.steps or (doc.lang == doc.fixed_lang and _story_ranges(doc) == doc.lang_ranges)


def _with_stories(doc: Document) -> Document:
    if not doc.stories:
        doc.stories = [Story(0, len(doc.source), lang=doc.lang)]
    return doc


def _steadiest(candidates: list[Document], rules: RuleSet) -> Document:
    """Of the last readings of a page whose languages did not settle, the latest whose text a next clean keeps
    as it is, else the latest."""
    for doc in reversed(candidates):
        out = to_text(_with_stories(doc))
        again = _run(Document.from_text(doc.id, out), rules, doc.steps, verify=False)
        if to_text(again) == out:
            return doc
    return candidates[-1]


def _story_ranges(doc: Document) -> list[tuple[int, int, str]] | None:
    """The stories' source ranges with their languages, where they are not all in the document's language."""
    if all(story.lang in (None, doc.lang) for story in doc.stories):
        return None
    return [(story.start, story.end, story.lang or doc.lang) for story in doc.stories]


def _run_steps(doc: Document, rules: RuleSet, wanted: set[str]) -> Document:
    for name in STEPS:
        if name in wanted and name not in doc.steps:
            if name != "fix" and "fix" not in doc.steps:
                _STEP_FUNCTIONS["fix"](doc, rules)
                doc.steps.append("fix")
            _STEP_FUNCTIONS[name](doc, rules)
            doc.steps.append(name)
            if name in ("strip", "split") and judged_by_line(doc, rules):
                fix_chars(doc, rules, doc.fixed_lang)  # what a cut left of a line is judged again
    return doc


def clean(doc: Document, rules: RuleSet) -> Document:
    """Every step: the whole of newsclean on one document."""
    return run(doc, rules, STEPS)
