"""The `newsclean` command: a thin click shell over the library (one module a subcommand)."""

from __future__ import annotations

import click

from .. import __version__
from .clean import clean_command
from .rules import rules_group

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="newsclean")
def main() -> None:
    """Clean scraped Arabic and Persian news text: junk out, stories apart, metadata kept, every removal explained.

    \b
    Example:
        newsclean clean page.txt
        newsclean clean --format json pages.jsonl > clean.jsonl
    """


main.add_command(clean_command)
main.add_command(rules_group)
