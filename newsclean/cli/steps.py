"""`newsclean fix | strip | split | meta`: one step each, composable through the `json` stream.

Each reads pages or the `json` records of an earlier subcommand and runs its step (and `fix` first, where the
document has not been through it). On a terminal they print text; into a pipe or a file they write the `json`
stream by default, so `newsclean fix < page.txt | newsclean strip | newsclean split --format text` prints what
`newsclean clean --format text page.txt` prints.
"""

from __future__ import annotations

import click

from .options import in_place_option, input_options, output_options, rule_options, stats_options
from .runner import WriteBack, run_command


def _step_command(name: str, steps: tuple[str, ...], doc: str, in_place: bool = True) -> click.Command:
    def command(**params) -> None:
        write_back = WriteBack.IN_PLACE if params.get("in_place") else WriteBack.STDOUT
        run_command(params, steps, write_back)

    command.__doc__ = doc
    command = stats_options(command)
    if in_place:
        command = in_place_option(command)
    command = output_options("auto")(command)
    command = rule_options(command)
    command = input_options(command)
    return click.command(name)(command)


fix_command = _step_command(
    "fix",
    ("fix",),
    """Repair unicode and fix characters for each document's language; nothing is stripped.

    Mojibake repaired (HTML entities too with --rules chars/html), the language detected, then the character
    rules for that language (Persian letters in Arabic text and the reverse, digits, presentation forms, stray
    invisible characters, spaces). With --in-place only the characters of each file change.

    \b
    Example:
        newsclean fix page.txt
        newsclean fix < page.txt | newsclean strip | newsclean split --format text
        newsclean fix --in-place corpus/
    """,
)

strip_command = _step_command(
    "strip",
    ("strip",),
    """Strip junk: menus, share and embed lines, date/source/tag lines (their values kept as metadata).

    A document not yet fixed is fixed first. In the `json` stream the removed pieces stay listed with their
    rule ids.

    \b
    Example:
        newsclean fix page.txt | newsclean strip --explain > stripped.jsonl
        newsclean strip --in-place pages.jsonl
    """,
)

split_command = _step_command(
    "split",
    ("split",),
    """Split each document into its stories, at read-also markers and story separators.

    With --format text the stories come out apart by a form-feed line; in a .jsonl rewritten --in-place the
    text field holds the stories in that text format, so no story is lost.

    \b
    Example:
        newsclean fix < page.txt | newsclean strip | newsclean split --format text
        newsclean split --format jsonl pages.jsonl > stories.jsonl
    """,
)

meta_command = _step_command(
    "meta",
    ("meta",),
    """Read metadata (date, source, tags, author) without removing anything.

    The lines that hold metadata stay in the text; their values go to each story's metadata. See them with
    --format jsonl (one story a line) or --format json.

    \b
    Example:
        newsclean meta --format jsonl page.txt
        newsclean fix < page.txt | newsclean meta > with-metadata.jsonl
    """,
    in_place=False,
)
