"""`newsclean clean`: every step, from raw page to clean stories."""

from __future__ import annotations

import click

from ..pipeline import STEPS
from .options import in_place_option, input_options, output_options, rule_options, stats_options
from .runner import WriteBack, run_command


@click.command("clean")
@input_options
@rule_options
@output_options("text")
@in_place_option
@stats_options
def clean_command(**params) -> None:
    """Clean INPUT files, directories or stdin: repair, fix characters, strip junk, split stories, metadata.

    A .txt file is one document (its id is its path); a .jsonl file holds one document a line. With no INPUT,
    or `-`, stdin is read; a `json` stream from another subcommand continues where it stopped. Exit codes: 0 done,
    2 usage or rule-pack error, 3 some inputs failed (the others were processed).

    \b
    Example:
        newsclean clean examples/arabi21-wagner.txt
        newsclean clean --format json --explain pages.jsonl > clean.jsonl
        newsclean clean --in-place --stats corpus/
    """
    run_command(params, STEPS, WriteBack.IN_PLACE if params["in_place"] else WriteBack.STDOUT)
