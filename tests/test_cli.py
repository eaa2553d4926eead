"""The folio command, through click's runner and as a real process."""

import json
import subprocess
import sys

from click.testing import CliRunner
from lxml import etree

from conftest import BOOKS, SEED
from converter.cli import main
from converter.tei.schema import validate


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_clean_prints_valid_tei_and_writes_the_report(tmp_path):
    report = tmp_path / "report.json"
    result = run("clean", SEED, "--report", report)
    assert result.exit_code == 0
    tree = etree.ElementTree(etree.fromstring(result.stdout_bytes))
    validate(tree)
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["actions"]["removed running head"] == 132
    assert all("lines" in d for d in data["decisions"])
    assert {s["name"] for s in data["steps"]} >= {"find_contents", "attach_footnotes"}


def test_clean_to_file(tmp_path):
    out = tmp_path / "book.xml"
    result = run("clean", BOOKS / "folio-top.md", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert etree.parse(str(out)).getroot().tag.endswith("TEI")


def test_build_xml_writes_output_stem(tmp_path):
    result = run("build", BOOKS / "bottom-heads.txt", "-o", tmp_path, "-f", "xml")
    assert result.exit_code == 0
    assert (tmp_path / "bottom-heads.xml").exists()
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*"))


def test_build_a_folder_with_a_bad_book_builds_the_good_one(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.md").write_text((BOOKS / "no-chapters.md").read_text(encoding="utf-8"), encoding="utf-8")
    (src / "bad.md").write_bytes(b"\xff\xfe\x00bad")
    result = run("build", src, "-o", tmp_path / "out", "-f", "xml")
    assert result.exit_code == 1
    assert (tmp_path / "out" / "good.xml").exists()
    assert not (tmp_path / "out" / "bad.xml").exists()
    assert f"folio: error: {src / 'bad.md'}: is a binary file" in result.stderr


def test_missing_source_is_a_usage_error(tmp_path):
    result = run("clean", tmp_path / "nope.md")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"folio: error: {tmp_path / 'nope.md'}: no such file"


def test_bad_inputs_get_one_line_and_nothing_written(tmp_path):
    cases = {"empty.md": b"", "binary.md": b"\x00\x01\x02", "latin1.md": b"caf\xe9 cr\xe8me\n"}
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        out = tmp_path / (name + ".xml")
        result = run("clean", path, "-o", out, "--report", tmp_path / (name + ".json"))
        assert result.exit_code == 1, name
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"folio: error: {path}: "), name
        assert "Traceback" not in result.output
        assert not out.exists()


def test_no_chapters_warns(tmp_path):
    result = run("clean", BOOKS / "no-chapters.md", "-o", tmp_path / "x.xml")
    assert result.exit_code == 0
    assert "no chapters recognised" in result.stderr


def test_version_and_real_process():
    result = subprocess.run([sys.executable, "-m", "converter.cli", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and "folio, version" in result.stdout


def test_build_defaults_to_source_folder_and_output_folder(tmp_path, monkeypatch):
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "walk.md").write_text((BOOKS / "no-chapters.md").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("build", "-f", "xml")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "walk.xml").exists()


def test_build_unknown_format_is_a_usage_error(tmp_path):
    result = run("build", SEED, "-o", tmp_path, "-f", "docx")
    assert result.exit_code == 2


def test_outputs_get_the_usual_permissions(tmp_path):
    import os
    import stat

    run("build", BOOKS / "no-chapters.md", "-o", tmp_path, "-f", "xml")
    umask = os.umask(0)
    os.umask(umask)
    mode = stat.S_IMODE((tmp_path / "no-chapters.xml").stat().st_mode)
    assert mode == 0o666 & ~umask
