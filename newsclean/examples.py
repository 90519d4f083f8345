"""Running the `examples` of rules: each pack documents and tests itself (`newsclean rules test`, pytest).

An example runs its rule alone, through the same step the pipeline uses for that kind of rule, and checks what
it states: the text after the rule (`out`), whether it fired (`match`), the metadata it found, the stories.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import classify, segment
from .chars import apply_chars
from .emit import story_records
from .engine import Rule, RuleSet
from .engine.patterns import RegexTimeout, document_budget
from .model import Document


@dataclass(slots=True)
class ExampleResult:
    rule: Rule
    index: int
    failure: str | None

    @property
    def ok(self) -> bool:
        return self.failure is None

    def where(self) -> str:
        ex_line = (
            self.rule.spec.get("examples").line_of(self.index) if self.rule.spec.get("examples") else self.rule.line
        )
        return f"{self.rule.file}:{ex_line}"


def run_rule(rule: Rule, text: str, lang: str | None, stories: bool = False) -> Document:
    """`text` through the step that applies `rule`, with no other rule in force (and, with `stories`, a line or
    span rule's output through the split step too, for examples that name stories or a title)."""
    doc = Document.from_text("example", text)
    doc.lang = lang
    alone = RuleSet([rule])
    if rule.kind == "chars":
        apply_chars(doc, [rule], lang)
    elif rule.kind == "split":
        segment.split(doc, alone)
    else:
        classify.strip(doc, alone)
        if stories:
            segment.split(doc, alone)
    return doc


def check_example(rule: Rule, example: dict[str, Any]) -> str | None:
    """Why the example fails, or None."""
    lang = example.get("lang") or (sorted(rule.languages)[0] if rule.languages else "ar")
    try:
        with document_budget():
            doc = run_rule(rule, example["in"], lang, "stories" in example or "title" in example)
    except RegexTimeout as exc:  # the example fails; the others are still run
        return str(exc)
    if rule.kind != "split" and not doc.stories:
        doc.stories = []
    fired = bool(doc.log.edits or doc.found or len(doc.stories) > 1)
    problems = []
    if "match" in example and bool(example["match"]) != fired:
        problems.append(f"expected {'a match' if example['match'] else 'no match'}, got {'one' if fired else 'none'}")
    if "out" in example and doc.text != example["out"]:
        problems.append(f"out: expected {example['out']!r}, got {doc.text!r}")
    for fld in ("tags", "date", "source", "author"):
        if fld in example:
            got = [f.value for f in doc.found if f.field == fld]
            if fld == "tags" and got:
                value = list(dict.fromkeys(tag for tags in got for tag in tags))  # a story's tags are all it names
            else:
                value = got[0] if got else None
            if value != example[fld]:
                problems.append(f"{fld}: expected {example[fld]!r}, got {value!r}")
    if "stories" in example or "title" in example:
        stories = story_records(doc) if doc.stories else []
        if "stories" in example and len(stories) != example["stories"]:
            problems.append(f"stories: expected {example['stories']}, got {len(stories)}")
        if "title" in example:
            title = stories[-1]["title"] if stories else None
            if title != example["title"]:
                problems.append(f"title: expected {example['title']!r}, got {title!r}")
    return "; ".join(problems) or None


def run_examples(rules: RuleSet, only: set[str] | None = None) -> list[ExampleResult]:
    """Every example of every rule (or of the rules in `only`)."""
    out = []
    for rule in rules.all_rules():
        if only and rule.id not in only:
            continue
        for i, example in enumerate(rule.examples):
            out.append(ExampleResult(rule, i, check_example(rule, example)))
    return out
