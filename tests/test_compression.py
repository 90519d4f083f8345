"""Compressed input and output by suffix (.gz, .bz2, .xz, .zst): the same records as plain files, and a damaged or
truncated file reported as bad input, never read as a shorter one (DESIGN.md, Conventions: Bad files)."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma

import pytest
from click.testing import CliRunner

from newsclean import compression
from newsclean.cli import main

from .conftest import DATA

PAGES = [
    {"id": f"p{k}", "text": f"وختم الوزير كلمته رقم {k} بالدعوة إلى التهدئة وضبط النفس.\nتابعونا على تويتر"}
    for k in range(40)
]
PLAIN = "".join(json.dumps(page, ensure_ascii=False) + "\n" for page in PAGES).encode()


def _zstd(data: bytes) -> bytes:
    zstandard = pytest.importorskip("zstandard")
    return zstandard.ZstdCompressor().compress(data)


def _unzstd(data: bytes) -> bytes:
    zstandard = pytest.importorskip("zstandard")
    return zstandard.ZstdDecompressor().decompressobj().decompress(data)


COMPRESS = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress, ".zst": _zstd}
DECOMPRESS = {".gz": gzip.decompress, ".bz2": bz2.decompress, ".xz": lzma.decompress, ".zst": _unzstd}


def invoke(args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


@pytest.mark.parametrize("suffix", sorted(COMPRESS))
def test_a_compressed_input_and_output_hold_what_plain_files_hold(tmp_path, suffix):
    plain = tmp_path / "pages.jsonl"
    plain.write_bytes(PLAIN)
    packed = tmp_path / f"pages.jsonl{suffix}"
    packed.write_bytes(COMPRESS[suffix](PLAIN))
    expected = invoke(["clean", "--format", "jsonl", plain])
    out = tmp_path / f"out.jsonl{suffix}"
    result = invoke(["clean", "--format", "jsonl", packed, "-o", out])
    assert (result.exit_code, expected.exit_code) == (0, 0), result.stderr
    assert DECOMPRESS[suffix](out.read_bytes()).decode() == expected.stdout
    assert len(expected.stdout.splitlines()) == len(PAGES)


@pytest.mark.parametrize("suffix", sorted(COMPRESS))
def test_a_truncated_compressed_file_is_bad_input_not_a_shorter_file(tmp_path, suffix):
    packed = COMPRESS[suffix](PLAIN)
    cut = tmp_path / f"cut.jsonl{suffix}"
    cut.write_bytes(packed[: len(packed) * 2 // 3])
    result = invoke(["clean", "--format", "json", cut])
    assert result.exit_code == 3
    assert f"{cut}: cannot read further" in result.stderr
    assert len(result.stdout.splitlines()) < len(PAGES)


def test_a_damaged_zst_file_is_bad_input_and_the_others_go_on(tmp_path):
    pytest.importorskip("zstandard")
    damaged = tmp_path / "damaged.jsonl.zst"
    damaged.write_bytes(b"junk, not zstd")
    plain = tmp_path / "pages.jsonl"
    plain.write_bytes(PLAIN)
    result = invoke(["clean", "--format", "json", damaged, plain])
    assert result.exit_code == 3
    assert f"{damaged}: cannot read further (OSError: zstd:" in result.stderr
    assert len(result.stdout.splitlines()) == len(PAGES)


def test_a_zst_file_of_several_frames_is_read_whole(tmp_path):
    half = PLAIN.split(b"\n", 20)
    first, second = b"\n".join(half[:20]) + b"\n", half[20]
    packed = tmp_path / "frames.jsonl.zst"
    packed.write_bytes(_zstd(first) + _zstd(second))
    result = invoke(["clean", "--format", "json", packed])
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == len(PAGES)


def test_zst_output_without_zstandard_is_a_usage_error_before_any_input_is_read(tmp_path, monkeypatch):
    def missing():
        raise compression.CompressionError("reading or writing .zst needs the zstandard package")

    monkeypatch.setattr(compression, "_zstandard", missing)
    plain = tmp_path / "pages.jsonl"
    plain.write_bytes(PLAIN)
    out = tmp_path / "out.jsonl.zst"
    result = invoke(["clean", plain, "-o", out])
    assert result.exit_code == 2
    assert f"-o {out}: reading or writing .zst needs the zstandard package" in result.stderr
    assert not out.exists()
    unreadable = tmp_path / "in.jsonl.zst"
    unreadable.write_bytes(b"x")
    result = invoke(["clean", unreadable, plain])
    assert result.exit_code == 3
    assert f"{unreadable}: reading or writing .zst needs the zstandard package" in result.stderr


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_compressed_file_is_checked_diffed_and_rewritten_compressed(tmp_path, jobs):
    """What `check` lists, `check --fix` and `-i` can fix: the file is rewritten compressed as it was, holding
    what the plain file rewritten in place holds."""
    records = (DATA / "cli" / "records.jsonl").read_bytes()
    packed = tmp_path / "records.jsonl.gz"
    packed.write_bytes(gzip.compress(records))
    plain = tmp_path / "records.jsonl"
    plain.write_bytes(records)
    checked = invoke(["check", "-j", jobs, packed])
    assert (checked.exit_code, checked.stdout) == (1, f"{packed}\n")
    shown = invoke(["diff", packed])
    assert shown.exit_code == 0
    assert shown.stdout.startswith(f"--- {packed}:1\t")
    rewrite = invoke(["clean", "-i", "-j", jobs, packed, plain])
    assert rewrite.exit_code == 0, rewrite.stderr
    assert gzip.decompress(packed.read_bytes()) == plain.read_bytes() != records
    assert invoke(["check", "-j", jobs, packed]).exit_code == 0


@pytest.mark.parametrize("suffix", sorted(COMPRESS))
def test_in_place_rewrites_a_compressed_file_in_its_own_compression(tmp_path, suffix):
    packed = tmp_path / f"pages.jsonl{suffix}"
    packed.write_bytes(COMPRESS[suffix](PLAIN))
    plain = tmp_path / "pages.jsonl"
    plain.write_bytes(PLAIN)
    result = invoke(["clean", "-i", packed, plain])
    assert result.exit_code == 0, result.stderr
    assert DECOMPRESS[suffix](packed.read_bytes()) == plain.read_bytes() != PLAIN
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".newsclean.tmp")] == []


@pytest.mark.parametrize("suffix", [".GZ", ".Bz2", ".XZ"])
def test_a_compression_suffix_counts_in_any_letter_case(tmp_path, suffix):
    """`PAGES.JSONL.GZ` is read and written compressed, and a folder walk finds it, as `pages.jsonl.gz` is."""
    packed = tmp_path / "in" / f"PAGES.JSONL{suffix}"
    packed.parent.mkdir()
    packed.write_bytes(COMPRESS[suffix.lower()](PLAIN))
    out = tmp_path / f"OUT.JSONL{suffix}"
    result = invoke(["clean", "--format", "jsonl", packed.parent, "-o", out])
    assert result.exit_code == 0, result.stderr
    assert len(DECOMPRESS[suffix.lower()](out.read_bytes()).decode().splitlines()) == len(PAGES)
    assert compression.plain_name(str(out)) == str(tmp_path / "OUT.JSONL")
