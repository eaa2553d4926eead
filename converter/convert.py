"""One book, one job: source path and options in, a result record out (both plain, picklable data).

The CLI runs jobs one after another today; the same jobs can go to a process pool or a cluster.
"""

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .errors import FolioError

IMAGE_SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}


@dataclass
class Job:
    source: str
    out_dir: str
    formats: tuple
    cover: str = ""
    trim: str = ""
    bleed: str = ""
    marks: bool = False
    pdf_variant: str = ""


@dataclass
class Result:
    source: str
    outputs: dict = field(default_factory=dict)  # format -> path written
    warnings: list = field(default_factory=list)
    error: str = ""


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
    if not any(data.startswith(sig) for sig in IMAGE_SIGNATURES):
        raise FolioError(path, "cover is not a PNG or JPEG image")
    return data


def print_options(job):
    from .writers.pdf import PrintOptions
    from .writers.trim import DEFAULT

    return PrintOptions(trim=job.trim or DEFAULT, bleed=job.bleed, marks=job.marks, variant=job.pdf_variant)


def tei_bytes(tree):
    from lxml import etree

    return etree.tostring(tree, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def run_job(job):
    """Build every requested format of one book; a user's mistake becomes the result's error."""
    from . import clean, to_tei, write_epub, write_pdf
    from .output import write_atomic

    result = Result(job.source)
    try:
        cover = read_cover(job.cover) if job.cover else None
        book = clean(job.source)
        result.warnings = [w["message"] for w in book.report.warnings if w["step"] in USER_WARNINGS]
        tree = to_tei(book)
        modified = source_date(job.source)
        for fmt in job.formats:
            if fmt == "xml":
                data = tei_bytes(tree)
            elif fmt == "epub":
                data = write_epub(tree, modified=modified, cover=cover)
            else:
                data = write_pdf(tree, print_options(job), modified=modified)
            target = Path(job.out_dir) / f"{Path(job.source).stem}.{fmt}"
            write_atomic(target, data)
            result.outputs[fmt] = str(target)
    except FolioError as err:
        result.error = str(err)
    return result


# Warnings a user should see on the terminal; the rest are in the cleaning report.
USER_WARNINGS = ("find_chapters", "read_front_matter", "read_metadata")
