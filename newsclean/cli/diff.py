"""`newsclean diff`: a unified diff of what cleaning would change, each hunk naming its rules."""

from __future__ import annotations

import click

from ..emit import to_text
from ..hunks import unified
from ..inputs import RawDocument
from ..lines import SEPARATOR
from ..model import Document
from ..pipeline import STEPS
from ..rewrite import text_file
from .messages import stdout_is_terminal
from .options import input_options, rule_options, stats_options, step_option
from .runner import WriteBack, run_command

_STYLES = {"file": "bold", "hunk": "cyan", "-": "red", "+": "green", "\\": "dim", " ": ""}


def print_diff(name: str, item: RawDocument, doc: Document, fmt: str, color: bool | None) -> None:
    """The diff of one document: a text file whole, a JSONL line's text field under `FILE:LINE`."""
    if fmt == "text":
        new_text = text_file(doc)
        labels = (name + "\t(original)", name + "\t(cleaned)")
    else:
        new_text = to_text(doc)
        where = f"{name}:{item.line}"
        labels = (f"{where}\t{item.id}", f"{where}\t{item.id} (cleaned)")
    rows = unified(item.text, new_text, labels[0], labels[1], doc.log.edits)
    if color if color is not None else stdout_is_terminal():
        _print_rich(rows)
    else:
        click.echo("".join(_plain(kind, line) + "\n" for kind, line in rows), nl=False)


def _plain(kind: str, line: str) -> str:
    return line if kind in ("file", "hunk", "\\") else kind + line


def _print_rich(rows: list[tuple[str, str]]) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True, emoji=False, force_terminal=True)
    for kind, line in rows:
        shown = line.replace(SEPARATOR, "␌")
        if kind == "hunk":
            head, _, rules = shown.partition(" @@ ")
            text = Text(head + " @@", style="cyan")
            if rules:
                text.append(" " + rules, style="bold yellow")
        else:
            text = Text(_plain(kind, shown), style=_STYLES[kind])
        console.print(text)


@click.command("diff")
@input_options
@rule_options
@step_option
@click.option("--color/--no-color", default=None, help="Colour the diff (default: when stdout is a terminal).")
@stats_options
def diff_command(**params) -> None:
    """Show what cleaning INPUT files would change, as a unified diff; change nothing.

    Each hunk header names the rules whose edits it shows (`(story separator)` where the text format puts a
    form-feed line between stories). A .jsonl file shows the text field of each changed line under FILE:LINE.
    Exit codes: 0 (with or without changes), 2 usage or rule-pack error, 3 some inputs failed.

    \b
    Example:
        newsclean diff examples/arabi21-wagner.txt
        newsclean diff --step fix corpus/ | less -R
    """
    run_command(params, params["only_steps"] or STEPS, WriteBack.DIFF)
