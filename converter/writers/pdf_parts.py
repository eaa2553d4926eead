"""The print PDF laid out in parts, on several processes when there are CPUs, then assembled with pikepdf.

WeasyPrint lays out on one core. The text is split into one part per chapter, each laid out with empty
margins (and kept in a cache by content, so that a rebuild lays out only the chapters that changed). Once the parts' page counts are known, the folios and running heads
of every text page are laid out as a 'furniture' document and overlaid, the front matter is set with
the folios of the chapters in its contents, and everything is joined: pages, named destinations (the
contents' links), outline.
"""

import io
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass


from ..tei import NS
from .pdf import _html, _page, _render, _stylesheets, _text_html, front_document, front_htmls
from .xhtml import h


@dataclass
class Part:
    pdf: bytes
    chapters: list  # per page: the id of the chapter on it, or None for a blank page


def write_in_parts(tree, meta, chapters, options, workers):
    """(PDF bytes, index of the first text page), or None when laying out parts would gain nothing.
    Chapters already laid out come from the cache."""
    from .part_cache import PartCache

    divs = tree.getroot().xpath("//tei:body/tei:div", namespaces=NS)
    idents = [c.ident for c in chapters]
    texts = [_text_html(tree, meta, [div], bare=True) for div in divs]
    cache = PartCache.default()
    keys = [cache.key(text, options) for text in texts]
    parts = [cache.get(key) for key in keys]
    missing = [i for i, part in enumerate(parts) if part is None]
    if workers == 1 and len(missing) == len(parts):
        return None  # nothing to reuse and no CPUs to share: one document is quicker than parts
    with _executor(workers) as pool:
        laid_out = pool.map(_lay_out_text, [texts[i] for i in missing], [options] * len(missing),
                            [idents] * len(missing))
        for i, part in zip(missing, laid_out):
            parts[i] = part
            cache.put(keys[i], part)
        sequence = _sequence(parts)
        folios = {}
        for index, ident in enumerate(sequence):
            folios.setdefault(ident, str(index + 1))
        front = pool.submit(_lay_out_front, front_htmls(tree, meta, chapters, folios, anchors=True), options)
        pieces = [pool.submit(_lay_out_furniture, _furniture_html(meta, chapters, sequence[a:b]), options, a + 1)
                  for a, b in _furniture_ranges(sequence, workers)]
        return _assemble(front.result(), parts, sequence, [p.result() for p in pieces])


def _executor(workers):
    if workers > 1:
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    return InlineExecutor()


class InlineExecutor:
    """The executor interface, run in this process: inside a batch worker, or with one CPU."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def map(self, fn, *iterables):
        return list(map(fn, *iterables))

    def submit(self, fn, *args):
        future = Future()
        future.set_result(fn(*args))
        return future


def _lay_out_text(html, options, idents):
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    document = _render(html, _stylesheets(options, fonts), fonts)
    wanted = set(idents)
    chapters = [next((a for a in page.anchors if a in wanted), None) for page in document.pages]
    return Part(document.write_pdf(uncompressed_pdf=False), chapters)


def _lay_out_front(htmls, options):
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return front_document(htmls, _stylesheets(options, fonts), fonts).write_pdf(uncompressed_pdf=False)


def _lay_out_furniture(html, options, first_folio):
    from weasyprint.text.fonts import FontConfiguration

    from .pdf import _css

    fonts = FontConfiguration()
    sheets = _stylesheets(options, fonts) + [_css(f"@page :first {{ counter-reset: page {first_folio}; }}", fonts)]
    return _render(html, sheets, fonts).write_pdf(uncompressed_pdf=False)


def _furniture_ranges(sequence, count):
    """Slices of the text pages, cut where a chapter opens on a recto, about equal in length."""
    openings = [i for i, ident in enumerate(sequence) if ident and i % 2 == 0 and (i == 0 or sequence[i - 1] != ident)]
    cuts = sorted({min(openings, key=lambda i: abs(i - len(sequence) * k / count)) for k in range(1, count)} - {0})
    bounds = [0] + cuts + [len(sequence)]
    return list(zip(bounds, bounds[1:]))


def _sequence(parts):
    """The chapter of every text page in print order; a part opening on a verso gets a blank before it."""
    sequence = []
    for part in parts:
        if len(sequence) % 2:
            sequence.append(None)
        sequence += part.chapters
    return sequence


def _furniture_html(meta, chapters, sequence):
    """One page per text page, with only its running head and folio: the same page names as the text."""
    titles = {c.ident: c.title for c in chapters}
    root, body = _page(meta)
    section, previous = None, "none"
    for ident in sequence:
        if ident is None:
            h(body, "div", cls="furniture-blank")
            section, previous = None, None
            continue
        if ident != previous:
            section = h(body, "section", cls="furniture")
            if previous == "none":
                h(section, "div", meta.title, cls="running-title")
            h(section, "div", titles[ident], cls="chapter-string")
            h(section, "div", cls="furniture-page first")
        else:
            h(section, "div", cls="furniture-page")
        previous = ident
    return _html(root)


def _assemble(front_pdf, parts, sequence, furniture_pdfs):
    import warnings

    import pikepdf

    # Named destinations and the outline are rebuilt below, so copying pages without them is fine.
    warnings.filterwarnings("ignore", category=pikepdf.PageCopyWarning if hasattr(pikepdf, "PageCopyWarning")
                            else UserWarning)
    out = pikepdf.Pdf.new()
    front = pikepdf.open(io.BytesIO(front_pdf))
    out.pages.extend(front.pages)
    body_start = len(out.pages)
    sources = [pikepdf.open(io.BytesIO(part.pdf)) for part in parts]
    placed = {}  # (part, page index) -> output index
    for k, pdf in enumerate(sources):
        if k and (len(out.pages) - body_start) % 2:
            _blank_like(out, pdf.pages[0])
        for i, page in enumerate(pdf.pages):
            placed[(k, i)] = len(out.pages)
            out.pages.append(page)
    furniture_docs = [pikepdf.open(io.BytesIO(piece)) for piece in furniture_pdfs]  # kept open while used
    furniture = [page for doc in furniture_docs for page in doc.pages]
    if len(furniture) != len(sequence) or len(out.pages) - body_start != len(sequence):
        raise RuntimeError("the furniture and the text of the book have different page counts")
    for i, page in enumerate(furniture):
        out.pages[body_start + i].add_overlay(page)
    _destinations(out, sources, placed)
    _outline(out, front, sources, placed)
    data = io.BytesIO()
    out.save(data)
    return data.getvalue(), body_start


def _blank_like(out, model):
    import pikepdf

    box = model.mediabox
    page = out.add_blank_page(page_size=(float(box[2]) - float(box[0]), float(box[3]) - float(box[1])))
    for name in ("/MediaBox", "/TrimBox", "/BleedBox"):
        if name in model.obj:
            page.obj[name] = pikepdf.Array([float(v) for v in model.obj[name]])


def _index(pdf, destination):
    import pikepdf

    return pdf.pages.index(pikepdf.Page(destination[0]))


def _destinations(out, sources, placed):
    """The named destinations of the parts, pointing at the pages where those now stand."""
    import pikepdf

    names = {}
    for k, pdf in enumerate(sources):
        dests = pdf.Root.get("/Names", {}).get("/Dests", {}).get("/Names", [])
        for i in range(0, len(dests), 2):
            target = dests[i + 1]
            page = out.pages[placed[(k, _index(pdf, target))]]
            names[str(dests[i])] = pikepdf.Array([page.obj] + list(target)[1:])
    flat = []
    for name in sorted(names):
        flat += [pikepdf.String(name), names[name]]
    out.Root.Names = pikepdf.Dictionary(Dests=pikepdf.Dictionary(Names=pikepdf.Array(flat)))


def _outline(out, front, sources, placed):
    import pikepdf

    items = []
    with front.open_outline() as outline:
        items += [(item.title, _index(front, item.destination)) for item in outline.root]
    for k, pdf in enumerate(sources):
        with pdf.open_outline() as outline:
            items += [(item.title, placed[(k, _index(pdf, item.destination))]) for item in outline.root]
    with out.open_outline() as outline:
        outline.root.extend(pikepdf.OutlineItem(title, index) for title, index in items)
