"""Running steps over inputs: read, clean, write, report. Shared by every subcommand that cleans.

Where the results go is one choice, `WriteBack` (black's `WriteBack.from_configuration`): to stdout (or `-o`),
back into the files (`--in-place`), nowhere but a list of the files that would change (`check`), or as a diff
(`diff`). Errors are reported as they happen and the run goes on; `Report` decides the exit code.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import IO

import click

from .. import jsonio
from ..compression import CompressionError, check_writable, wrap_write
from ..decode import InputError
from ..emit import to_jsonl, to_text
from ..engine import PackError, RuleSet, load_rules
from ..engine.packs import site_key
from ..engine.patterns import RegexTimeout
from ..inputs import STDIN, InputOptions, RawDocument, Unit, expand, read_inputs, read_units, resolve
from ..model import Document
from ..outputs import AtomicWriter, LazyRewrite, read_only
from ..pipeline import run
from ..record import from_record, to_record
from ..report import Exit, Report
from ..rewrite import jsonl_line, text_file
from . import explain as explain_out
from . import progress as progress_bar
from .messages import error, note, stdout_is_terminal, warning
from .options import input_settings


class WriteBack(Enum):
    STDOUT = "stdout"
    IN_PLACE = "in-place"
    CHECK = "check"
    DIFF = "diff"


@dataclass
class RunOptions:
    steps: tuple[str, ...]
    fmt: str = "text"
    output: str = "-"
    source: bool = True
    explain: bool = False
    stats: bool = False
    stats_json: str | None = None
    write_back: WriteBack = WriteBack.STDOUT
    color: bool | None = None  # diff colours: None = when stdout is a terminal
    jobs: int = 1


def resolve_format(fmt: str, output: str) -> str:
    """`auto`: text for a person at a terminal, the `json` stream when the output goes on to another command."""
    if fmt != "auto":
        return fmt
    return "text" if output == "-" and stdout_is_terminal() else "json"


def load_or_exit(
    rule_packs: Iterable[str], no_default_rules: bool, disable: Iterable[str], timeout: float, site: str | None = None
) -> RuleSet:
    """The rule set, or exit 2 with the pack error before any input is touched. A `--site` without a pack of its
    own is no error (most sites have none), but a misspelt one would silently drop its pack: say so once (site
    packs load with the default packs only)."""
    try:
        rules = load_rules(rule_packs, defaults=not no_default_rules, disable=disable, timeout=timeout)
    except PackError as exc:
        error(str(exc))
        raise SystemExit(Exit.USAGE) from None
    except OSError as exc:  # shipped packs missing or unreadable: a broken install, not a bad input
        error(f"cannot load the rule packs: {exc}")
        raise SystemExit(Exit.USAGE) from None
    key = site_key(site)
    if key is not None and not no_default_rules and key not in rules.sites:
        known = ", ".join(sorted(rules.sites))
        warning(f"--site {site}: no site pack of that name, the general rules apply (site packs: {known})")
    return rules


def to_document(raw: RawDocument, site: str | None) -> Document:
    if raw.state is not None:
        doc = from_record(raw.state, raw.id)
        doc.site = site or doc.site or raw.site
    else:
        doc = Document.from_text(raw.id, raw.text, raw.fields)
        doc.site = site or raw.site
    return doc


def _size(item: RawDocument | InputError) -> int:
    return getattr(item, "size", 0) or len(getattr(item, "text", ""))


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
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        if raw.state is not None:
            return None, f"{where(raw)}: invalid newsclean record ({type(exc).__name__}: {exc})"
        return None, f"{where(raw)}: internal error ({type(exc).__name__}: {exc}); please report it"


def render(doc: Document, fmt: str, source: bool = True) -> str:
    """The document in the output format, newline-terminated (empty for a document with no text)."""
    if fmt == "json":
        return jsonio.dumps(to_record(doc, source)) + "\n"
    if fmt == "jsonl":
        return "".join(jsonio.dumps(r) + "\n" for r in to_jsonl(doc))
    text = to_text(doc)
    return text + "\n" if text else ""


@dataclass
class Outcome:
    """One input document cleaned and rendered: what the main process writes, counts, prints and reports."""

    rendered: str = ""
    failure: str | None = None
    report: Report | None = None
    explain: list | None = None
    size: int = 0


def clean_outcome(item: RawDocument | InputError, rules: RuleSet, options: RunOptions, site: str | None) -> Outcome:
    """The same function on one process or many: `-j N` output is `-j 1` output, byte for byte."""
    if isinstance(item, InputError):
        return Outcome(failure=str(item))
    doc, failure = process(item, rules, options.steps, site)
    if failure:
        return Outcome(failure=failure, size=item.size)
    counts = Report()
    counts.add(doc)
    return Outcome(
        rendered=render(doc, options.fmt, options.source),
        report=counts,
        explain=explain_out.entries(doc) if options.explain else None,
        size=item.size,
    )


def _clean_chunk(state: tuple[RuleSet, RunOptions, str | None, InputOptions], chunk: list) -> list[Outcome]:
    """A worker's share of `-j N`: a chunk of documents parsed, cleaned and rendered."""
    rules, options, site, input_options = state
    outcomes = []
    for item in chunk:
        doc = resolve(item, input_options)
        outcomes.append(Outcome(size=item.size) if doc is None else clean_outcome(doc, rules, options, site))
    # the chunk's counts travel once, with its last outcome: the main process merges one report a chunk
    counts = Report()
    for outcome in outcomes:
        if outcome.report is not None:
            counts.merge(outcome.report)
            outcome.report = None
    if outcomes:
        outcomes[-1].report = counts
    return outcomes


CHUNK_DOCUMENTS = 64
CHUNK_BYTES = 1 << 20


@dataclass
class UnitResult:
    """A unit of a file on its way to a worker and back: which file (its place among the inputs and its name, or
    the error that names an input that cannot be read), the unit (None marks the file's start, so an empty file
    is still a file), its format and, once cleaned, its new bytes and counts."""

    file: int
    name: str | InputError
    unit: Unit | None = None
    fmt: str = "text"
    new: bytes | None = None
    failure: str | None = None
    report: Report | None = None
    explain: list | None = None
    size: int = 0


def rewrite_names(names: list[str], rewrite: bool) -> Iterable[str | InputError]:
    """The input files to rewrite, check or diff, each once (a file named twice, or reached through its folder as
    well, would be rewritten twice from its old bytes by two workers); with `rewrite`, a pipe or a device is an
    error: only a file can be replaced."""
    seen: set[str] = set()
    for name in expand(names):
        if isinstance(name, str) and name != STDIN:
            real = os.path.realpath(name)
            if real in seen:
                continue
            seen.add(real)
            if rewrite and not os.path.isfile(name):
                name = InputError(name, "not a regular file: only files are rewritten in place")
        yield name


def _rewrite_tasks(names: list[str], input_options: InputOptions, rewrite: bool):
    """The units of every input file, in order, each file opened by a marker."""
    for index, name in enumerate(rewrite_names(names, rewrite)):
        yield UnitResult(index, name)
        if isinstance(name, InputError):
            continue
        fmt, units = read_units(name, input_options)
        for unit in units:
            yield UnitResult(index, name, unit, fmt)


def _task_size(task: UnitResult) -> int:
    return len(task.unit.raw) if task.unit is not None else 0


def _rewrite_chunk(state: tuple[RuleSet, RunOptions, str | None, InputOptions], chunk: list) -> list[UnitResult]:
    """A worker's share of `-j N` with `--in-place` or `check`: each unit's new bytes (`rewritten`), made by the
    same `process` and `new_bytes` as on one process."""
    rules, options, site, input_options = state
    for task in chunk:
        if task.unit is not None:
            rewritten(task, rules, options, site, input_options)
    return chunk


def rewritten(
    task: UnitResult, rules: RuleSet, options: RunOptions, site: str | None, input_options: InputOptions
) -> None:
    """Fill in what one unit of a file becomes: its new bytes (None where it cannot be read or cleaned), the
    failure, the counts and the explanation."""
    unit, item = task.unit, task.unit.item
    if item is None:
        task.new = unit.raw
        return
    if isinstance(item, InputError):
        task.failure = str(item)
        return
    task.size = item.size
    doc, failure = process(item, rules, options.steps, site)
    if failure:
        task.failure = failure
        return
    task.report = Report()
    task.report.add(doc)
    task.explain = explain_out.entries(doc) if options.explain else None
    task.new = new_bytes(task.fmt, unit.raw, item, doc, input_options)


def new_bytes(fmt: str, raw: bytes, item: RawDocument, doc: Document, input_options: InputOptions) -> bytes:
    """A unit's bytes once its document is cleaned: the text file, or the JSONL line with its text field cleaned."""
    if fmt == "text":
        return text_file(doc).encode("utf-8")
    encoding = (input_options.encoding or "utf-8").lower().replace("_", "-")
    return jsonl_line(raw, item, doc, input_options.text_field, encoding not in ("utf-8", "utf8"))


class Run:
    """One run over the inputs: the rules, the options, the report and the progress bar."""

    def __init__(self, input_options: InputOptions, rules: RuleSet, options: RunOptions, site: str | None) -> None:
        self.input_options = input_options
        self.rules = rules
        self.options = options
        self.site = site
        self.report = Report()
        self.progress = progress_bar.Progress(False)

    def fail(self, message: str) -> None:
        error(message)
        self.report.fail(message)
        self.progress.error()

    def clean(self, raw: RawDocument) -> Document | None:
        """One document through the steps, counted; None (reported) when it failed."""
        doc, failure = process(raw, self.rules, self.options.steps, self.site)
        self.report.bytes_read += raw.size
        self.progress.advance(raw.size)
        if failure:
            self.fail(failure)
            return None
        self.report.add(doc)
        if self.options.explain:
            explain_out.explain(doc)
        return doc

    def finish(self) -> None:
        """The summary the options ask for: the table on stderr, the JSON file."""
        if self.options.stats:
            explain_out.stats(self.report)
        if self.options.stats_json:
            explain_out.stats_json(self.report, self.options.stats_json)

    def to_stream(self, inputs: list[str]) -> None:
        """Every document, in the output format, on stdout or into `-o FILE`, in input order (`-j N` workers)."""
        state = (self.rules, self.options, self.site)
        if self.options.jobs > 1:
            from ..parallel import chunked, ordered_map

            items = read_inputs(inputs, self.input_options, lazy=True)  # the workers parse the JSONL lines
            chunks = chunked(items, CHUNK_DOCUMENTS, _size, CHUNK_BYTES)
            work = (*state, self.input_options)
            batches = ordered_map(_clean_chunk, chunks, self.options.jobs, work, on_worker=self.report.worker_peak)
            outcomes = (outcome for batch in batches for outcome in batch)
        else:
            outcomes = (clean_outcome(item, *state) for item in read_inputs(inputs, self.input_options))
        text_format = self.options.fmt == "text"
        with open_output(self.options.output) as out:
            first_text = True
            for outcome in outcomes:
                self.take(outcome)
                if outcome.rendered:
                    if text_format and not first_text:
                        out.write("\n\f\n")
                    first_text = False
                    out.write(outcome.rendered)

    def take(self, outcome: Outcome | UnitResult) -> None:
        """Count, report and explain one outcome (or unit of a file rewritten), in input order."""
        self.report.bytes_read += outcome.size
        self.progress.advance(outcome.size)
        if outcome.report is not None:
            self.report.merge(outcome.report)
        if outcome.failure:
            self.fail(outcome.failure)
            return
        if outcome.explain:
            explain_out.print_entries(outcome.explain)

    def rewrite(self, name: str, results: Iterable[tuple[Unit, bytes | None]] | None = None) -> None:
        """One file cleaned as `--in-place` would: written back, checked or diffed, as the run asks. `results`
        (each unit of the file with its new bytes, None where it could not be cleaned) come from the workers of
        `-j N`; without them the units are cleaned here.

        A file with any part that cannot be read or cleaned is reported and never rewritten.
        """
        if results is None:
            fmt, units = read_units(name, self.input_options)
            results = ((unit, self._new_bytes(name, fmt, unit)) for unit in units)
        in_place = self.options.write_back is WriteBack.IN_PLACE and name != STDIN
        ok = True
        changed = False
        try:
            with LazyRewrite(name) as out:
                for unit, new in results:
                    if new is None:
                        ok = False
                        continue
                    changed = changed or new != unit.raw
                    if in_place and ok:
                        out.add(unit.raw, new)
                if not ok:
                    if in_place:
                        note(f"{name}: left unchanged (it has parts that could not be read or cleaned)")
                    return
                if not changed:
                    self.report.unchanged += 1
                    return
                if in_place:
                    out.commit()
                    note(f"rewrote {name}")
                elif self.options.write_back is WriteBack.CHECK:
                    click.echo(name)
                self.report.file_changed(name)
        except BrokenPipeError:
            raise  # stdout closed under `diff | head`: the end of the run, not a file that cannot be written
        except OSError as exc:
            self.fail(f"{name}: cannot rewrite ({exc.strerror or exc})")

    def rewrite_all(self, names: list[str]) -> None:
        """Every file rewritten or checked, its documents cleaned by `-j N` workers in input order, one file after
        the other as the results come back (a diff, which prints each document, runs here on one process)."""
        from itertools import groupby

        from ..parallel import chunked, ordered_map

        state = (self.rules, self.options, self.site, self.input_options)
        tasks = _rewrite_tasks(names, self.input_options, self.options.write_back is WriteBack.IN_PLACE)
        chunks = chunked(tasks, CHUNK_DOCUMENTS, _task_size, CHUNK_BYTES)
        batches = ordered_map(_rewrite_chunk, chunks, self.options.jobs, state, on_worker=self.report.worker_peak)
        results = (result for batch in batches for result in batch)
        for (_, name), group in groupby(results, key=lambda result: (result.file, result.name)):
            if isinstance(name, InputError):
                self.fail(str(name))
                for _ in group:
                    pass
                continue
            self.rewrite(name, (self._take_unit(result) for result in group if result.unit is not None))

    def _take_unit(self, result: UnitResult) -> tuple[Unit, bytes | None]:
        """Count, report and explain one unit a worker cleaned, in input order."""
        self.take(result)
        return result.unit, result.new

    def _new_bytes(self, name: str, fmt: str, unit: Unit) -> bytes | None:
        """What one unit of a file becomes (shown as a diff when the run asks); None when it cannot be cleaned."""
        item = unit.item
        if item is None:
            return unit.raw
        if isinstance(item, InputError):
            self.fail(str(item))
            return None
        doc = self.clean(item)
        if doc is None:
            return None
        new = new_bytes(fmt, unit.raw, item, doc, self.input_options)
        if new != unit.raw and self.options.write_back is WriteBack.DIFF:
            from .diff import print_diff

            print_diff(name, item, doc, fmt, self.options.color)
        return new


def run_inputs(
    inputs: list[str], input_options: InputOptions, rules: RuleSet, options: RunOptions, site: str | None
) -> Report:
    """Clean every input document and send the results where the options say; errors are reported, the run
    goes on."""
    names = list(inputs) or [STDIN]
    job = Run(input_options, rules, options, site)
    writes_stdout = options.write_back in (WriteBack.STDOUT, WriteBack.DIFF) and options.output == "-"
    enabled = progress_bar.wanted(writes_stdout)
    with progress_bar.Progress(enabled, progress_bar.input_bytes(names) if enabled else None) as bar:
        job.progress = bar
        if options.write_back is WriteBack.STDOUT:
            job.to_stream(names)
        elif options.jobs > 1 and options.write_back is not WriteBack.DIFF:
            job.rewrite_all(names)
        else:
            for name in rewrite_names(names, options.write_back is WriteBack.IN_PLACE):
                if isinstance(name, InputError):
                    job.fail(str(name))
                else:
                    job.rewrite(name)
    job.finish()
    return job.report


class open_output:
    """stdout, or a file written atomically (temporary file in the same folder, fsync, rename)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._writer: AtomicWriter | None = None
        self._compressed: IO[bytes] | None = None
        self._handle: IO[str] | None = None

    def __enter__(self) -> IO[str]:
        if self.name == "-":
            self._handle = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n", write_through=False)
            return self._handle
        self._writer = AtomicWriter(self.name).__enter__()
        self._compressed = wrap_write(self.name, self._writer.file)
        self._handle = io.TextIOWrapper(self._compressed, encoding="utf-8", newline="\n")
        return self._handle

    def __exit__(self, exc_type, exc, tb) -> None:
        handle = self._handle
        if self.name == "-":
            try:
                handle.flush()
            finally:
                handle.detach()
            return
        try:
            handle.flush()
            handle.detach()
            if self._compressed is not self._writer.file:
                self._compressed.close()  # writes the compressed stream's trailer; the file itself stays open
            if exc_type is None:
                self._writer.commit()
        finally:
            self._writer.__exit__(exc_type, exc, tb)


def check_output_paths(params: dict) -> None:
    """-o and --stats-json must name a file in a folder that exists and may be written (and -o a compression
    this installation can write), or the run stops before it starts (exit 2)."""
    for option, key in (("-o", "output"), ("--stats-json", "stats_json")):
        path = params.get(key)
        if path and path != "-":
            folder = os.path.dirname(os.path.abspath(path))
            if not os.path.isdir(folder):
                usage_error(f"{option} {path}: no folder {folder}")
            if os.path.isdir(path):
                usage_error(f"{option} {path}: is a folder")
            if read_only(path):
                usage_error(f"{option} {path}: is a read-only file")
            special = os.path.exists(path) and not os.path.isfile(path)  # a device or a pipe, written straight
            if not special and not os.access(folder, os.W_OK | os.X_OK):
                usage_error(f"{option} {path}: the folder {folder} cannot be written")
            try:
                check_writable(path)
            except CompressionError as exc:
                usage_error(f"{option} {path}: {exc}")


def usage_error(message: str) -> None:
    """Exit 2 with a usage message, before any input is touched."""
    error(message)
    raise SystemExit(Exit.USAGE)


def exit_with(report: Report, check: bool = False) -> None:
    raise click.exceptions.Exit(int(report.exit_code(check)))


def run_command(params: dict, steps: Iterable[str], write_back: WriteBack = WriteBack.STDOUT, check: bool = False):
    """The body of every cleaning subcommand: check usage, load the rules, run, exit with the report's code."""
    from click.core import ParameterSource

    ctx = click.get_current_context()
    inputs = list(params["inputs"])
    output = params.get("output", "-")
    if write_back is WriteBack.IN_PLACE:
        if not inputs or STDIN in inputs:
            usage_error("--in-place rewrites files: name them (stdin cannot be rewritten)")
        if output != "-":
            usage_error("--in-place writes back into each input; it does not take -o")
        if "fmt" in params and ctx.get_parameter_source("fmt") is ParameterSource.COMMANDLINE:
            usage_error("--in-place writes each file in its own format (.txt text, .jsonl records); drop --format")
    if inputs.count(STDIN) > 1:
        usage_error("stdin (-) can be read only once")
    check_output_paths(params)
    rules = load_or_exit(
        params["rule_packs"], params["no_default_rules"], params["disable"], params["regex_timeout"], params["site"]
    )
    options = RunOptions(
        steps=tuple(steps),
        fmt=resolve_format(params.get("fmt", "text"), output),
        output=output,
        source=not params.get("no_source", False),
        explain=params.get("explain", False),
        stats=params.get("stats", False),
        stats_json=params.get("stats_json"),
        write_back=write_back,
        color=params.get("color"),
        jobs=params.get("jobs") or 1,
    )
    report = run_inputs(inputs, input_settings(params), rules, options, params["site"])
    exit_with(report, check)
