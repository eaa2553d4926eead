"""The `folio` command: thin wrappers that parse options, call the API and report."""

import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .errors import FolioError
from .sidecar import FORMATS, LANGUAGE, PDF_VARIANTS
from .sources import SUFFIXES


def _checked(parser_name):
    """A click callback that checks a value with one of the writers' parsers (imported only when used)."""

    def check(ctx, param, value):
        from .writers import trim

        if value is not None:
            try:
                getattr(trim, parser_name)(value)
            except ValueError as err:
                raise click.BadParameter(str(err)) from None
        return value

    return check


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
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Books converted at once, in separate processes (default: the number of CPUs).")
@click.option("--fail-fast", is_flag=True, help="Stop at the first book that fails.")
@click.option("--cover", type=click.Path(dir_okay=False, path_type=Path), help="Cover image (PNG or JPEG).")
@click.option("--trim", callback=_checked("parse_trim"), default=None,
              help="PDF trim size: 5x8, 5.5x8.5 (default), 6x9, A5, demy, royal, or WIDTHxHEIGHT (e.g. 140x216mm).")
@click.option("--bleed", callback=_checked("parse_length"), default=None, help="PDF bleed, e.g. 0.125in or 3mm.")
@click.option("--marks", is_flag=True, default=None, help="Crop and registration marks in the PDF (use with --bleed).")
@click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS), default=None, help="PDF/A or PDF/UA variant.")
@click.option("--title", help="Book title (beats the sidecar and the title page).")
@click.option("--author", help="Author (beats the sidecar and the title page).")
@click.option("--language", help="Language tag such as en-GB.")
@click.option("--identifier", help="Identifier such as urn:isbn:… (default: a stable UUID).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors (and the summary when a book fails).")
@click.option("-v", "--verbose", is_flag=True, help="Every stage of every book.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
def build(sources, out_dir, formats, jobs, fail_fast, cover, trim, bleed, marks, pdf_variant, title, author,
          language, identifier, quiet, verbose, as_json):
    """Convert SOURCE files or folders (default: ./source) into OUTPUT/<stem>.<format>."""
    from .batch import Display, run_batch, summary_json, summary_table
    from .convert import Job

    if language and not LANGUAGE.match(language):
        raise click.BadParameter(f"'{language}' is not a language tag such as en-GB", param_hint="--language")
    options = {"formats": list(formats), "cover": str(cover.resolve()) if cover else None, "trim": trim,
               "bleed": bleed, "marks": marks, "pdf_variant": pdf_variant, "title": title, "author": author,
               "language": language, "identifier": identifier}
    paths = _collect(sources or (Path("source"),))
    stems = [p.stem for p in paths]
    clash = sorted({s for s in stems if stems.count(s) > 1})
    if clash:
        _fail(f"two sources would write the same outputs: {', '.join(clash)} (rename one)", 2)
    if not paths:
        _fail(f"{', '.join(str(s) for s in sources or ('source',))}: no sources (.md, .txt) found", 2)
    workers = jobs or os.cpu_count() or 1
    # -j is the number of processes: a lone book may use them all for its PDF; in a batch, one each.
    options["pdf_workers"] = workers if len(paths) == 1 else 1
    books = [Job(str(p), str(out_dir), options) for p in paths]
    display = Display([b.source for b in books], quiet=quiet, verbose=verbose)
    try:
        results = run_batch(books, workers, display, fail_fast)
    except KeyboardInterrupt:
        click.echo("folio: interrupted: finished books are written, no partial file is left", err=True)
        sys.exit(130)
    if as_json:
        click.echo(summary_json(results))
    elif not quiet or any(r.error for r in results):
        click.echo(summary_table(results))
    sys.exit(1 if any(r.error for r in results) or len(results) < len(books) else 0)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--no-epubcheck", is_flag=True, help="Skip the official EPUB validator.")
def check(files, no_epubcheck):
    """Validate EPUB and PDF files: one line per problem, exit 1 when any has one."""
    from .checks.epub import check_epub
    from .checks.pdf import preflight

    failed = False
    for path in files:
        if not path.is_file():
            _fail(f"{path}: no such file", 2)
        if path.suffix.lower() == ".epub":
            problems, notes = check_epub(path, validator=not no_epubcheck)
        elif path.suffix.lower() == ".pdf":
            problems, notes = preflight(path.read_bytes()), []
        else:
            _fail(f"{path}: not an EPUB or PDF file", 2)
        for note in notes:
            click.echo(f"{path}: note: {note}", err=True)
        for problem in problems:
            click.echo(f"{path}: {problem}")
        failed = failed or bool(problems)
        if not problems:
            click.echo(f"{path}: ok")
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
