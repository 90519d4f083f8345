"""Messages to stderr: errors, notes, the explain listing and summaries; stdout carries only data.

While a progress bar is live on the terminal, messages go through its console so they print above the bar
instead of through it.
"""

from __future__ import annotations

import sys

import click

_live = None  # the rich console of a live progress bar, if one is showing


def set_live_console(console) -> None:
    global _live
    _live = console


def note(message: str) -> None:
    """One line on stderr."""
    if _live is not None:
        _live.print(message, markup=False, highlight=False, soft_wrap=True, emoji=False)
    else:
        click.echo(message, err=True)


def error(message: str) -> None:
    note(f"newsclean: error: {message}")


def warning(message: str) -> None:
    note(f"newsclean: warning: {message}")


def is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def stderr_is_terminal() -> bool:
    return is_terminal(sys.stderr)


def stdout_is_terminal() -> bool:
    return is_terminal(sys.stdout)
