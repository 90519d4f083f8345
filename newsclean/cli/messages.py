"""Messages to stderr: errors, the explain listing and summaries; stdout carries only data."""

from __future__ import annotations

import sys

import click


def error(message: str) -> None:
    click.echo(f"newsclean: error: {message}", err=True)


def stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False
