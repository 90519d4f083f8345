"""`newsclean check`: would cleaning change these files? For CI and pre-commit."""

from __future__ import annotations

import click

from ..pipeline import STEPS
from .options import input_options, jobs_option, rule_options, stats_options, step_option
from .runner import WriteBack, run_command


@click.command("check")
@input_options
@rule_options
@step_option
@click.option("--fix", is_flag=True, help="Rewrite the files that would change (as `clean --in-place`), still exit 1.")
@jobs_option
@stats_options
def check_command(**params) -> None:
    """List the INPUT files that cleaning would change; exit 1 if there is one.

    A file would change when `newsclean clean --in-place` would rewrite it. With --fix the files are rewritten
    and the exit code still says that they were (the pre-commit fixing hook). Exit codes: 0 nothing to change,
    1 files would change (or were fixed), 2 usage or rule-pack error, 3 some inputs failed (wins over 1).

    \b
    Example:
        newsclean check corpus/
        newsclean check --fix --step fix corpus/*.jsonl
    """
    write_back = WriteBack.IN_PLACE if params["fix"] else WriteBack.CHECK
    run_command(params, params["only_steps"] or STEPS, write_back, check=True)
