"""Bad input end to end through the CLI: reported as `FILE[:LINE]: what`, the other inputs processed, the right
exit code, never a traceback (DESIGN.md, Conventions: Exit codes, Bad files, Regex safety)."""

from __future__ import annotations

import json
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsclean.cli import main
from newsclean.decode import InputError

from .conftest import DATA, SEED

CLI = DATA / "cli"
SEED_TITLE = SEED.read_text(encoding="utf-8").splitlines()[0]


def invoke(args: list[str], stdin: bytes | None = None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize(
    "name, message",
    [
        ("cp1256.txt", "newsclean: error: {path}:1: not UTF-8 at byte 6 (try --encoding cp1256)\n"),
        ("binary.txt", "{path}: binary file (NUL and undecodable bytes), skipped"),
        ("utf16.txt", "{path}: UTF-16 text, not UTF-8 (try --encoding utf-16), skipped"),
        ("utf16.jsonl", "{path}: UTF-16 text, not UTF-8: JSONL must be UTF-8 (iconv -f utf-16 -t utf-8), skipped"),
    ],
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_unreadable_file_is_named_with_its_cause_and_the_others_go_on(name, message, jobs):
    path = CLI / name
    result = invoke(["clean", "-j", jobs, path, SEED])
    assert result.exit_code == 3
    assert message.format(path=path) in result.stderr
    assert SEED_TITLE in result.stdout


def test_an_undecodable_byte_is_named_with_its_line(tmp_path):
    path = tmp_path / "late.txt"
    path.write_bytes("سطر أول.\n".encode() * 50 + b"bad \xff here\n")
    result = invoke(["clean", path])
    assert result.exit_code == 3
    assert f"{path}:51: not UTF-8 at byte 754" in result.stderr


def test_an_input_error_crosses_to_a_worker_process_whole():
    error = InputError("a.txt", "binary file", 3)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.file, copy.message, copy.line, str(copy)) == ("a.txt", "binary file", 3, "a.txt:3: binary file")


def test_a_one_byte_encoding_named_still_skips_a_binary_file():
    result = invoke(["clean", "--encoding", "cp1256", CLI / "binary.txt"])
    assert result.exit_code == 3
    assert "binary file (NUL and undecodable bytes), skipped" in result.stderr


@pytest.mark.parametrize("name, encoding", [("cp1256.txt", "cp1256"), ("utf16.txt", "utf-16")])
def test_the_encoding_named_reads_the_file(name, encoding):
    result = invoke(["clean", "--encoding", encoding, CLI / name])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("AFP - قال المتحدث باسم الحكومة")


def test_empty_file_is_an_empty_document():
    result = invoke(["clean", CLI / "empty.txt"])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    record = json.loads(invoke(["clean", "--format", "json", CLI / "empty.txt"]).stdout)
    assert (record["source"], record["removed"], record["changes"]) == ("", [], [])


def test_malformed_jsonl_line_is_reported_skipped_and_counted(tmp_path):
    path = CLI / "bad-lines.jsonl"
    stats = tmp_path / "stats.json"
    result = invoke(["clean", "--format", "json", "--stats-json", stats, path])
    assert result.exit_code == 3
    assert f"newsclean: error: {path}:2: invalid JSON (" in result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["ok-1", "ok-2"]
    summary = json.loads(stats.read_text(encoding="utf-8"))
    assert (summary["documents"], summary["errors"]) == (2, 1)
    assert summary["error_messages"][0].startswith(f"{path}:2: invalid JSON")


def test_bad_rule_pack_stops_the_run_before_any_file_is_touched(tmp_path):
    page = tmp_path / "page.txt"
    shutil.copy(SEED, page)
    before = (page.read_bytes(), page.stat().st_mtime_ns)
    pack = CLI / "bad-pack.yaml"
    result = invoke(["clean", "--in-place", "--rules", pack, page])
    assert result.exit_code == 2
    assert result.stderr == (
        f"newsclean: error: {pack}:9: rule mine.broken: kind must be one of line, span, chars, split, not 'lines'\n"
    )
    assert (page.read_bytes(), page.stat().st_mtime_ns) == before
    assert invoke(["check", "--rules", pack, page]).exit_code == 2


def test_runaway_user_regex_fails_its_document_not_the_run(tmp_path):
    slow = tmp_path / "slow.txt"
    page = tmp_path / "page.txt"
    shutil.copy(CLI / "slow.txt", slow)
    shutil.copy(SEED, page)
    args = ["--rules", CLI / "slow-pack.yaml", "--regex-timeout", "0.05"]
    started = time.monotonic()
    result = invoke(["clean", *args, slow, page])
    assert time.monotonic() - started < 30
    assert result.exit_code == 3
    limit = "user patterns ran past their 0.05 s time limit on this document"
    assert f"newsclean: error: {slow}: rule mine.slow: {limit}" in result.stderr
    assert SEED_TITLE in result.stdout
    in_place = invoke(["clean", "--in-place", *args, slow, page])
    assert in_place.exit_code == 3
    assert slow.read_bytes() == (CLI / "slow.txt").read_bytes()
    assert page.read_bytes() != SEED.read_bytes()
    assert f"{slow}: left unchanged" in in_place.stderr


def test_missing_file_and_missing_text_field_are_input_errors(tmp_path):
    records = tmp_path / "r.jsonl"
    records.write_text('{"id": "x", "body": "نص"}\n', encoding="utf-8")
    result = invoke(["clean", tmp_path / "nosuch.txt", records, SEED])
    assert result.exit_code == 3
    assert f"{tmp_path / 'nosuch.txt'}: no such file or directory" in result.stderr
    assert f"{records}:1: no 'text' field" in result.stderr
    assert SEED_TITLE in result.stdout


def test_a_lone_surrogate_escape_is_an_input_error_and_the_others_go_on(tmp_path):
    """JSON lets `\\ud800` name half a surrogate pair, which no UTF-8 output can hold: that record is bad input."""
    records = tmp_path / "r.jsonl"
    records.write_text(
        '{"id": "half", "text": "نص \\ud800 عربي."}\n{"id": "ok", "text": "هذا نص جيد."}\n'
        '{"id": "pair", "text": "نص \\ud83d\\ude00 عربي."}\n{"id": "key", "text": "نص.", "t\\udc00": 1}\n'
        '{"id": "null", "text": null}\n',
        encoding="utf-8",
    )
    result = invoke(["clean", "--format", "json", records])
    assert result.exit_code == 3
    assert f"{records}:1: lone surrogate escape in field 'text' (not Unicode text)" in result.stderr
    assert f"{records}:4: lone surrogate escape in field" in result.stderr
    assert f"{records}:5: field 'text' is not a string (null)" in result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["ok", "pair"]


def test_a_byte_order_mark_opening_a_jsonl_file_or_stream_is_skipped(tmp_path):
    records = tmp_path / "bom.jsonl"
    records.write_bytes(b'\xef\xbb\xbf{"id": "b", "text": "\xd9\x86\xd8\xb5."}\r\n{"id": "c", "text": "x."}\r\n')
    for result in (
        invoke(["clean", "--format", "json", records]),
        invoke(["clean", "--format", "json"], records.read_bytes()),
    ):
        assert result.exit_code == 0, result.stderr
        assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["b", "c"]


def test_broken_newsclean_record_in_the_stream_is_an_input_error():
    bad = json.dumps({"id": "x", "source": "نص", "steps": ["fix"], "stories": [], "removed": [{"start": 0}]})
    result = invoke(["strip"], bad.encode())
    assert result.exit_code == 3
    assert "-:1: invalid newsclean record (KeyError" in result.stderr


def test_usage_errors_exit_2():
    assert invoke(["clean", "--no-such-option"]).exit_code == 2
    assert invoke(["clean", "--format", "yaml", SEED]).exit_code == 2
    stdin = invoke(["clean", "--in-place"], b"text")
    assert stdin.exit_code == 2
    assert "--in-place rewrites files" in stdin.stderr
    assert invoke(["clean", "--in-place", "-o", "x.txt", SEED]).exit_code == 2
    assert invoke(["rules", "show", "no.such.rule"]).exit_code == 2
    assert invoke(["clean", "--disable", "no.such.rule", SEED]).exit_code == 2
    misspelt = invoke(["rules", "test", "ar.meta.tags-tail", "no.such.rule"])  # would test nothing and pass
    assert misspelt.exit_code == 2
    assert "no rule with id 'no.such.rule'" in misspelt.stderr
    encoding = invoke(["clean", "--encoding", "bogus", SEED])
    assert (encoding.exit_code, encoding.stdout) == (2, "")
    assert "unknown encoding 'bogus'" in encoding.stderr


def test_three_wins_over_one_in_check(tmp_path):
    page = tmp_path / "page.txt"
    shutil.copy(SEED, page)
    result = invoke(["check", page, CLI / "cp1256.txt"])
    assert result.exit_code == 3
    assert result.stdout == f"{page}\n"


def test_the_time_limit_is_for_all_the_user_patterns_calls_on_a_document(monkeypatch):
    """Calls that each stay under the limit add up: once a document has used the limit, its next call fails; the
    next document starts afresh, and outside a document each call has the limit."""
    from newsclean.engine import patterns

    pattern = patterns.TimedPattern("a+", "mine.quick", 0.5)
    with patterns.document_budget():
        assert pattern.search("baa") is not None
        monkeypatch.setattr(patterns, "_spent", 0.6)  # what earlier calls on the page took together
        with pytest.raises(patterns.RegexTimeout, match="mine.quick"):
            pattern.search("baa")
    with patterns.document_budget():
        assert pattern.search("baa") is not None
    assert pattern.search("baa") is not None


def test_a_broken_first_record_on_stdin_is_reported_not_read_as_a_text_page():
    good = json.dumps({"id": "b", "text": "قال المتحدث إن الاجتماع سيعقد غدا."}, ensure_ascii=False)
    result = invoke(["clean", "--format", "jsonl"], stdin=('{"id": "a", "text": "نص\n' + good + "\n").encode())
    assert result.exit_code == 3
    assert "-:1: invalid JSON" in result.stderr
    assert [json.loads(line)["metadata"]["document_id"] for line in result.stdout.splitlines()] == ["b"]


def test_jsonl_in_an_encoding_without_the_newline_byte_is_one_clear_error(tmp_path):
    path = tmp_path / "pages.jsonl"
    record = json.dumps({"id": "a", "text": "قال المتحدث إن الاجتماع سيعقد غدا."}, ensure_ascii=False)
    path.write_bytes((record + "\n" + record + "\n").encode("utf-16"))
    result = invoke(["clean", "--encoding", "utf-16", "--format", "jsonl", path])
    assert result.exit_code == 3
    assert (
        result.stderr
        == f"newsclean: error: {path}: JSONL is read line by line, which utf-16 cannot be; convert it to UTF-8\n"
    )


def test_json_python_will_not_read_is_an_error_on_its_line_and_the_run_goes_on(tmp_path):
    """Valid JSON can still be unreadable: an integer of thousands of digits (Python's limit), arrays nested past
    the recursion limit. Each is its line's error, as invalid JSON is, and the other records are cleaned."""
    path = tmp_path / "odd.jsonl"
    lines = [
        '{"id": "a", "text": "نص أول"}',
        '{"id": "n", "n": ' + "9" * 5000 + ', "text": "نص"}',
        "[" * 100_000,
        '{"id": "b", "text": "نص ثان"}',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke(["clean", "--format", "text", path, SEED])
    assert result.exit_code == 3
    assert f"{path}:2: unreadable JSON (Exceeds the limit (4300 digits)" in result.stderr
    assert f"{path}:3: invalid JSON (nested too deeply to read)" in result.stderr
    assert "نص أول" in result.stdout and "نص ثان" in result.stdout and SEED_TITLE in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["--encoding", "rot13"], "'rot13' is not a text encoding"),
        (["--regex-timeout", "nan"], "not nan"),
        (["--regex-timeout", "inf"], "not in the range"),
        (["-j", "257"], "not in the range"),
    ],
)
def test_options_no_run_could_use_are_usage_errors(args, message):
    result = invoke(["clean", *args, SEED])
    assert result.exit_code == 2
    assert message in result.stderr


def test_stdin_named_twice_is_a_usage_error():
    result = invoke(["clean", "-", "-"], stdin="نص".encode())
    assert result.exit_code == 2
    assert "stdin (-) can be read only once" in result.stderr


def test_a_file_that_cannot_be_opened_is_its_own_error_not_a_usage_error(tmp_path, monkeypatch):
    """A file its user may not read fails alone (exit 3); the command line named it rightly. (Run as root, a
    mode-000 file stays readable, so the refusal is the operating system's answer, played here.)"""
    import os

    from newsclean import inputs

    locked = tmp_path / "locked.txt"
    locked.write_text("نص", encoding="utf-8")
    real_access, real_open = os.access, inputs.open_read
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: str(path) != str(locked) and real_access(path, mode))

    def refuse(name):
        if str(name) == str(locked):
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name)

    monkeypatch.setattr(inputs, "open_read", refuse)
    result = invoke(["clean", locked, SEED])
    assert result.exit_code == 3
    assert f"{locked}: Permission denied" in result.stderr
    assert SEED_TITLE in result.stdout


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("where", [["-o", "/dev/full"], ["--stats-json", "/dev/full"]])
def test_an_output_the_disk_cannot_take_stops_the_run_with_a_message(where):
    result = subprocess.run(
        [sys.executable, "-m", "newsclean", "clean", *where, str(SEED)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 3
    assert result.stderr.strip().endswith("newsclean: error: the run stopped: No space left on device")
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stdout_the_disk_cannot_take_stops_the_run_with_a_message():
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "newsclean", "clean", str(SEED)], stdout=full, stderr=subprocess.PIPE, timeout=120
        )
    stderr = result.stderr.decode()
    assert result.returncode == 3
    assert "newsclean: error: the run stopped: No space left on device" in stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr


def test_an_output_folder_that_cannot_be_written_is_a_usage_error(tmp_path, monkeypatch):
    import os

    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: str(path) != str(locked) and real_access(path, mode))
    result = invoke(["clean", "-o", locked / "out.txt", SEED])
    assert result.exit_code == 2
    assert f"-o {locked / 'out.txt'}: the folder {locked} cannot be written" in result.stderr
