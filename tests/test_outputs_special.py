"""`-o` naming a device or a pipe writes into it: the atomic temporary-file-and-rename of regular files must never
replace it with a file (`-o /dev/null` once turned /dev/null into a regular file)."""

from __future__ import annotations

import os
import stat
import threading

from click.testing import CliRunner

from newsclean.cli import main

from .conftest import SEED


def test_output_into_a_fifo_stays_a_fifo(tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = CliRunner().invoke(main, ["clean", "--format", "text", "-o", str(fifo), str(SEED)])
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received and received[0].decode("utf-8").startswith("وفد عسكري روسي")
    assert [p.name for p in tmp_path.iterdir()] == ["out.fifo"]  # no temporary file left beside it
