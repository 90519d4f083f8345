"""`--explain` and `--stats`: what was removed and by which rule, on stderr (rich on a terminal)."""

from __future__ import annotations

import json

from ..model import Document
from ..outputs import write_atomic
from ..record import to_record
from ..report import Report
from . import messages
from .messages import note, stderr_is_terminal


def _console():
    from rich.console import Console

    return messages._live or Console(stderr=True, highlight=False)


def explain(doc: Document) -> None:
    """Each removed piece as `ID:LINE: RULE: text`, in source order."""
    print_entries(entries(doc))


def entries(doc: Document) -> list[tuple[str, int, str, str]]:
    """The removed pieces as (document id, line, rule, text): what `--explain` prints (built in a worker, printed
    by the main process)."""
    record = to_record(doc, source=False)
    return [(doc.id, r["line"], r["rule"], _one_line(r["text"])) for r in record["removed"]]


def print_entries(items: list[tuple[str, int, str, str]]) -> None:
    if not items:
        return
    if stderr_is_terminal():
        from rich.markup import escape

        console = _console()
        for doc_id, line, rule, text in items:
            where = f"[dim]{escape(doc_id)}:{line}:[/]"
            console.print(f"{where} [bold red]{escape(rule)}[/] {escape(text)}", highlight=False)
        return
    for doc_id, line, rule, text in items:
        note(f"{doc_id}:{line}: {rule}: {text}")


def _one_line(text: str) -> str:
    return text.strip("\n").replace("\n", "⏎")


def stats(report: Report) -> None:
    """Per rule: pieces removed and characters they held, character changes; then the totals."""
    summary = report.summary()
    rows = sorted(summary["rules"].items(), key=lambda kv: (-kv[1]["removed"], -kv[1]["changes"], kv[0]))
    workers = ", ".join(map(str, summary["worker_peak_rss_mb"]))
    totals = (
        f"documents: {summary['documents']}  stories: {summary['stories']}  "
        f"pieces removed: {summary['pieces_removed']}  characters changed: {summary['characters_changed']}  "
        f"errors: {summary['errors']}  peak memory: {summary['peak_rss_mb']} MB"
        + (f" (workers: {workers} MB)" if workers else "")
    )
    if stderr_is_terminal():
        from rich.table import Table

        table = Table(title="newsclean: what each rule did", caption=totals)
        table.add_column("rule", no_wrap=True)
        table.add_column("pieces removed", justify="right")
        table.add_column("chars removed", justify="right")
        table.add_column("changes", justify="right")
        table.add_column("chars changed", justify="right")
        for rule, n in rows:
            table.add_row(rule, str(n["removed"]), str(n["removed_chars"]), str(n["changes"]), str(n["changed_chars"]))
        _console().print(table)
        return
    note("rule\tpieces_removed\tchars_removed\tchanges\tchars_changed")
    for rule, n in rows:
        note(f"{rule}\t{n['removed']}\t{n['removed_chars']}\t{n['changes']}\t{n['changed_chars']}")
    note(totals)


def stats_json(report: Report, path: str) -> None:
    """The summary as one JSON object in `path` (`-` for stdout is not offered: stdout carries data)."""
    data = json.dumps(report.summary(), ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, data.encode("utf-8"))
