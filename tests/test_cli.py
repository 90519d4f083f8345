"""The command line as a whole: help everywhere, formats, detect, stats, progress, rules lint, a closed pipe."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time

import click
import pytest
from click.testing import CliRunner

from newsclean.cli import main, progress, runner
from newsclean.engine import lint as lint_module
from newsclean.engine.lint import lint

from .conftest import DATA, SEED

CLI = DATA / "cli"


def invoke(*args, stdin: bytes | None = None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


def all_commands(group: click.Group = main, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from all_commands(command, prefix + (name,))


COMMANDS = list(all_commands())


def test_the_subcommands_of_the_issue_are_all_there():
    names = {" ".join(path) for path, _ in COMMANDS}
    expected = {"clean", "fix", "strip", "split", "meta", "detect", "diff", "check", "rules"}
    expected |= {"rules list", "rules show", "rules test", "rules lint"}
    assert expected <= names


@pytest.mark.parametrize("path, command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help_with_an_example(path, command):
    result = invoke(*path, "-h")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Usage: newsclean {' '.join(path)}")
    assert "Example:" in (command.help or ""), f"{' '.join(path)}: docstring needs an Example block"
    assert "Example:" in result.stdout


def test_no_arguments_prints_help():
    for args in ([], ["rules"]):
        result = invoke(*args)
        assert result.exit_code == 0
        assert result.stdout.startswith("Usage: newsclean")
        assert "Commands:" in result.stdout


@pytest.mark.parametrize("command", ["clean", "diff", "fix"])
def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path, command):
    big = tmp_path / "big.jsonl"
    big.write_text((DATA / "pipe" / "pages.jsonl").read_text(encoding="utf-8") * 5, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsclean", command, str(big)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    proc.stdout.readline()
    proc.stdout.close()
    assert proc.wait(timeout=120) == 0
    assert proc.stderr.read() == b""


def test_auto_format_is_text_at_a_terminal_and_json_into_a_pipe(monkeypatch):
    assert invoke("fix", SEED).stdout.startswith("{")
    monkeypatch.setattr(runner, "stdout_is_terminal", lambda: True)
    out = invoke("fix", SEED).stdout
    assert out.startswith("وفد عسكري روسي")
    assert runner.resolve_format("auto", "out.jsonl") == "json"
    assert runner.resolve_format("jsonl", "-") == "jsonl"


def test_meta_keeps_the_text_and_reads_the_metadata():
    stories = [json.loads(line) for line in invoke("meta", "--format", "jsonl", SEED).stdout.splitlines()]
    assert len(stories) == 1  # meta does not split
    assert "تاريخ النشر" in stories[0]["text"]  # nor remove
    assert stories[0]["metadata"]["date"] == "2023-08-23"
    assert stories[0]["metadata"]["source"] == "عربي21"


def test_detect_lists_language_stories_and_junk_and_changes_nothing(tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes(SEED.read_bytes())
    result = invoke("detect", page)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{page}: ar, 2 stories, ")
    assert f"  {page}:6: base.embed.tweet-attribution: — RT غرفة الأخبار (@RTArNewsRoom) August 22, 2023" in lines
    found = json.loads(invoke("detect", "--format", "json", page).stdout)
    assert found["lang"] == "ar"
    assert len(found["stories"]) == 2
    assert {j["rule"] for j in found["junk"]} >= {"ar.meta.source-line", "ar.split.read-also"}
    assert page.read_bytes() == SEED.read_bytes()


def test_stats_table_and_json(tmp_path):
    stats = tmp_path / "stats.json"
    result = invoke("clean", "--stats", "--stats-json", stats, SEED, DATA / "pipe" / "pages.jsonl")
    assert result.exit_code == 0
    err = result.stderr.splitlines()
    assert err[0] == "rule\tpieces_removed\tchars_removed\tchanges\tchars_changed"
    assert any(line.startswith("base.embed.tweet-attribution\t1\t") for line in err)
    assert err[-1].startswith("documents: 21  stories: ")
    assert re.search(r"  peak memory: \d+(\.\d)? MB$", err[-1])
    summary = json.loads(stats.read_text(encoding="utf-8"))
    assert summary["documents"] == 21
    assert summary["errors"] == 0
    assert summary["rules"]["ar.meta.source-line"]["removed"] >= 1
    assert summary["pieces_removed"] == sum(r["removed"] for r in summary["rules"].values())
    assert summary["characters_changed"] == sum(r["changed_chars"] for r in summary["rules"].values())


def test_nothing_extra_on_stderr_when_it_is_not_a_terminal():
    result = invoke("clean", DATA / "pipe" / "pages.jsonl")
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_site_without_a_pack_is_named_once_and_the_run_goes_on():
    """`--site` selects a site pack; a misspelt one would silently drop it, so the run says so once."""
    result = invoke("clean", "--site", "bbcc", DATA / "pipe" / "pages.jsonl")
    assert result.exit_code == 0 and result.stdout
    assert result.stderr.splitlines() == [
        "newsclean: warning: --site bbcc: no site pack of that name, the general rules apply "
        "(site packs: 3alyoum, alweeam, bbc, was)"
    ]
    assert invoke("detect", "--site", "BBC", DATA / "pipe" / "pages.jsonl").stderr == ""


def test_progress_bar_shows_documents_speed_and_errors_on_a_terminal():
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=120)
    with progress.Progress(True, 2_000_000, console=console) as bar:
        bar.advance(500_000)
        time.sleep(0.05)
        bar.advance(500_000)
        bar.error()
        bar._bar.refresh()
    shown = buffer.getvalue()
    assert "2 documents" in shown and "1 errors" in shown and "B/s" in shown


def test_progress_only_when_stderr_is_a_terminal_and_stdout_is_not(monkeypatch):
    from newsclean.cli import messages

    monkeypatch.setattr(messages, "stderr_is_terminal", lambda: False)
    assert not progress.wanted(writes_stdout=False)
    monkeypatch.setattr(messages, "stderr_is_terminal", lambda: True)
    monkeypatch.setattr(messages, "stdout_is_terminal", lambda: True)
    assert not progress.wanted(writes_stdout=True)  # data on the same terminal
    assert progress.wanted(writes_stdout=False)  # --in-place, check
    monkeypatch.setattr(messages, "stdout_is_terminal", lambda: False)
    assert progress.wanted(writes_stdout=True)


def test_rules_lint_reports_missing_examples_and_shadowed_ids():
    no_examples, shadow = CLI / "lint-no-examples.yaml", CLI / "lint-shadow.yaml"
    result = invoke("rules", "lint", no_examples, shadow)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{no_examples}:4: rule mine.follow-us: no examples (add `examples:` for `rules test`)" in lines
    assert any(
        line.startswith(f"{shadow}:4: rule ar.meta.source-line: shadows the rule defined at ")
        and line.endswith("(pack ar) (warning)")
        for line in lines
    )
    assert invoke("rules", "lint", shadow).exit_code == 0  # warnings alone pass


def test_rules_lint_a_pack_that_does_not_load_exits_2():
    pack = CLI / "bad-pack.yaml"
    result = invoke("rules", "lint", pack)
    assert result.exit_code == 2
    assert result.stdout == f"{pack}:9: rule mine.broken: kind must be one of line, span, chars, split, not 'lines'\n"


def test_rules_lint_same_id_in_two_default_packs_is_an_error(monkeypatch):
    a, b = CLI / "lint-no-examples.yaml", CLI / "lint-shadow.yaml"
    monkeypatch.setattr(lint_module, "_default_set", lambda: {str(a.resolve()), str(b.resolve())})
    problems = [p for p in lint([str(a), str(b)]) if "duplicate id" in p.message]
    assert len(problems) == 1
    assert problems[0].rule == "mine.share" and problems[0].severity == "error"


def test_shipped_packs_lint_clean():
    result = invoke("rules", "lint")
    assert result.exit_code == 0, result.stdout


def test_a_file_name_that_is_not_utf8_gives_an_escaped_id_and_the_run_goes_on(tmp_path):
    """A cp1256 name from a Windows archive: JSON output stays Unicode, and the other files are cleaned too."""
    folder = bytes(tmp_path)
    with open(os.path.join(folder, b"\xc7\xe1\xce\xc8\xd1.txt"), "wb") as handle:
        handle.write(SEED.read_bytes())
    (tmp_path / "zz.txt").write_bytes(SEED.read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "newsclean", "clean", "--format", "json", str(tmp_path)], capture_output=True
    )
    assert result.returncode == 0, result.stderr
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == [f"{tmp_path}/zz.txt", f"{tmp_path}/\\xc7\\xe1\\xce\\xc8\\xd1.txt"]  # the folder's order


def test_an_empty_output_name_is_a_usage_error():
    result = invoke("clean", SEED, "-o", "")
    assert result.exit_code == 2
    assert "an empty name is no file" in result.stderr


def test_a_record_written_without_its_source_says_why_it_cannot_be_read_again():
    fixed = invoke("fix", "--no-source", SEED).stdout_bytes
    result = invoke("strip", stdin=fixed)
    assert result.exit_code == 3
    assert "written with --no-source" in result.stderr


def test_rules_test_reports_an_example_past_the_time_limit_and_runs_the_others():
    pack = DATA / "packs" / "catastrophic-example.yaml"
    result = invoke("rules", "test", "--no-default-rules", "--rules", pack, "--regex-timeout", "0.05")
    assert result.exit_code == 1
    assert "rule mine.slow-example: example 1:" in result.stdout + result.stderr
    assert "time limit" in result.stdout + result.stderr
    assert "1 of 2 examples pass" in result.stdout + result.stderr


def test_a_crlf_file_reports_the_lines_an_lf_file_does(tmp_path):
    """The last lines go with the line break before them (`\\r\\nالمصدر: ...`): still reported on their own line."""
    lf = (
        "وصل وفد عسكري إلى العاصمة اليوم في زيارة تستمر ثلاثة أيام لبحث التعاون بين البلدين.\n"
        "تاريخ النشر: 23rd, August 2023 GMT\n"
        "وقال مسؤول إن الزيارة تأتي تلبية لدعوة رسمية وجهت إلى الوفد قبل شهر.\n"
        "المصدر: عربي21\n"
        "كلمات دلالية: سياسة اقتصاد رياضة"
    ).encode()
    (tmp_path / "lf.txt").write_bytes(lf)
    (tmp_path / "crlf.txt").write_bytes(lf.replace(b"\n", b"\r\n"))

    def lines(name: str) -> list[tuple[str, int]]:
        record = json.loads(invoke("clean", "--format", "json", tmp_path / name).stdout)
        return [(r["rule"], r["line"]) for r in record["removed"]]

    assert len(lines("lf.txt")) >= 3
    assert lines("crlf.txt") == lines("lf.txt")
