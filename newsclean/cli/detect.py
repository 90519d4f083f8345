"""`newsclean detect`: what each document is and what newsclean finds in it, without changing anything."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import click

from ..decode import InputError
from ..inputs import STDIN, read_inputs
from ..model import Document
from ..pipeline import STEPS
from ..record import to_record
from . import progress as progress_bar
from .options import input_options, input_settings, rule_options, stats_options
from .runner import Run, RunOptions, check_output_paths, exit_with, load_or_exit, open_output


def findings(doc: Document) -> dict[str, Any]:
    """A document's language, stories (with metadata), the junk it holds and the character fixes it needs."""
    record = to_record(doc, source=False)
    return {
        "id": doc.id,
        "lang": doc.lang,
        "site": doc.site,
        "stories": [
            {k: s[k] for k in ("title", "lang", "relation", "start", "end", "metadata")} for s in record["stories"]
        ],
        "junk": record["removed"],
        "changes": record["changes"],
    }


def as_text(found: dict[str, Any]) -> str:
    """A few lines a document: a summary, each junk piece with its rule, the character fixes counted by rule."""
    doc_id = found["id"]
    lines = [
        f"{doc_id}: {found['lang'] or 'unknown language'}, {len(found['stories'])} stories, "
        f"{len(found['junk'])} junk pieces, {len(found['changes'])} character changes"
    ]
    for piece in found["junk"]:
        text = piece["text"].strip("\n").replace("\n", "⏎")
        lines.append(f"  {doc_id}:{piece['line']}: {piece['rule']}: {text}")
    counts = Counter(c["rule"] for c in found["changes"])
    if counts:
        lines.append("  characters: " + ", ".join(f"{rule} ×{n}" for rule, n in counts.most_common()))
    return "\n".join(lines) + "\n"


@click.command("detect")
@input_options
@rule_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a summary and the junk of each document; json: one object a document.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="Write here.")
@stats_options
def detect_command(**params) -> None:
    """Report each document's language, stories and the junk newsclean finds; change nothing.

    Every step runs on a copy: what `clean` would remove is listed with its rule id and line, the character
    fixes are counted by rule. No input is ever written.

    \b
    Example:
        newsclean detect examples/arabi21-wagner.txt
        newsclean detect --format json pages.jsonl | jq .lang
    """
    check_output_paths(params)
    rules = load_or_exit(
        params["rule_packs"], params["no_default_rules"], params["disable"], params["regex_timeout"], params["site"]
    )
    options = RunOptions(STEPS, params["fmt"], params["output"], stats=params["stats"], stats_json=params["stats_json"])
    job = Run(input_settings(params), rules, options, params["site"])
    names = list(params["inputs"]) or [STDIN]
    enabled = progress_bar.wanted(params["output"] == "-")
    with progress_bar.Progress(enabled, progress_bar.input_bytes(names) if enabled else None) as bar:
        job.progress = bar
        with open_output(params["output"]) as out:
            for raw in read_inputs(names, job.input_options):
                if isinstance(raw, InputError):
                    job.fail(str(raw))
                    continue
                doc = job.clean(raw)
                if doc is None:
                    continue
                found = findings(doc)
                if params["fmt"] == "json":
                    out.write(json.dumps(found, ensure_ascii=False) + "\n")
                else:
                    out.write(as_text(found))
    job.finish()
    exit_with(job.report)
