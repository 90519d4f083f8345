"""The `newsclean` command: a thin click shell over the library (one module a subcommand)."""

from __future__ import annotations

import click

from .. import __version__
from .check import check_command
from .clean import clean_command
from .detect import detect_command
from .diff import diff_command
from .group import CONTEXT_SETTINGS, NewscleanGroup
from .rules import rules_group
from .steps import fix_command, meta_command, split_command, strip_command


@click.group("newsclean", cls=NewscleanGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="newsclean")
def main() -> None:
    """Clean scraped Arabic and Persian news text: junk out, stories apart, metadata kept, every removal explained.

    Subcommands compose: between them the stream is the `json` format (one record a document, with its change
    log), so `fix | strip | split` equals `clean`. Exit codes: 0 done or nothing to change, 1 `check` found files
    that would change, 2 usage or rule-pack error, 3 some inputs failed.

    \b
    Example:
        newsclean clean page.txt
        newsclean clean --format json pages.jsonl > clean.jsonl
        newsclean fix < page.txt | newsclean strip | newsclean split --format text
        newsclean check --fix corpus/
    """


for _command in (
    clean_command,
    fix_command,
    strip_command,
    split_command,
    meta_command,
    detect_command,
    diff_command,
    check_command,
    rules_group,
):
    main.add_command(_command)
