"""Options shared by the subcommands, as decorators (sqlite-utils' `output_options` style)."""

from __future__ import annotations

from collections.abc import Callable

import click

from ..engine.patterns import DEFAULT_TIMEOUT


def _apply(fn: Callable, options: list[Callable]) -> Callable:
    for option in reversed(options):
        fn = option(fn)
    return fn


def input_options(fn: Callable) -> Callable:
    return _apply(
        fn,
        [
            click.argument("inputs", nargs=-1, type=click.Path(allow_dash=True), metavar="[INPUT]..."),
            click.option(
                "--input-format",
                type=click.Choice(["auto", "text", "jsonl"]),
                default="auto",
                show_default=True,
                help="How to read inputs: by suffix (.txt, .jsonl) and, on stdin, by the first line.",
            ),
            click.option("--text-field", default="text", show_default=True, help="JSONL field holding the text."),
            click.option("--id-field", default="id", show_default=True, help="JSONL field holding the document id."),
            click.option(
                "--site-field",
                default="site",
                show_default=True,
                help="JSONL field naming the site (selects a per-site pack); no other field is ever read.",
            ),
            click.option("--site", default=None, help="Site of every input (selects rules/sites/SITE.yaml)."),
            click.option(
                "--encoding", default=None, help="Read inputs in this encoding (e.g. cp1256) instead of UTF-8."
            ),
        ],
    )


def rule_options(fn: Callable) -> Callable:
    return _apply(
        fn,
        [
            click.option(
                "--rules",
                "rule_packs",
                multiple=True,
                metavar="NAME_OR_PATH",
                help="Add a rule pack after the default ones (repeatable; a later rule with the same id wins).",
            ),
            click.option("--no-default-rules", is_flag=True, help="Start from no pack instead of base, ar and fa."),
            click.option("--disable", multiple=True, metavar="RULE_ID", help="Turn one rule off (repeatable)."),
            click.option(
                "--regex-timeout",
                type=click.FloatRange(min=0.001),
                default=DEFAULT_TIMEOUT,
                show_default=True,
                help="Seconds a user pack's pattern may run on one document before that document fails.",
            ),
        ],
    )


def output_options(fn: Callable) -> Callable:
    return _apply(
        fn,
        [
            click.option(
                "--format",
                "fmt",
                type=click.Choice(["text", "json", "jsonl"]),
                default="text",
                show_default=True,
                help="text: stories apart by a form-feed line; json: one record a document; jsonl: one a story.",
            ),
            click.option(
                "-o",
                "--output",
                type=click.Path(dir_okay=False, allow_dash=True),
                default="-",
                help="Write here instead of stdout.",
            ),
            click.option("--no-source", is_flag=True, help="Leave the decoded input out of json records."),
            click.option("--explain", is_flag=True, help="List every removed piece with its rule id on stderr."),
            click.option("--stats", is_flag=True, help="Print what each rule removed across the input, on stderr."),
        ],
    )
