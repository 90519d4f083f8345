"""The click group class of `newsclean` and `newsclean rules`: help on no arguments, quiet on a closed pipe."""

from __future__ import annotations

import os
import signal
import sys

import click

from ..report import Exit
from .messages import error

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


class NewscleanGroup(click.Group):
    """Help when called with nothing to do; a reader that stops early (`| head`) ends the run quietly."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # in the order they were added: the pipeline's order, not the alphabet's

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args:
            click.echo(ctx.get_help())
            ctx.exit(int(Exit.OK))
        return super().parse_args(ctx, args)

    def main(self, *args, **kwargs):
        # (Windows has no SIGHUP)
        signals = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
        before = {signum: signal.signal(signum, _stop) for signum in signals}
        try:
            return super().main(*args, **kwargs)
        except BrokenPipeError:
            _quiet_stdout()
            sys.exit(int(Exit.OK))
        finally:
            for signum, handler in before.items():
                signal.signal(signum, handler)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _quiet_stdout()
            ctx.exit(int(Exit.OK))
        except OSError as exc:  # what the output cannot take (a full disk): inputs report their own errors
            _quiet_stdout()
            where = f" ({exc.filename})" if exc.filename else ""
            error(f"the run stopped: {exc.strerror or exc}{where}")
            ctx.exit(int(Exit.FAILED))


def _stop(signum: int, frame) -> None:
    """SIGTERM or SIGHUP: unwind as an error does, so that temporary files go and workers end; the files not
    yet rewritten stay as they were."""
    raise SystemExit(128 + signum)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush finds no broken pipe to complain about."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
