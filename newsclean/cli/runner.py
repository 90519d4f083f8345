"""Running steps over inputs: read, clean, write, report. Shared by every subcommand that cleans."""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

import click

from ..decode import InputError
from ..emit import to_jsonl, to_text
from ..engine import PackError, RuleSet, load_rules
from ..engine.patterns import RegexTimeout
from ..inputs import InputOptions, RawDocument, read_inputs
from ..model import Document
from ..pipeline import run
from ..record import from_record, to_record
from ..report import Exit, Report
from . import explain as explain_out
from .messages import error


@dataclass
class RunOptions:
    steps: tuple[str, ...]
    fmt: str = "text"
    output: str = "-"
    source: bool = True
    explain: bool = False
    stats: bool = False


def load_or_exit(rule_packs: Iterable[str], no_default_rules: bool, disable: Iterable[str], timeout: float) -> RuleSet:
    """The rule set, or exit 2 with the pack error before any input is touched."""
    try:
        return load_rules(rule_packs, defaults=not no_default_rules, disable=disable, timeout=timeout)
    except PackError as exc:
        error(str(exc))
        raise SystemExit(Exit.USAGE) from None


def to_document(raw: RawDocument, site: str | None) -> Document:
    if raw.state is not None:
        doc = from_record(raw.state, raw.id)
    else:
        doc = Document.from_text(raw.id, raw.text, raw.fields)
    doc.site = site or raw.site
    return doc


def where(raw: RawDocument) -> str:
    return f"{raw.file}:{raw.line}" if raw.line else raw.file


def process(
    raw: RawDocument, rules: RuleSet, steps: Iterable[str], site: str | None = None
) -> tuple[Document | None, str | None]:
    """Clean one document; a failure is returned as its message, never raised."""
    try:
        return run(to_document(raw, site), rules, steps), None
    except RegexTimeout as exc:
        return None, f"{where(raw)}: {exc}"
    except (KeyError, TypeError, ValueError) as exc:
        if raw.state is not None:
            return None, f"{where(raw)}: invalid newsclean record ({type(exc).__name__}: {exc})"
        return None, f"{where(raw)}: internal error ({type(exc).__name__}: {exc}); please report it"


def render(doc: Document, fmt: str, source: bool = True) -> str:
    """The document in the output format, newline-terminated (empty for a document with no text)."""
    if fmt == "json":
        return json.dumps(to_record(doc, source), ensure_ascii=False) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in to_jsonl(doc))
    text = to_text(doc)
    return text + "\n" if text else ""


def count(report: Report, doc: Document) -> None:
    report.documents += 1
    report.stories += len(doc.stories)
    for e in doc.log.edits:
        if e.removed:
            report.removed[e.rule] += 1
            report.removed_chars[e.rule] += e.end - e.start
        else:
            report.changes[e.rule] += 1


def run_inputs(
    inputs: list[str], input_options: InputOptions, rules: RuleSet, options: RunOptions, site: str | None
) -> Report:
    """Clean every input document and write the results; errors are reported and the run goes on."""
    report = Report()
    with open_output(options.output) as out:
        first_text = True
        for raw in read_inputs(list(inputs), input_options):
            if isinstance(raw, InputError):
                error(str(raw))
                report.fail(str(raw))
                continue
            doc, failure = process(raw, rules, options.steps, site)
            if failure:
                error(failure)
                report.fail(failure)
                continue
            count(report, doc)
            rendered = render(doc, options.fmt, options.source)
            if options.fmt == "text" and rendered and not first_text:
                out.write("\n\f\n")
            if rendered:
                first_text = False
            out.write(rendered)
            if options.explain:
                explain_out.explain(doc)
    if options.stats:
        explain_out.stats(report)
    return report


class open_output:
    """stdout, or a file written atomically (temporary file in the same folder, fsync, rename)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._tmp: str | None = None
        self._handle: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        if self.name == "-":
            self._handle = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n", write_through=False)
            return self._handle
        folder = os.path.dirname(os.path.abspath(self.name))
        fd, self._tmp = tempfile.mkstemp(prefix=".newsclean-", dir=folder)
        self._handle = open(fd, "w", encoding="utf-8", newline="\n")
        return self._handle

    def __exit__(self, exc_type, exc, tb) -> None:
        handle = self._handle
        if self.name == "-":
            try:
                handle.flush()
            except BrokenPipeError:
                pass
            handle.detach()
            return
        try:
            if exc_type is None:
                handle.flush()
                os.fsync(handle.fileno())
            handle.close()
            if exc_type is None:
                os.replace(self._tmp, self.name)
        finally:
            if os.path.exists(self._tmp):
                os.unlink(self._tmp)


def exit_with(report: Report, check: bool = False) -> None:
    raise click.exceptions.Exit(int(report.exit_code(check)))
