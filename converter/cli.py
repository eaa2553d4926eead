"""The `folio` command: thin wrappers that parse options, call the API and report."""

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import FolioError
from .sources import SUFFIXES

FORMATS = ("epub", "pdf", "xml")
AVAILABLE = ("xml",)


def _fail(message, code):
    click.echo(f"folio: error: {message}", err=True)
    sys.exit(code)


def _warn(path, report):
    for warning in report.warnings:
        if warning["step"] in ("find_chapters", "read_front_matter", "read_metadata"):
            click.echo(f"folio: warning: {path}: {warning['message']}", err=True)


def _tei_bytes(source):
    from lxml import etree

    from . import clean as run_clean
    from . import to_tei

    book = run_clean(source)
    tree = to_tei(book)
    data = etree.tostring(tree, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    return book, data


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="folio")
def main():
    """Folio: turn transcriptions of scanned books into clean TEI, EPUB and print PDF."""


@main.command()
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the TEI here.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), help="Write the cleaning report (JSON).")
def clean(source, output, report):
    """Clean SOURCE into the canonical TEI (stdout by default)."""
    from .output import write_atomic

    if not source.exists():
        _fail(f"{source}: no such file", 2)
    try:
        book, data = _tei_bytes(source)
    except FolioError as err:
        _fail(str(err), 1)
    _warn(source, book.report)
    if report:
        write_atomic(report, json.dumps(book.report.as_json(), ensure_ascii=False, indent=1).encode())
    if output:
        write_atomic(output, data)
    else:
        sys.stdout.buffer.write(data)


@main.command()
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", default="output", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: ./output).")
@click.option("-f", "--format", "formats", multiple=True, type=click.Choice(FORMATS),
              help="epub, pdf or xml; repeatable (default: epub and pdf).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Books converted at once.")
def build(sources, out_dir, formats, jobs):
    """Convert SOURCE files or folders (default: ./source) into OUTPUT/<stem>.<format>."""
    from .output import write_atomic

    formats = formats or ("epub", "pdf")
    books = _collect(sources or (Path("source"),))
    failed = 0
    for source in books:
        try:
            book, data = _tei_bytes(source)
        except FolioError as err:
            click.echo(f"folio: error: {err}", err=True)
            failed += 1
            continue
        _warn(source, book.report)
        for fmt in formats:
            if fmt not in AVAILABLE:
                click.echo(f"folio: error: {source}: the {fmt} writer is not available yet", err=True)
                failed += 1
                continue
            target = out_dir / f"{source.stem}.{fmt}"
            write_atomic(target, data)
            click.echo(f"{source} -> {target}")
    sys.exit(1 if failed else 0)


def _collect(paths):
    found = []
    for path in paths:
        if not path.exists():
            _fail(f"{path}: no such file or folder", 2)
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in SUFFIXES and p.is_file())
        else:
            found.append(path)
    return found


if __name__ == "__main__":
    main()
