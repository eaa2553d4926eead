"""The `folio` command: thin wrappers that parse options, call the API and report."""

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import FolioError
from .sources import SUFFIXES

FORMATS = ("epub", "pdf", "xml")
# WeasyPrint's variants that Folio passes through (the ones a book's PDF can meet).
PDF_VARIANTS = ("pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/a-4u", "pdf/ua-1", "pdf/ua-2")


def _check_trim(ctx, param, value):
    from .writers.trim import parse_trim

    if value is not None:
        try:
            parse_trim(value)
        except ValueError as err:
            raise click.BadParameter(str(err)) from None
    return value


def _check_bleed(ctx, param, value):
    from .writers.trim import parse_length

    if value is not None:
        try:
            parse_length(value)
        except ValueError as err:
            raise click.BadParameter(str(err)) from None
    return value


def _fail(message, code):
    click.echo(f"folio: error: {message}", err=True)
    sys.exit(code)


def _warn(path, report):
    from .convert import USER_WARNINGS

    for warning in report.warnings:
        if warning["step"] in USER_WARNINGS:
            click.echo(f"folio: warning: {path}: {warning['message']}", err=True)


def _tei_bytes(source):
    from . import clean as run_clean
    from . import to_tei
    from .convert import tei_bytes

    book = run_clean(source)
    return book, tei_bytes(to_tei(book))


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
@click.option("--cover", type=click.Path(dir_okay=False, path_type=Path), help="Cover image (PNG or JPEG).")
@click.option("--trim", callback=_check_trim, default=None,
              help="PDF trim size: 5x8, 5.5x8.5 (default), 6x9, A5, demy, royal, or WIDTHxHEIGHT (e.g. 140x216mm).")
@click.option("--bleed", callback=_check_bleed, default=None, help="PDF bleed, e.g. 0.125in or 3mm.")
@click.option("--marks", is_flag=True, help="Crop and registration marks in the PDF (use with --bleed).")
@click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS), default=None, help="PDF/A or PDF/UA variant.")
def build(sources, out_dir, formats, jobs, cover, trim, bleed, marks, pdf_variant):
    """Convert SOURCE files or folders (default: ./source) into OUTPUT/<stem>.<format>."""
    from .convert import Job, run_job

    formats = formats or ("epub", "pdf")
    failed = 0
    for source in _collect(sources or (Path("source"),)):
        job = Job(str(source), str(out_dir), tuple(dict.fromkeys(formats)), str(cover) if cover else "",
                  trim or "", bleed or "", marks, pdf_variant or "")
        result = run_job(job)
        for message in result.warnings:
            click.echo(f"folio: warning: {source}: {message}", err=True)
        for fmt, target in result.outputs.items():
            click.echo(f"{source} -> {target}")
        if result.error:
            click.echo(f"folio: error: {result.error}", err=True)
            failed += 1
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
