"""`--in-place`, `check` and `diff`: atomic rewrites, only of what changes, never of a file with unreadable parts;
JSONL records keep their other fields and every story; a SIGKILL mid-rewrite leaves the old file or the new one."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsclean.cli import main
from newsclean.emit import STORY_SEPARATOR

from .conftest import DATA, SEED

CLI = DATA / "cli"
RECORDS = CLI / "records.jsonl"


def invoke(*args, stdin: bytes | None = None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


def cleaned(path: Path) -> bytes:
    return invoke("clean", path).stdout_bytes


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".newsclean.tmp")]


def test_text_file_rewritten_with_its_permissions_then_left_alone(tmp_path):
    page = tmp_path / "page.txt"
    shutil.copy(SEED, page)
    page.chmod(0o640)
    expected = cleaned(SEED)
    result = invoke("clean", "--in-place", page)
    assert result.exit_code == 0, result.stderr
    assert page.read_bytes() == expected
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert result.stderr == f"rewrote {page}\n"
    before = page.stat()
    again = invoke("clean", "--in-place", page)
    assert (again.exit_code, again.stderr) == (0, "")
    after = page.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert leftovers(tmp_path) == []


def test_symlink_stays_a_link_to_the_rewritten_file(tmp_path):
    target = tmp_path / "page.txt"
    shutil.copy(SEED, target)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert invoke("clean", "--in-place", link).exit_code == 0
    assert link.is_symlink()
    assert target.read_bytes() == cleaned(SEED)


def test_jsonl_keeps_other_fields_blank_lines_unchanged_lines_and_every_story(tmp_path):
    path = tmp_path / "records.jsonl"
    shutil.copy(RECORDS, path)
    old_lines = RECORDS.read_bytes().split(b"\n")
    assert invoke("clean", "--in-place", path).exit_code == 0
    new_lines = path.read_bytes().split(b"\n")
    assert len(new_lines) == len(old_lines)
    assert new_lines[1] == old_lines[1]  # nothing to clean: byte for byte
    assert new_lines[2] == b""  # the blank line stays
    old = [json.loads(x) for x in old_lines if x.strip()]
    new = [json.loads(x) for x in new_lines if x.strip()]
    for a, b in zip(old, new):
        assert list(a) == list(b)  # same fields, same order
        assert {k: v for k, v in a.items() if k != "text"} == {k: v for k, v in b.items() if k != "text"}
    stories = [json.loads(x) for x in invoke("clean", "--format", "jsonl", RECORDS).stdout.splitlines()]
    seed_stories = [s["text"] for s in stories if s["metadata"]["document_id"] == "seed"]
    assert len(seed_stories) == 2
    assert new[0]["text"] == STORY_SEPARATOR.join(seed_stories)
    assert new[0]["text"].count("\n\f\n") == 1
    assert new[2]["text"] == "قال المتحدث إن الاجتماع سيعقد غدا."
    assert invoke("check", path).exit_code == 0


def test_file_with_an_unreadable_line_is_left_alone_and_the_others_rewritten(tmp_path):
    bad = tmp_path / "bad.jsonl"
    shutil.copy(CLI / "bad-lines.jsonl", bad)
    page = tmp_path / "page.txt"
    shutil.copy(SEED, page)
    result = invoke("clean", "--in-place", bad, page)
    assert result.exit_code == 3
    assert bad.read_bytes() == (CLI / "bad-lines.jsonl").read_bytes()
    assert f"{bad}:2: invalid JSON" in result.stderr
    assert f"{bad}: left unchanged" in result.stderr
    assert page.read_bytes() == cleaned(SEED)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command", [("clean", "-i"), ("check",), ("check", "--fix")])
def test_two_workers_rewrite_and_check_as_one_does(tmp_path, command):
    """-j 2 with --in-place or check: the same files, bytes, messages and exit code as -j 1."""
    runs = []
    for jobs in ("1", "2"):
        folder = tmp_path / f"j{jobs}"
        folder.mkdir()
        shutil.copy(SEED, folder / "a-seed.txt")
        shutil.copy(RECORDS, folder / "b-records.jsonl")
        (folder / "c-bad.txt").write_bytes(b"bad \xff bytes\n")
        (folder / "d-empty.jsonl").write_bytes(b"")
        shutil.copy(SEED, folder / "e-seed.txt")
        before = {path.name: path.read_bytes() for path in folder.iterdir()}
        result = invoke(*command, "-j", jobs, "--stats-json", tmp_path / f"stats{jobs}.json", folder)
        after = {path.name: path.read_bytes() for path in folder.iterdir()}
        stats = json.loads((tmp_path / f"stats{jobs}.json").read_text(encoding="utf-8"))
        counts = {k: v for k, v in stats.items() if "rss" not in k and k != "error_messages"}
        runs.append((result.exit_code, result.output.replace(f"j{jobs}", "j"), after, counts))
        assert after["c-bad.txt"] == before["c-bad.txt"]
        assert (after != before) == (command != ("check",))
    assert runs[0] == runs[1]
    assert runs[0][0] == 3


def test_non_utf8_file_is_never_rewritten_unless_its_encoding_is_named(tmp_path):
    page = tmp_path / "legacy.txt"
    shutil.copy(CLI / "cp1256.txt", page)
    assert invoke("clean", "--in-place", page).exit_code == 3
    assert page.read_bytes() == (CLI / "cp1256.txt").read_bytes()
    assert invoke("clean", "--in-place", "--encoding", "cp1256", page).exit_code == 0
    assert page.read_text(encoding="utf-8").startswith("AFP - قال المتحدث")


def test_fix_in_place_changes_characters_only(tmp_path):
    path = tmp_path / "records.jsonl"
    shutil.copy(RECORDS, path)
    assert invoke("fix", "--in-place", path).exit_code == 0
    records = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert "تاريخ النشر" in records[0]["text"]  # junk stays: fix does not strip
    assert "\f" not in records[0]["text"]
    assert records[2]["text"] == "قال المتحدث إن الاجتماع سيعقد غدا."


def test_a_file_that_cannot_be_written_is_an_error_and_the_run_goes_on(tmp_path, monkeypatch):
    from newsclean import outputs

    locked = tmp_path / "locked.txt"
    page = tmp_path / "page.txt"
    shutil.copy(SEED, locked)
    shutil.copy(SEED, page)
    real = outputs.AtomicWriter.__enter__

    def refuse(self):
        if self.path.endswith("locked.txt"):
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(outputs.AtomicWriter, "__enter__", refuse)
    result = invoke("clean", "--in-place", locked, page)
    assert result.exit_code == 3
    assert f"newsclean: error: {locked}: cannot rewrite (Permission denied)" in result.stderr
    assert locked.read_bytes() == SEED.read_bytes()
    assert page.read_bytes() == cleaned(SEED)


def test_output_paths_in_missing_folders_are_usage_errors(tmp_path):
    for option in ("-o", "--stats-json"):
        result = invoke("clean", option, tmp_path / "no" / "such.txt", SEED)
        assert result.exit_code == 2
        assert "no folder" in result.stderr


def test_in_place_refuses_an_explicit_format():
    result = invoke("clean", "--in-place", "--format", "json", SEED)
    assert result.exit_code == 2


def test_check_lists_files_that_would_change_and_fix_rewrites_them(tmp_path):
    dirty = tmp_path / "dirty.txt"
    shutil.copy(SEED, dirty)
    clean = tmp_path / "clean.txt"
    clean.write_bytes(cleaned(SEED))
    result = invoke("check", tmp_path)
    assert (result.exit_code, result.stdout) == (1, f"{dirty}\n")
    assert dirty.read_bytes() == SEED.read_bytes()
    fixed = invoke("check", "--fix", tmp_path)
    assert fixed.exit_code == 1
    assert f"rewrote {dirty}" in fixed.stderr
    assert dirty.read_bytes() == clean.read_bytes()
    assert invoke("check", tmp_path).exit_code == 0
    assert invoke("check", "--fix", tmp_path).exit_code == 0


def test_check_and_diff_read_stdin():
    assert invoke("check", stdin=SEED.read_bytes()).exit_code == 1
    assert invoke("check", stdin=cleaned(SEED)).exit_code == 0
    assert "@@" in invoke("diff", stdin=SEED.read_bytes()).stdout


def _apply(old: str, diff: str) -> str:
    """Apply a one-file unified diff to `old` (enough of `patch` to check ours)."""
    old_lines = old.split("\n")
    out: list[str] = []
    pos = 0
    for hunk in re.split(r"^(?=@@ )", diff, flags=re.M)[1:]:
        head, *body = hunk.split("\n")
        start = int(re.match(r"@@ -(\d+)", head).group(1))
        start = start - 1 if ",0 " not in head.split("+")[0] else start
        out.extend(old_lines[pos:start])
        pos = start
        for line in body:
            if line.startswith((" ", "-")):
                pos += 1
            if line.startswith((" ", "+")):
                out.append(line[1:])
    out.extend(old_lines[pos:])
    return "\n".join(out)


def test_diff_names_rule_ids_and_applies_to_the_cleaned_text():
    result = invoke("diff", SEED)
    assert result.exit_code == 0
    diff = result.stdout
    assert diff.startswith(f"--- {SEED}\t(original)\n+++ {SEED}\t(cleaned)\n")
    header = next(line for line in diff.splitlines() if line.startswith("@@"))
    for rule in ("base.embed.tweet-attribution:6", "ar.meta.source-line:13", "ar.meta.tags-line:14"):
        assert f" {rule}" in header  # each removed piece: its rule and its line
    assert " ar.split.read-also:15" in header
    assert "\x1b[" not in diff  # no colours into a pipe
    plain = diff.replace("\\ No newline at end of file\n", "")
    old = SEED.read_text(encoding="utf-8")
    assert _apply(old.removesuffix("\n"), plain.split("\n", 2)[2]).rstrip("\n") == cleaned(SEED).decode().rstrip("\n")
    assert "\x1b[" in invoke("diff", "--color", SEED).stdout


def test_diff_of_a_jsonl_file_shows_each_changed_line_of_it():
    diff = invoke("diff", RECORDS).stdout
    assert f"--- {RECORDS}:1\tseed\n" in diff
    assert f"--- {RECORDS}:4\tfix-1\n" in diff
    assert f"{RECORDS}:2" not in diff
    assert "base.chars.whitespace" in diff


# --- crash safety: SIGKILL while --in-place rewrites a large file ------------------------------------------------


def _big_jsonl(path: Path, copies: int) -> None:
    pages = (DATA / "pipe" / "pages.jsonl").read_text(encoding="utf-8").splitlines()
    with path.open("w", encoding="utf-8") as out:
        for i in range(copies):
            for line in pages:
                record = json.loads(line)
                record["id"] = f"{record['id']}#{i}"
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _start(path: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "newsclean", "clean", "--in-place", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _kill_when(proc: subprocess.Popen, folder: Path, min_temp_size: int | None, delay: float) -> None:
    """SIGKILL after `delay` seconds, or as soon as the temporary file holds `min_temp_size` bytes."""
    deadline = time.monotonic() + (delay if min_temp_size is None else 300)
    while time.monotonic() < deadline and proc.poll() is None:
        if min_temp_size is not None:
            temps = [folder / name for name in leftovers(folder)]
            if any(t.exists() and t.stat().st_size >= min_temp_size for t in temps):
                break
        time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_in_place_leaves_the_old_file_or_the_new_one(tmp_path):
    big = tmp_path / "big.jsonl"
    _big_jsonl(big, 30)  # 600 pages, about 1.8 MB
    old = big.read_bytes()
    reference = tmp_path / "ref" / "big.jsonl"
    reference.parent.mkdir()
    shutil.copy(big, reference)
    started = time.monotonic()
    assert _start(reference).wait(timeout=300) == 0
    full = time.monotonic() - started
    new = reference.read_bytes()
    assert new != old
    # kills spread over a run, one as soon as the temporary file appears, one when it is all but written
    # (around fsync and rename)
    plans = [(None, f * full) for f in (0.3, 0.6, 0.9, random.Random(6).uniform(0.1, 1.0))]
    plans += [(1, 0.0), (len(new) - 1, 0.0)]
    outcomes = []
    for min_size, delay in plans:
        _kill_when(_start(big), tmp_path, min_size, delay)
        now = big.read_bytes()
        assert now in (old, new), f"mixed or truncated file after SIGKILL ({min_size}, {delay:.2f} s)"
        outcomes.append("old" if now == old else "new")
        if now == new:
            big.write_bytes(old)
        for stray in leftovers(tmp_path):
            os.unlink(tmp_path / stray)
    assert "old" in outcomes  # at least one kill landed mid-rewrite


def test_a_last_line_taken_with_the_break_before_it_is_reported_on_its_own_line(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(
        "سطر أول من المقال هنا.\nسطر ثان من المقال هنا.\nسطر ثالث من المقال هنا.\nتابعونا على تويتر", "utf-8"
    )
    explained = invoke("clean", "--explain", page)
    assert f"{page}:4: ar.promo.follow: تابعونا على تويتر" in explained.stderr
    record = json.loads(invoke("clean", "--format", "json", page).stdout)
    assert [(r["line"], r["text"]) for r in record["removed"]] == [(4, "\nتابعونا على تويتر")]
    assert "@@ -1,4 +1,3 @@ ar.promo.follow:4" in invoke("diff", page).stdout


@pytest.mark.parametrize("name", ["records.ndjson", "records.JSONL", "records.json", "records"])
def test_jsonl_under_another_name_is_rewritten_as_jsonl(tmp_path, name):
    """A name the suffixes do not tell (or in capitals) is read as stdin is, by its first line: a JSONL file
    named `.ndjson` or `.json` keeps every record, where read as one text page it lost all but the first."""
    path = tmp_path / name
    shutil.copy(RECORDS, path)
    reference = tmp_path / "reference.jsonl"
    shutil.copy(RECORDS, reference)
    assert invoke("clean", "--in-place", path, reference).exit_code == 0
    assert path.read_bytes() == reference.read_bytes()


def test_a_folder_walk_finds_capital_and_ndjson_suffixes(tmp_path):
    shutil.copy(SEED, tmp_path / "PAGE.TXT")
    shutil.copy(RECORDS, tmp_path / "pages.ndjson")
    (tmp_path / "notes.md").write_text("كلمات دلالية: سياسة اقتصاد\n", encoding="utf-8")
    result = invoke("check", tmp_path)
    assert result.exit_code == 1
    assert sorted(result.stdout.split()) == [str(tmp_path / "PAGE.TXT"), str(tmp_path / "pages.ndjson")]


def test_a_file_named_twice_is_rewritten_once_by_two_workers(tmp_path):
    page = tmp_path / "page.txt"
    shutil.copy(SEED, page)
    result = invoke("clean", "--in-place", "-j", "2", page, page, tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"rewrote {page}\n"
    assert page.read_bytes() == cleaned(SEED)


def test_a_pipe_is_read_but_never_rewritten_in_place(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = invoke("clean", "--in-place", fifo)
    assert result.exit_code == 3
    assert f"{fifo}: not a regular file" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    empty = invoke("clean", "--format", "json", os.devnull)
    assert empty.exit_code == 0
    assert json.loads(empty.stdout)["stories"] == []


def test_in_place_jsonl_changes_the_text_value_and_no_other_byte_of_the_line(tmp_path):
    text = json.dumps("وختم الوزير كلمته بالدعوة إلى التهدئة.\nتابعونا على تويتر", ensure_ascii=False)
    head = '{"id" : "a",  "n": 1.10, "big": 1e5, "name": "\\u00e9t\\u00e9", "text": '
    tail = ', "tags": [ 1,2 ] }'
    path = tmp_path / "pages.jsonl"
    path.write_bytes((head + text + tail + "\r\n").encode("utf-8"))
    assert invoke("clean", "--in-place", path).exit_code == 0
    new = path.read_bytes().decode("utf-8")
    assert new == head + json.dumps("وختم الوزير كلمته بالدعوة إلى التهدئة.", ensure_ascii=False) + tail + "\r\n"


def test_a_read_only_file_is_reported_and_left_as_it_is(tmp_path):
    """Mode 0444 says "do not change": the rename its folder allows is not made, whoever runs newsclean."""
    locked = tmp_path / "locked.txt"
    page = tmp_path / "page.txt"
    shutil.copy(SEED, locked)
    shutil.copy(SEED, page)
    locked.chmod(0o444)
    result = invoke("clean", "--in-place", locked, page)
    assert result.exit_code == 3
    assert f"newsclean: error: {locked}: cannot rewrite (read-only file)" in result.stderr
    assert locked.read_bytes() == SEED.read_bytes()
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert page.read_bytes() == cleaned(SEED)
    assert leftovers(tmp_path) == []


def test_a_write_that_fails_at_the_last_flush_leaves_no_temporary_file(tmp_path):
    """A full disk may refuse the bytes only when the file is closed: the temporary file goes all the same."""
    from newsclean.outputs import AtomicWriter

    target = tmp_path / "out.txt"
    target.write_bytes(b"old")

    class Refusing:
        closed = False

        def __init__(self, real):
            self.real = real

        def write(self, data):
            return self.real.write(data)

        def close(self):
            self.real.close()
            raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        with AtomicWriter(str(target)) as writer:
            writer.write(b"new")
            writer._handle = Refusing(writer._handle)
            raise OSError(28, "No space left on device")
    assert leftovers(tmp_path) == []
    assert target.read_bytes() == b"old"


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux's /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pids: list[int], within: float) -> list[int]:
    deadline = time.monotonic() + within
    while True:
        alive = [pid for pid in pids if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.05)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGKILL, -9)])
def test_a_stopped_run_leaves_no_workers_and_no_temporary_file(tmp_path, signum, code):
    """SIGTERM or SIGHUP unwinds the run (temporary file removed, workers ended, exit 128 + N); after SIGKILL the
    workers end by themselves. The file is the old one or the new one either way."""
    big = tmp_path / "big.jsonl"
    _big_jsonl(big, 150)
    old = big.read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsclean", "clean", "--in-place", "-j", "2", str(big)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the workers never started"
    time.sleep(0.5)
    proc.send_signal(signum)
    assert proc.wait(timeout=60) == code
    assert _alive(workers, within=10) == []
    if signum != signal.SIGKILL:
        assert leftovers(tmp_path) == []
    now = big.read_bytes()
    assert now == old or now.count(b"\n") == old.count(b"\n")
