"""`newsclean clean`: every step, from raw page to clean stories."""

from __future__ import annotations

import click

from ..inputs import InputOptions
from ..pipeline import STEPS
from .options import input_options, output_options, rule_options
from .runner import RunOptions, exit_with, load_or_exit, run_inputs


@click.command("clean")
@input_options
@rule_options
@output_options
def clean_command(
    inputs, input_format, text_field, id_field, site_field, site, encoding,
    rule_packs, no_default_rules, disable, regex_timeout,
    fmt, output, no_source, explain, stats,
) -> None:  # fmt: skip
    """Clean INPUT files, directories or stdin: repair, fix characters, strip junk, split stories, metadata.

    A .txt file is one document (its id is its path); a .jsonl file holds one document a line. With no INPUT,
    or `-`, stdin is read. Exit codes: 0 done, 2 usage or rule-pack error, 3 some inputs failed.

    \b
    Example:
        newsclean clean examples/arabi21-wagner.txt
        newsclean clean --format json --explain pages.jsonl > clean.jsonl
    """
    rules = load_or_exit(rule_packs, no_default_rules, disable, regex_timeout)
    in_opts = InputOptions(text_field, id_field, site_field, encoding, input_format)
    run_opts = RunOptions(STEPS, fmt, output, not no_source, explain, stats)
    report = run_inputs(list(inputs), in_opts, rules, run_opts, site)
    exit_with(report)
