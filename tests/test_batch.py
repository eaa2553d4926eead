"""Batch work through the CLI: many books, parallel processes, sidecars, safety, `folio check`."""

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from conftest import BOOKS, SEED
from converter.cli import main

FOLIO = [sys.executable, "-m", "converter.cli"]


def run(*args, cwd=None):
    return CliRunner().invoke(main, [str(a) for a in args])


def folio(*args, cwd):
    return subprocess.run(FOLIO + [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600)


def project(tmp_path, *books):
    source = tmp_path / "source"
    source.mkdir()
    for book in books:
        (source / book.name).write_bytes(book.read_bytes())
    return source


def test_default_build_of_a_project_as_a_process(tmp_path):
    project(tmp_path, BOOKS / "no-chapters.md", BOOKS / "bottom-heads.txt")
    result = folio("build", "-f", "epub", "-f", "xml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "output").iterdir()) == [
        "bottom-heads.epub", "bottom-heads.xml", "no-chapters.epub", "no-chapters.xml"]
    assert "| book" in result.stdout and "bottom-heads.txt" in result.stdout


def test_a_bad_book_fails_alone_in_a_parallel_batch(tmp_path):
    source = project(tmp_path, BOOKS / "no-chapters.md", BOOKS / "folio-top.md")
    (source / "broken.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    result = folio("build", "-j", "2", "-f", "epub", "-f", "xml", cwd=tmp_path)
    assert result.returncode == 1
    out = tmp_path / "output"
    assert (out / "no-chapters.epub").exists() and (out / "folio-top.epub").exists()
    assert not list(out.glob("broken.*")) and not list(out.glob(".*.tmp"))
    errors = [line for line in result.stderr.splitlines() if line.startswith("folio: error:")]
    assert errors == [f"folio: error: {Path('source') / 'broken.md'}: is a binary file, not a text transcription"]
    assert "Traceback" not in result.stderr


def test_fail_fast_stops_at_the_first_failure(tmp_path):
    source = project(tmp_path, BOOKS / "no-chapters.md")
    (source / "a-empty.md").write_text("", encoding="utf-8")
    result = run("build", source, "-o", tmp_path / "out", "-j", "1", "--fail-fast", "-f", "xml")
    assert result.exit_code == 1
    assert not (tmp_path / "out" / "no-chapters.xml").exists()


def test_json_summary(tmp_path):
    result = run("build", BOOKS / "no-chapters.md", "-o", tmp_path, "-f", "xml", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    [book] = data["books"]
    assert book["outputs"] == {"xml": str(tmp_path / "no-chapters.xml")}
    assert book["sizes"]["xml"] == (tmp_path / "no-chapters.xml").stat().st_size
    assert book["pages"] == 3 and data["failed"] == 0
    assert "no chapters recognised: the whole text becomes one chapter" in book["warnings"]


def test_plain_progress_lines_when_not_a_terminal(tmp_path):
    result = run("build", BOOKS / "no-chapters.md", "-o", tmp_path, "-f", "xml", "-v")
    assert f"{BOOKS / 'no-chapters.md'}: cleaning" in result.stderr
    assert f"{BOOKS / 'no-chapters.md'}: done" in result.stderr
    assert "\x1b[" not in result.stderr
    quiet = run("build", BOOKS / "no-chapters.md", "-o", tmp_path, "-f", "xml", "-q")
    assert quiet.stderr == "" and quiet.stdout == ""


@pytest.mark.parametrize("args, message", [
    (["build", "nope.md"], "nope.md: no such file or folder"),
    (["build", "-f", "docx"], "'docx' is not one of"),
    (["build", "--trim", "9x4"], "taller than it is wide"),
    (["build", "--trim", "huge"], "is not a trim size"),
    (["build", "--bleed", "2in"], "more bleed"),
    (["build", "-j", "0"], "0 is not in the range"),
    (["build", "--language", "English!"], "not a language tag"),
    (["check", "nope.epub"], "nope.epub: no such file"),
    (["frobnicate"], "No such command"),
])
def test_usage_errors_exit_2(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output


def test_two_sources_with_one_stem_is_a_usage_error(tmp_path):
    (tmp_path / "a.md").write_text("Some text here.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Some text here.", encoding="utf-8")
    result = run("build", tmp_path, "-o", tmp_path / "out", "-f", "xml")
    assert result.exit_code == 2 and "same outputs: a" in result.output


def tei_title(path):
    tree = etree.parse(str(path))
    return tree.xpath("string(//*[local-name()='titleStmt']/*[local-name()='title'])")


def test_sidecar_beats_the_cleaner_and_the_command_line_beats_the_sidecar(tmp_path):
    source = tmp_path / "book.md"
    source.write_bytes((BOOKS / "folio-top.md").read_bytes())
    (tmp_path / "book.toml").write_text('title = "Sea Roads"\nlanguage = "en-US"\nidentifier = "urn:isbn:9780000000002"\n',
                                        encoding="utf-8")
    run("build", source, "-o", tmp_path / "a", "-f", "xml")
    tree = etree.parse(str(tmp_path / "a" / "book.xml"))
    assert tei_title(tmp_path / "a" / "book.xml") == "Sea Roads"
    assert tree.getroot().get("{http://www.w3.org/XML/1998/namespace}lang") == "en-US"
    assert "urn:isbn:9780000000002" in etree.tostring(tree).decode()
    run("build", source, "-o", tmp_path / "b", "-f", "xml", "--title", "The Sea Roads of Cornwall, Again")
    assert tei_title(tmp_path / "b" / "book.xml") == "The Sea Roads of Cornwall, Again"


@pytest.mark.parametrize("toml, message", [
    ('titel = "x"', "unknown key 'titel' (allowed: author, bleed, cover,"),
    ("marks = \"yes\"", "key 'marks' must be true or false, not 'yes'"),
    ('trim = "huge"', "key 'trim' must be a trim size"),
    ("title = [", "is not valid TOML"),
    ('cover = "../../etc/passwd"', "is outside the source's folder"),
])
def test_sidecar_errors_name_the_file_and_the_key(tmp_path, toml, message):
    source = tmp_path / "book.md"
    source.write_bytes((BOOKS / "no-chapters.md").read_bytes())
    (tmp_path / "book.toml").write_text(toml, encoding="utf-8")
    result = run("build", source, "-o", tmp_path / "out", "-f", "xml")
    assert result.exit_code == 1
    [line] = [l for l in result.stderr.splitlines() if l.startswith("folio: error:")]
    assert line.startswith(f"folio: error: {tmp_path / 'book.toml'}: ") and message in line
    assert not (tmp_path / "out" / "book.xml").exists()


def test_a_source_cannot_read_outside_its_folder_or_the_network(tmp_path):
    (tmp_path / "img").mkdir()
    from PIL import Image

    Image.new("RGB", (40, 30), (0, 90, 0)).save(tmp_path / "img" / "ok.png")
    text = ("# CHAPTER 1\n\n## ONE\n\nText.\n\n![a map](img/ok.png)\n\n![secret](/etc/passwd)\n\n"
            "![remote](http://example.com/x.png)\n\n![up](../../../../etc/passwd)\n\n"
            "<img src=\"file:///etc/passwd\" alt=\"f\">\n\nA [link](http://example.com/) and <script>steal()</script>end.")
    (tmp_path / "book.md").write_text(text, encoding="utf-8")
    result = run("build", tmp_path / "book.md", "-o", tmp_path / "out", "-f", "xml", "-f", "epub", "-f", "pdf")
    assert result.exit_code == 0, result.output
    passwd = Path("/etc/passwd").read_bytes()[:20]
    for out in (tmp_path / "out").iterdir():
        data = out.read_bytes()
        assert passwd not in data and b"root:x:" not in data and b"steal()" not in data and b"example.com" not in data
        if out.suffix == ".epub":
            assert sorted(n for n in zipfile.ZipFile(out).namelist() if "figure" in n) == ["EPUB/images/figure-1.png"]
    warnings = result.stderr
    assert "image '/etc/passwd' not used" in warnings and "http://example.com/x.png' not used" in warnings
    assert "../../../../etc/passwd' not used: it lies outside the source's folder" in warnings


def test_check_passes_good_files_and_names_each_problem_in_damaged_ones(tmp_path):
    run("build", BOOKS / "folio-top.md", "-o", tmp_path, "-f", "epub", "-f", "pdf")
    good = run("check", tmp_path / "folio-top.epub", tmp_path / "folio-top.pdf", "--no-epubcheck")
    assert good.exit_code == 0 and good.stdout.count(": ok") == 2

    damaged = tmp_path / "damaged.epub"
    with zipfile.ZipFile(tmp_path / "folio-top.epub") as src, zipfile.ZipFile(damaged, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.endswith("chapter-2.xhtml"):
                data = data.replace(b'id="note-1"', b'id="gone"').replace(b'id="page-14"', b'id="gone-page"')
            dst.writestr(info, data)
    bad = run("check", damaged, "--no-epubcheck")
    assert bad.exit_code == 1
    codes = {line.split(": ")[1] for line in bad.stdout.splitlines()}
    assert {"EPUB-NOTEREF", "EPUB-PAGELIST-TARGET"} <= codes

    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes((tmp_path / "folio-top.pdf").read_bytes()[:2000])
    result = run("check", truncated)
    assert result.exit_code == 1 and "PDF-UNREADABLE" in result.stdout


def test_check_says_when_epubcheck_cannot_run(tmp_path, monkeypatch):
    run("build", BOOKS / "no-chapters.md", "-o", tmp_path, "-f", "epub")
    monkeypatch.setenv("PATH", "/nonexistent")
    result = run("check", tmp_path / "no-chapters.epub")
    assert "note: epubcheck not run: Java is not installed" in result.stderr
    assert result.exit_code == 0


def test_an_interrupted_build_leaves_the_old_file_and_no_partial_one(tmp_path):
    out = tmp_path / "output"
    out.mkdir()
    old = out / "i-was-stalins-agent.pdf"
    old.write_bytes(b"%PDF-old but good")
    process = subprocess.Popen(FOLIO + ["build", str(SEED), "-o", str(out), "-f", "pdf", "-j", "1"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                               env=dict(os.environ, FOLIO_CACHE="off"))  # a cold build, long enough to stop
    time.sleep(3)
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode in (130, 1), stderr
    assert old.read_bytes() == b"%PDF-old but good"
    assert sorted(p.name for p in out.iterdir()) == ["i-was-stalins-agent.pdf"]
    assert b"Traceback" not in stderr


def test_jobs_and_results_are_plain_picklable_data():
    import pickle

    from converter.convert import Job, run_job

    job = Job(str(BOOKS / "no-chapters.md"), "/tmp/folio-pickle-test", {"formats": ["xml"]})
    assert pickle.loads(pickle.dumps(job)) == job
    result = run_job(pickle.loads(pickle.dumps(job)))
    assert pickle.loads(pickle.dumps(result)) == result and result.outputs["xml"].endswith("no-chapters.xml")


def test_terminal_progress_redraws_a_line_per_book_and_a_bar_for_many():
    import io

    from converter.batch import Display
    from converter.convert import Result

    stream = io.StringIO()
    display = Display(["a.md", "b.md"], stream=stream, live=True)
    display.stage("a.md", "cleaning")
    display.stage("b.md", "pdf")
    display.finished(Result("a.md", outputs={"epub": "out/a.epub"}))
    text = stream.getvalue()
    assert "\x1b[2F" in text, "the lines are redrawn in place"
    last = text.rstrip().splitlines()[-2:]
    assert last[0].endswith("a.md                                     done")
    assert last[1] == "\x1b[2K  b.md                                     pdf"
    many = io.StringIO()
    shelf = Display([f"{i}.md" for i in range(20)], stream=many, live=True)
    for i in range(20):
        shelf.finished(Result(f"{i}.md"))
    assert many.getvalue().rstrip().endswith("[" + "#" * 30 + "] 20/20 books")


def test_a_bug_in_one_book_fails_that_book_only(tmp_path, monkeypatch):
    import converter
    from converter.cleaning import clean as run_steps

    def buggy(path):
        if "folio-top" in str(path):
            raise ZeroDivisionError("simulated bug")
        return run_steps(path, converter.load(path))

    monkeypatch.setattr(converter, "clean", buggy)
    result = run("build", BOOKS / "folio-top.md", BOOKS / "no-chapters.md", "-o", tmp_path, "-f", "xml", "-j", "1")
    assert result.exit_code == 1
    assert (tmp_path / "no-chapters.xml").exists() and not (tmp_path / "folio-top.xml").exists()
    assert "internal error (ZeroDivisionError: simulated bug)" in result.stderr
    assert "Traceback" not in result.output
