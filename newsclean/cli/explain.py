"""`--explain` and `--stats`: what was removed and by which rule, on stderr (rich on a terminal)."""

from __future__ import annotations

import click

from ..model import Document
from ..record import to_record
from ..report import Report
from .messages import stderr_is_terminal


def explain(doc: Document) -> None:
    """Each removed piece as `ID:LINE: RULE: text`, in source order."""
    record = to_record(doc, source=False)
    if stderr_is_terminal():
        from rich.console import Console
        from rich.markup import escape

        console = Console(stderr=True, highlight=False)
        for r in record["removed"]:
            console.print(
                f"[dim]{escape(doc.id)}:{r['line']}:[/] [bold red]{escape(r['rule'])}[/] {escape(_one_line(r['text']))}"
            )
        return
    for r in record["removed"]:
        click.echo(f"{doc.id}:{r['line']}: {r['rule']}: {_one_line(r['text'])}", err=True)


def _one_line(text: str) -> str:
    return text.strip("\n").replace("\n", "⏎")


def stats(report: Report) -> None:
    """Per rule: pieces removed and characters they held, most active first; then the totals."""
    rows = sorted(report.removed.items(), key=lambda kv: (-kv[1], kv[0]))
    if stderr_is_terminal():
        from rich.console import Console
        from rich.table import Table

        table = Table(title="newsclean: removed per rule")
        table.add_column("rule")
        table.add_column("pieces", justify="right")
        table.add_column("chars", justify="right")
        for rule, n in rows:
            table.add_row(rule, str(n), str(report.removed_chars[rule]))
        Console(stderr=True).print(table)
    else:
        for rule, n in rows:
            click.echo(f"{rule}\t{n}\t{report.removed_chars[rule]}", err=True)
    click.echo(
        f"documents: {report.documents}  stories: {report.stories}  "
        f"pieces removed: {sum(report.removed.values())}  character changes: {sum(report.changes.values())}  "
        f"failed: {report.failed}",
        err=True,
    )
