"""Preflight of a print PDF: what a print-on-demand service checks before it accepts a file."""

import re

import pikepdf

from ..writers.trim import LARGEST, SMALLEST
from . import Problem

POINTS_TOLERANCE = 0.5


def preflight(path_or_bytes):
    """Problems found in the PDF; an empty list means it passes."""
    try:
        pdf = pikepdf.open(path_or_bytes if not isinstance(path_or_bytes, bytes) else _stream(path_or_bytes))
    except pikepdf.PdfError as err:
        return [Problem("PDF-UNREADABLE", f"not a readable PDF ({err})")]
    with pdf:
        problems = []
        problems += _fonts(pdf)
        problems += _boxes(pdf)
        problems += _outline(pdf)
        problems += _labels(pdf)
        problems += _colour(pdf)
        problems += _text(pdf)
        return problems


def _stream(data):
    import io

    return io.BytesIO(data)


def fonts_of(pdf):
    """(name, embedded) for every font used on any page, including fonts inside Type0 descendants."""
    seen = {}
    for page in pdf.pages:
        resources = page.obj.get("/Resources", {})
        for font in resources.get("/Font", {}).values():
            for leaf in font.get("/DescendantFonts", [font]):
                name = str(leaf.get("/BaseFont", "?"))
                descriptor = leaf.get("/FontDescriptor")
                embedded = descriptor is not None and any(
                    k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                seen[name] = seen.get(name, True) and embedded
    return seen


def _fonts(pdf):
    return [Problem("PDF-FONT-NOT-EMBEDDED", f"font {name} is not embedded")
            for name, embedded in fonts_of(pdf).items() if not embedded]


def box(page, name):
    value = page.obj.get(name)
    return [float(v) for v in value] if value is not None else None


def _boxes(pdf):
    problems = []
    trims = set()
    for i, page in enumerate(pdf.pages, 1):
        media = box(page, "/MediaBox")
        trim = box(page, "/TrimBox") or media
        bleed = box(page, "/BleedBox") or trim
        if not _inside(trim, bleed) or not _inside(bleed, media):
            problems.append(Problem("PDF-BOXES", f"page {i}: trim box must lie in the bleed box, and that in the media box"))
        trims.add((round(trim[2] - trim[0], 1), round(trim[3] - trim[1], 1)))
    if len(trims) > 1:
        problems.append(Problem("PDF-PAGE-SIZES", f"pages have {len(trims)} different trim sizes"))
    for width, height in trims:
        if not (SMALLEST <= width <= LARGEST and SMALLEST <= height <= LARGEST) or width >= height:
            problems.append(Problem("PDF-PAGE-SIZE", f"trim {width / 72:.2f} × {height / 72:.2f} in is not a book page"))
    return problems


def _inside(inner, outer):
    return (inner[0] >= outer[0] - POINTS_TOLERANCE and inner[1] >= outer[1] - POINTS_TOLERANCE
            and inner[2] <= outer[2] + POINTS_TOLERANCE and inner[3] <= outer[3] + POINTS_TOLERANCE)


def _outline(pdf):
    with pdf.open_outline() as outline:
        if not outline.root:
            return [Problem("PDF-NO-OUTLINE", "no bookmarks (outline)")]
    return []


def _labels(pdf):
    if "/PageLabels" not in pdf.Root:
        return [Problem("PDF-NO-PAGE-LABELS", "no page labels: readers will not show the printed folios")]
    return []


def _colour(pdf):
    """PDF/X files must not use RGB; others may."""
    info = pdf.trailer.get("/Info", {})
    if "/GTS_PDFXVersion" not in info:
        return []
    for i, page in enumerate(pdf.pages, 1):
        content = b"".join(c.read_bytes() for c in _contents(page))
        if re.search(rb"\b(rg|RG)\b", content) or "/DeviceRGB" in str(page.obj.get("/Resources", {})):
            return [Problem("PDF-RGB-IN-PDFX", f"page {i} uses RGB colour in a PDF/X file")]
    return []


def _contents(page):
    contents = page.obj.get("/Contents")
    if contents is None:
        return []
    return list(contents) if isinstance(contents, pikepdf.Array) else [contents]


def _text(pdf):
    for page in pdf.pages:
        if any(b"Tj" in c.read_bytes() or b"TJ" in c.read_bytes() for c in _contents(page)):
            return []
    return [Problem("PDF-NO-TEXT", "no page carries text")]


def page_labels(pdf):
    """The label of every page, from the PageLabels number tree (roman and arabic styles)."""
    nums = list(pdf.Root.PageLabels.Nums)
    ranges = [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)]
    labels = []
    for index in range(len(pdf.pages)):
        start, spec = max((r for r in ranges if r[0] <= index), key=lambda r: r[0])
        number = int(spec.get("/St", 1)) + index - start
        style = str(spec.get("/S", "/D"))
        labels.append(_roman(number) if style == "/r" else _roman(number).upper() if style == "/R" else str(number))
    return labels


def _roman(n):
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out
