"""One rule of a pack: its schema, its validation and its compiled form.

A rule finds (its `match`); the step that applies it decides what happens to the text (its `action`). Kinds:
`line` labels whole lines, `span` cuts a piece out of a line, `chars` rewrites characters, `split` opens a new
story. Everything a pack can say is checked here, before any document is touched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import PackError
from .gates import OPEN, DocumentGate, all_of, gate_of, span_gate
from .matchers import CompileContext, Predicate, SpanFinder, _resolve_lists, compile_matcher, compile_span
from .patterns import compile_pattern, pattern_error

KINDS = ("line", "span", "chars", "split")
STAGES = ("unescape", "repair", "chars", "layout")
META_FIELDS = ("date", "source", "tags", "author")
RULE_KEYS = {"id", "description", "kind", "label", "language", "match", "line", "action", "stage", "examples"}
EXAMPLE_KEYS = {"in", "out", "match", "lang", "tags", "date", "source", "author", "title", "stories", "label"}
DEFAULT_LABELS = {
    "drop": "boilerplate",
    "title": "title",
    "split": "split.marker",
    "map": "chars",
    "replace": "chars",
    "fix": "chars",
}


@dataclass(slots=True)
class Rule:
    """A compiled rule. `predicate` tests a line; `finder` finds the spans a span rule cuts (and the markers an
    inline split rule finds); `pattern` is the regex of chars, inline split and regex span rules."""

    id: str
    kind: str
    op: str
    label: str
    pack: str
    file: str
    line: int
    description: str = ""
    languages: frozenset[str] | None = None
    predicate: Predicate | None = None
    pattern: Any = None
    line_predicate: Predicate | None = None
    finder: SpanFinder | None = None
    meta_field: str | None = None
    value_pattern: Any = None
    drop_words: frozenset[str] = frozenset()
    one_tag: bool = False  # a tags rule's value is one tag (tags set one to a line), not a list of them
    keep: bool = False
    with_date: bool = False
    inline: bool = False
    table: dict[int, str] | None = None
    replacement: str | None = None
    fixer: Callable | None = None
    stage: str = "chars"
    examples: list[dict] = field(default_factory=list)
    spec: dict = field(default_factory=dict, repr=False)
    gate: DocumentGate = field(default_factory=lambda: DocumentGate(OPEN), repr=False)
    contextual: bool = False  # whether its match looks at a line's position or at other lines

    def applies_to(self, lang: str | None) -> bool:
        """Whether the rule runs on text in `lang` (rules without a language run on every text)."""
        return self.languages is None or lang in self.languages


def compile_rule(spec: Any, *, pack: str, file: str, line: int, ctx: CompileContext, pack_language: Any) -> Rule:
    """Validate one rule mapping and compile it; raises PackError naming the file, line and rule."""
    if not isinstance(spec, dict):
        raise PackError(file, line, "a rule must be a mapping with at least id, kind, match and action")
    rid = spec.get("id")
    if not isinstance(rid, str) or not rid.strip() or any(c.isspace() for c in rid):
        raise PackError(file, line, "rule without a valid id (a non-empty string without spaces)")
    ctx.rule = rid

    def fail(key: str | None, message: str) -> PackError:
        return PackError(file, spec.line_of(key) if key and hasattr(spec, "line_of") else line, message, rid)

    unknown = sorted(set(spec) - RULE_KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown key {unknown[0]!r} (expected {', '.join(sorted(RULE_KEYS))})")
    kind = spec.get("kind")
    if kind not in KINDS:
        raise fail("kind", f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    languages = _languages(spec.get("language", pack_language), fail)
    op, options = _action(spec.get("action"), kind, fail)
    rule = Rule(
        id=rid,
        kind=kind,
        op=op,
        label="",
        pack=pack,
        file=file,
        line=line,
        description=str(spec.get("description", "")),
        languages=languages,
        spec=spec,
    )
    match = spec.get("match")
    mline = spec.line_of("match") if hasattr(spec, "line_of") else line
    if kind == "split" and isinstance(options.get("split"), dict) and options["split"].get("inline") is True:
        # an inline marker is found inside a line, as a span rule finds what it cuts (regex, needs, tail)
        if not isinstance(match, dict) or "regex" not in match:
            raise fail("match", "an inline split rule needs match.regex")
        rule.finder, rule.pattern = compile_span(match, ctx, mline)
        rule.gate = DocumentGate(span_gate(match, ctx.trusted))
    elif kind in ("line", "split"):
        if match is None:
            raise fail(None, f"a {kind} rule needs a match")
        rule.predicate = compile_matcher(match, ctx, mline)
        rule.gate = DocumentGate(gate_of(match, ctx.trusted))
    elif kind == "span":
        if match is None:
            raise fail(None, "a span rule needs a match ({regex: PATTERN} or {repeats: ...})")
        rule.finder, rule.pattern = compile_span(match, ctx, mline)
        gates = [span_gate(match, ctx.trusted)]
        if "line" in spec:
            rule.line_predicate = compile_matcher(spec["line"], ctx, spec.line_of("line"))
            gates.append(gate_of(spec["line"], ctx.trusted))
        rule.gate = DocumentGate(all_of(gates))
    elif match is not None:
        rule.pattern = _pattern_of(match, ctx, fail, "a chars rule's match must be {regex: PATTERN}")
    if "line" in spec and kind != "span":
        raise fail("line", "only span rules take a line condition")
    stage = spec.get("stage", "chars")
    if kind != "chars" and "stage" in spec:
        raise fail("stage", "only chars rules take a stage")
    if stage not in STAGES:
        raise fail(
            "stage", "stage must be unescape (first), repair (before language detection), chars or layout (last)"
        )
    rule.stage = stage
    if stage in _BEFORE_LANGUAGE:
        # these run before the language is known: a pack's language does not hold them back, a rule's own cannot
        if "language" in spec and rule.languages is not None:
            raise fail("language", f"a {stage}-stage rule runs before the language is known: drop its language")
        rule.languages = None
    _compile_action(rule, op, options, ctx, fail, mline)
    rule.label = spec.get("label") or (f"meta.{rule.meta_field}" if op == "meta" else DEFAULT_LABELS[op])
    if not isinstance(rule.label, str):
        raise fail("label", "label must be a string")
    rule.examples = _examples(spec.get("examples"), fail)
    rule.contextual = _looks_around(match) or _looks_around(spec.get("line"))
    return rule


_BEFORE_LANGUAGE = ("unescape", "repair")
_CONTEXT_KEYS = frozenset(
    {"position", "next", "prev", "near", "under", "echoes", "named_below", "head", "block", "run", "repeats"}
)


def _looks_around(spec: Any) -> bool:
    """Whether a matcher spec depends on where the line stands or on other lines (not on its text alone)."""
    if isinstance(spec, dict):
        return any(key in _CONTEXT_KEYS or _looks_around(value) for key, value in spec.items())
    if isinstance(spec, list):
        return any(_looks_around(item) for item in spec)
    return False


# The codes the language step gives a text (`newsclean.lang.detect`): langdetect's, and the languages of the Arabic
# script it tells apart by their own letters. A rule for any other code would never run.
LANGUAGE_CODES = frozenset(
    "af ar bg bn ca cs cy da de el en es et fa fi fr gu he hi hr hu id it ja kn ko lt lv mk ml mr ne nl no pa pl pt "
    "ro ru sk sl so sq sv sw ta te th tl tr uk ur vi zh-cn zh-tw ps ckb sd ug".split()
)


def _languages(value: Any, fail) -> frozenset[str] | None:
    if value is None or value == "any":
        return None
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(x, str) and x for x in items):
        raise fail("language", "language must be a code (ar, fa, ...) or a list of codes")
    unknown = sorted(set(items) - LANGUAGE_CODES)
    if unknown:
        raise fail("language", f"unknown language {unknown[0]!r} (a code the language step gives: ar, fa, en, ...)")
    return frozenset(items)


_ACTIONS_BY_KIND = {
    "line": ("drop", "meta", "title"),
    "span": ("drop", "meta"),
    "chars": ("map", "replace", "fix"),
    "split": ("split",),
}


def _action(value: Any, kind: str, fail) -> tuple[str, dict]:
    """The action's name and options: `drop`, or a one-key mapping such as `{meta: tags, drop_words: ...}`."""
    allowed = _ACTIONS_BY_KIND[kind]
    if value is None:
        raise fail(None, f"a {kind} rule needs an action ({', '.join(allowed)})")
    if isinstance(value, str):
        op, options = value, {}
    elif isinstance(value, dict):
        ops = [k for k in value if k in ("drop", "meta", "title", "split", "map", "replace", "fix")]
        if len(ops) != 1:
            raise fail("action", f"action must name exactly one of {', '.join(allowed)}")
        op = ops[0]
        options = dict(value)
    else:
        raise fail("action", f"action must be one of {', '.join(allowed)} or a mapping")
    if op not in allowed:
        raise fail("action", f"a {kind} rule's action must be one of {', '.join(allowed)}, not {op!r}")
    return op, options


def _pattern_of(match: Any, ctx: CompileContext, fail, message: str):
    if not isinstance(match, dict) or not isinstance(match.get("regex"), str) or set(match) != {"regex"}:
        raise fail("match", message)
    err = pattern_error(match["regex"], ctx.trusted)
    if err:
        raise fail("match", f"regex does not compile: {err}")
    return compile_pattern(match["regex"], ctx.rule, ctx.trusted, ctx.timeout)


def _compile_action(rule: Rule, op: str, options: dict, ctx: CompileContext, fail, mline: int) -> None:
    allowed = {
        "drop": {"drop"},
        "title": {"title"},
        "meta": {"meta", "value", "drop_words", "keep", "with_date", "one_tag"},
        "split": {"split"},
        "map": {"map"},
        "replace": {"replace"},
        "fix": {"fix"},
    }[op]
    unknown = sorted(set(options) - allowed)
    if unknown:
        raise fail("action", f"action {op}: unknown option {unknown[0]!r} (expected {', '.join(sorted(allowed))})")
    if op == "meta":
        fld = options["meta"]
        if fld not in META_FIELDS:
            raise fail("action", f"meta must be one of {', '.join(META_FIELDS)}, not {fld!r}")
        rule.meta_field = fld
        if "value" in options:
            err = pattern_error(str(options["value"]), ctx.trusted)
            if err:
                raise fail("action", f"value regex does not compile: {err}")
            rule.value_pattern = compile_pattern(str(options["value"]), rule.id, ctx.trusted, ctx.timeout)
        if "drop_words" in options:
            rule.drop_words = _resolve_lists(options["drop_words"], ctx, spec_line(rule.spec, "action"))
        keep = options.get("keep", False)
        if not isinstance(keep, bool):
            raise fail("action", "keep must be true or false")
        rule.keep = keep
        with_date = options.get("with_date", False)
        if not isinstance(with_date, bool):
            raise fail("action", "with_date must be true or false")
        if with_date and fld == "date":
            raise fail("action", "with_date: a date rule reads the date already")
        rule.with_date = with_date
        one_tag = options.get("one_tag", False)
        if not isinstance(one_tag, bool) or (one_tag and fld != "tags"):
            raise fail("action", "one_tag: true or false, for a tags rule")
        rule.one_tag = one_tag
    elif op == "split":
        conf = options.get("split")
        conf = conf if isinstance(conf, dict) else {}
        inline = conf.get("inline", False)
        if set(conf) - {"inline"} or not isinstance(inline, bool):
            raise fail("action", "split: expected `split` or {split: {inline: true|false}}")
        rule.inline = inline
    elif op == "map":
        table = options["map"]
        if (
            not isinstance(table, dict)
            or not table
            or not all(isinstance(k, str) and len(k) == 1 and isinstance(v, str) for k, v in table.items())
        ):
            raise fail("action", "map: expected a mapping from single characters to strings")
        rule.table = {ord(k): v for k, v in table.items()}
    elif op == "replace":
        if rule.pattern is None:
            raise fail("match", "a replace action needs match: {regex: PATTERN}")
        if not isinstance(options["replace"], str):
            raise fail("action", "replace: expected a replacement string")
        rule.replacement = options["replace"]
    elif op == "fix":
        from ..charfixes import FIXERS

        name = options["fix"]
        if name not in FIXERS:
            raise fail("action", f"fix: unknown fixer {name!r} (known: {', '.join(sorted(FIXERS))})")
        rule.fixer = FIXERS[name]


def spec_line(spec: Any, key: str) -> int:
    return spec.line_of(key) if hasattr(spec, "line_of") else getattr(spec, "line", 0)


def _examples(value: Any, fail) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise fail("examples", "examples must be a list of mappings with `in` and an expectation")
    for i, ex in enumerate(value):
        line_fail = fail("examples", "")  # reuse its location
        if not isinstance(ex, dict) or not isinstance(ex.get("in"), str):
            raise PackError(line_fail.file, _item_line(value, i), "example needs an `in` string", line_fail.rule)
        unknown = sorted(set(ex) - EXAMPLE_KEYS)
        if unknown:
            raise PackError(
                line_fail.file, _item_line(value, i), f"example: unknown key {unknown[0]!r}", line_fail.rule
            )
        if len(ex) == 1:
            raise PackError(
                line_fail.file,
                _item_line(value, i),
                "example needs an expectation (out, match, tags, date, source, author, title, stories)",
                line_fail.rule,
            )
    return list(value)


def _item_line(value: Any, i: int) -> int:
    return value.line_of(i) if hasattr(value, "line_of") else 0
