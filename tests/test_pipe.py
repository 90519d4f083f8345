"""Subcommands compose: `fix | strip | split` through the json stream gives what `clean` gives (issue 6).

The pages are tests/data/pipe/pages.jsonl: 20 real pages from the ANT corpus (Apache-2.0) and MArSum (goud.ma,
CC BY 4.0); see the README beside them. `.ci/pipe-equivalence` runs the same checks on 500 corpus pages.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsclean.cli import main

from .conftest import DATA

PAGES = DATA / "pipe" / "pages.jsonl"
RECORDS = [json.loads(line) for line in PAGES.read_text(encoding="utf-8").splitlines()]


def newsclean(args: list[str], stdin: bytes | None = None) -> bytes:
    result = CliRunner().invoke(main, args, input=stdin)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout_bytes


def test_fixture_is_twenty_pages_from_the_two_corpora():
    assert len(RECORDS) == 20
    assert {r["site"] for r in RECORDS} >= {"goud.ma"}
    assert sum(r["id"].startswith("antms:") for r in RECORDS) == 10


def test_text_stream_of_the_pipe_equals_clean():
    piped = newsclean(["fix", str(PAGES)])
    piped = newsclean(["strip"], piped)
    piped = newsclean(["split", "--format", "text"], piped)
    assert piped == newsclean(["clean", "--format", "text", str(PAGES)])


def test_json_records_of_the_pipe_equal_clean_record_by_record():
    piped = newsclean(["fix", str(PAGES)])
    for step in ("strip", "split", "meta"):
        piped = newsclean([step, "--format", "json"], piped)
    got = [json.loads(line) for line in piped.decode().splitlines()]
    want = [json.loads(line) for line in newsclean(["clean", "--format", "json", str(PAGES)]).decode().splitlines()]
    assert [r["id"] for r in got] == [r["id"] for r in RECORDS]
    for a, b in zip(got, want):
        assert a == b, a["id"]


@pytest.mark.parametrize("record", RECORDS, ids=[r["id"] for r in RECORDS])
def test_page_txt_through_stdin_equals_clean_of_the_file(tmp_path, record):
    page = tmp_path / "page.txt"
    page.write_text(record["text"], encoding="utf-8")
    piped = newsclean(["fix"], page.read_bytes())
    piped = newsclean(["strip"], piped)
    piped = newsclean(["split", "--format", "text"], piped)
    assert piped.decode() == newsclean(["clean", "--format", "text", str(page)]).decode()


def test_subcommands_write_the_json_stream_when_not_at_a_terminal():
    out = newsclean(["fix"], RECORDS[0]["text"].encode())
    record = json.loads(out)
    assert record["steps"] == ["fix"]
    assert record["source"] == RECORDS[0]["text"]
    assert (
        newsclean(["fix", "--format", "text"], RECORDS[0]["text"].encode())
        .decode()
        .startswith(RECORDS[0]["text"].strip()[:20])
    )


def test_a_step_already_done_is_not_done_again():
    fixed = newsclean(["fix", str(PAGES)])
    assert newsclean(["fix"], fixed) == fixed


def test_site_and_fields_travel_between_subcommands():
    line = json.dumps({"id": "p1", "site": "goud.ma", "title": "t", "text": RECORDS[-1]["text"]}, ensure_ascii=False)
    out = newsclean(["strip"], newsclean(["fix"], line.encode()))
    record = json.loads(out)
    assert record["site"] == "goud.ma"
    assert record["fields"] == {"site": "goud.ma", "title": "t"}
    assert record["steps"] == ["fix", "strip"]
    forced = json.loads(newsclean(["strip"], newsclean(["fix", "--site", "Example.com"], line.encode())))
    assert forced["site"] == "Example.com"
