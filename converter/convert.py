"""One book, one job: source path and options in, a result record out (both plain, picklable data).

`run_job` is all a worker process needs, so the same jobs run in a local process pool today and can be
handed to a cluster engine for library-sized batches.
"""

import os
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .errors import FolioError

IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
# Warnings a user should see on the terminal; the rest are in the cleaning report.
USER_WARNINGS = ("find_chapters", "read_front_matter", "read_metadata", "parse_inline", "resolve_media")
METADATA_KEYS = ("title", "author", "language", "identifier")


@dataclass
class Job:
    source: str
    out_dir: str
    options: dict = field(default_factory=dict)  # from the command line; they beat the sidecar


@dataclass
class Result:
    source: str
    formats: list = field(default_factory=list)
    outputs: dict = field(default_factory=dict)  # format -> path written
    sizes: dict = field(default_factory=dict)  # format -> bytes
    pages: int = 0  # pages of the PDF when one was made, else printed pages found in the source
    seconds: float = 0.0
    warnings: list = field(default_factory=list)
    error: str = ""

    def as_json(self):
        return asdict(self)


def source_date(source):
    """The time every timestamp in an output carries: SOURCE_DATE_EPOCH, else the source's mtime."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.isdigit() else int(Path(source).stat().st_mtime)
    return datetime.fromtimestamp(seconds, timezone.utc)


def read_cover(path):
    path = Path(path)
    if not path.is_file():
        raise FolioError(path, "cover image not found")
    data = path.read_bytes()
    if not data.startswith(IMAGE_SIGNATURES):
        raise FolioError(path, "cover is not a PNG or JPEG image")
    return data


def tei_bytes(tree):
    from lxml import etree

    return etree.tostring(tree, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def settings(job):
    """The sidecar under the command line: every key the job will use."""
    from .sidecar import read_sidecar

    merged = read_sidecar(job.source)
    merged.update({k: v for k, v in job.options.items() if v not in (None, "", (), [])})
    merged.setdefault("formats", ["epub", "pdf"])
    return merged


def apply_metadata(book, chosen):
    """Sidecar and command-line metadata beat what the cleaner found."""
    from .cleaning.metadata import language_name

    for key in METADATA_KEYS:
        if chosen.get(key):
            book.metadata[key] = chosen[key]
            book.report.record("settings", f"set {key}", [], after=chosen[key])
    if chosen.get("language"):
        book.metadata["language_name"] = language_name(chosen["language"])


def run_job(job, progress=None):
    """Build every requested format of one book; a user's mistake becomes the result's error."""
    from . import clean, to_tei, write_epub, write_pdf
    from .output import write_atomic

    started = time.perf_counter()
    result = Result(job.source)
    say = progress or (lambda source, stage: None)
    try:
        chosen = settings(job)
        result.formats = list(dict.fromkeys(chosen["formats"]))
        cover = read_cover(chosen["cover"]) if chosen.get("cover") else None
        say(job.source, "cleaning")
        book = clean(job.source)
        apply_metadata(book, chosen)
        result.warnings = [w["message"] for w in book.report.warnings if w["step"] in USER_WARNINGS]
        tree = to_tei(book)
        result.pages = len(tree.getroot().xpath("//*[local-name()='body']//*[local-name()='pb']"))
        modified = source_date(job.source)
        for fmt in result.formats:
            say(job.source, fmt)
            if fmt == "xml":
                data = tei_bytes(tree)
            elif fmt == "epub":
                data = write_epub(tree, modified=modified, cover=cover)
            else:
                from .writers.pdf import PrintOptions

                options = PrintOptions(trim=chosen.get("trim") or PrintOptions.trim, bleed=chosen.get("bleed", ""),
                                       marks=bool(chosen.get("marks")), variant=chosen.get("pdf_variant", ""),
                                       workers=chosen.get("pdf_workers", 0))
                data = write_pdf(tree, options, modified=modified)
                result.pages = pdf_pages(data)
            target = Path(job.out_dir) / f"{Path(job.source).stem}.{fmt}"
            write_atomic(target, data)
            result.outputs[fmt] = str(target)
            result.sizes[fmt] = len(data)
        say(job.source, "done")
    except FolioError as err:
        result.error = str(err)
        say(job.source, "failed")
    except Exception as err:  # a bug in Folio: this book fails, the batch goes on
        if os.environ.get("FOLIO_DEBUG"):
            raise
        result.error = (f"{job.source}: internal error ({type(err).__name__}: {err}); "
                        "this is a bug in Folio: FOLIO_DEBUG=1 shows the traceback")
        say(job.source, "failed")
    result.seconds = round(time.perf_counter() - started, 2)
    return result


def pdf_pages(data):
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)
