"""Options shared by the subcommands, as decorators (sqlite-utils' `output_options` style)."""

from __future__ import annotations

from collections.abc import Callable

import click

from ..engine.patterns import DEFAULT_TIMEOUT
from ..inputs import InputOptions

MAX_TIMEOUT = 3600.0  # seconds a user pattern may take on one document: an hour is already no limit
MAX_JOBS = 256  # worker processes: each holds the rules and a chunk of pages (some 60 MB)


def _apply(fn: Callable, options: list[Callable]) -> Callable:
    for option in reversed(options):
        fn = option(fn)
    return fn


def input_options(fn: Callable) -> Callable:
    return _apply(
        fn,
        [
            click.argument("inputs", nargs=-1, type=click.Path(allow_dash=True, readable=False), metavar="[INPUT]..."),
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
                "--encoding",
                default=None,
                callback=_known_encoding,
                help="Read inputs in this encoding (e.g. cp1256) instead of UTF-8.",
            ),
        ],
    )


def _known_encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An encoding Python knows, or a usage error (exit 2) before any input is read."""
    if value is not None:
        import codecs

        try:
            info = codecs.lookup(value)
        except LookupError:
            raise click.BadParameter(f"unknown encoding {value!r} (e.g. cp1256, utf-16)") from None
        if not getattr(info, "_is_text_encoding", True):  # rot13, hex, base64: codecs, but not of text
            raise click.BadParameter(f"{value!r} is not a text encoding (e.g. cp1256, utf-16)")
    return value


def _a_number(ctx: click.Context, param: click.Parameter, value: float) -> float:
    """A range lets `nan` through (it compares with nothing): no time limit at all, where one was asked for."""
    if value != value:
        raise click.BadParameter("expected a number of seconds, not nan")
    return value


def input_settings(params: dict) -> InputOptions:
    return InputOptions(
        params["text_field"], params["id_field"], params["site_field"], params["encoding"], params["input_format"]
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
                type=click.FloatRange(min=0.001, max=MAX_TIMEOUT),
                callback=_a_number,
                default=DEFAULT_TIMEOUT,
                show_default=True,
                help="Seconds a user pack's patterns may run on one document, all calls together, before it fails.",
            ),
        ],
    )


FORMAT_HELP = {
    "text": "text: stories apart by a form-feed line; json: one record a document (the stream between "
    "subcommands); jsonl: one record a story.",
    "auto": "auto: text on a terminal, json when stdout goes to a pipe or file, so subcommands compose; "
    "text: stories apart by a form-feed line; json: one record a document; jsonl: one record a story.",
}


def output_options(default: str = "text") -> Callable[[Callable], Callable]:
    """--format (defaulting to `default`), -o, --no-source, --explain."""
    choices = ["auto", "text", "json", "jsonl"] if default == "auto" else ["text", "json", "jsonl"]

    def decorate(fn: Callable) -> Callable:
        return _apply(
            fn,
            [
                click.option(
                    "--format",
                    "fmt",
                    type=click.Choice(choices),
                    default=default,
                    show_default=True,
                    help=FORMAT_HELP[default],
                ),
                click.option(
                    "-o",
                    "--output",
                    type=click.Path(dir_okay=False, allow_dash=True),
                    default="-",
                    callback=_not_empty,
                    help="Write here (atomically) instead of stdout.",
                ),
                click.option("--no-source", is_flag=True, help="Leave the decoded input out of json records."),
                _jobs(),
                click.option("--explain", is_flag=True, help="List every removed piece with its rule id on stderr."),
            ],
        )

    return decorate


def _not_empty(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """`-o ''` names no file (a shell variable left empty): a usage error, not the current folder."""
    if value == "":
        raise click.BadParameter("an empty name is no file (use - for stdout)")
    return value


def _jobs():
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1, max=MAX_JOBS),
        default=1,
        show_default=True,
        help=f"Worker processes (at most {MAX_JOBS}); output (and every file rewritten) is identical to -j 1, in "
        "input order.",
    )


def jobs_option(fn: Callable) -> Callable:
    return _jobs()(fn)


def in_place_option(fn: Callable) -> Callable:
    return click.option(
        "-i",
        "--in-place",
        is_flag=True,
        help="Rewrite each INPUT file instead of printing: atomically, only when it changes, never when a part of "
        "it could not be read. A .jsonl file keeps every other field; its text field gets the text format.",
    )(fn)


def stats_options(fn: Callable) -> Callable:
    return _apply(
        fn,
        [
            click.option(
                "--stats", is_flag=True, help="Print a summary table on stderr: documents, stories, what each rule did."
            ),
            click.option(
                "--stats-json",
                type=click.Path(dir_okay=False, writable=True),
                default=None,
                metavar="FILE",
                help="Write the summary as JSON to FILE.",
            ),
        ],
    )


def step_option(fn: Callable) -> Callable:
    return click.option(
        "--step",
        "only_steps",
        multiple=True,
        type=click.Choice(["fix", "strip", "split"]),
        help="Only these steps (repeatable; default: all, as `clean`).",
    )(fn)
