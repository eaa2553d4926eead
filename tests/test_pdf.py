"""The print PDF: parsed back with pikepdf and pdftotext, page by page."""

import io
import re
import shutil
import subprocess
from collections import Counter
from datetime import datetime, timezone

import pikepdf
import pytest

import converter
from conftest import BOOKS, ROOT, cleaned
from converter.checks.pdf import fonts_of, page_labels, preflight
from converter.cleaning.words import words
from converter.writers.pdf import PrintOptions
from helpers import q
from test_seed import HEADS

SEED = ROOT / "source" / "i-was-stalins-agent.md"
MODIFIED = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is needed")


class Pdf:
    def __init__(self, data):
        self.data = data
        self.pdf = pikepdf.open(io.BytesIO(data))
        self.labels = page_labels(self.pdf)
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True).stdout
        self.pages = text.decode("utf-8").split("\f")[: len(self.pdf.pages)]

    def lines(self, index):
        return [line.strip() for line in self.pages[index].split("\n") if line.strip()]

    def index_of_label(self, label):
        return self.labels.index(label)


def squash(text):
    return re.sub(r"\s+", "", text).upper()


def build(source, **options):
    book, tree = cleaned(str(source))
    return tree, Pdf(converter.write_pdf(tree, PrintOptions(**options), modified=MODIFIED))


@pytest.fixture(scope="module")
def seed_pdf():
    return build(SEED)


def test_page_size_is_the_default_trim(seed_pdf):
    _, pdf = seed_pdf
    for page in pdf.pdf.pages:
        assert [round(float(v)) for v in page.MediaBox] == [0, 0, 396, 612]


def test_outline_has_front_matter_and_every_chapter(seed_pdf):
    _, pdf = seed_pdf
    with pdf.pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert titles[:4] == ["Half-title", "Title page", "Imprint", "Contents"]
    assert [re.sub(r"^[IVX]+\s+", "", t) for t in titles[4:]] == HEADS


def test_contents_numbers_are_the_pages_where_chapters_open(seed_pdf):
    _, pdf = seed_pdf
    contents = next(i for i, page in enumerate(pdf.pages) if page.strip().startswith("Contents"))
    entries = [re.match(r"^(.*?)\s*[. ]{3,}\s*(\d+)$", line) for line in pdf.lines(contents)[1:]]
    entries = [(m.group(1), m.group(2)) for m in entries if m]
    assert len(entries) == 9
    for (label, folio), head in zip(entries, HEADS):
        assert label.endswith(head)
        page = pdf.index_of_label(folio)
        assert head in " ".join(pdf.lines(page)[:4]), f"{head} should open on page {folio}"


def test_chapters_open_on_rectos_with_a_blank_verso_when_needed(seed_pdf):
    _, pdf = seed_pdf
    with pdf.pdf.open_outline() as outline:
        openings = [pdf.pdf.pages.index(pikepdf.Page(item.destination[0])) for item in outline.root][4:]
    for index in openings:
        assert index % 2 == 0, "a recto is an odd page: index 0, 2, 4, ..."
        if not pdf.pages[index - 1].strip():
            assert pdf.labels[index - 1].isdigit() or index - 1 < openings[0]


def test_running_heads_and_folios(seed_pdf):
    _, pdf = seed_pdf
    body = pdf.index_of_label("1")
    checked = 0
    for index in range(body + 1, len(pdf.pages)):
        lines = pdf.lines(index)
        if not lines:
            continue  # a blank page: nothing printed
        label = pdf.labels[index]
        first = squash(lines[0])  # letter-spaced running heads come out of pdftotext with gaps
        if first.startswith(label) and first[len(label):] == squash("I Was Stalin’s Agent"):
            assert int(label) % 2 == 0, f"book title on a recto, page {label}"
            checked += 1
        elif first.endswith(label) and first[: -len(label)] in [squash(h) for h in HEADS]:
            assert int(label) % 2 == 1, f"chapter title on a verso, page {label}"
            checked += 1
        else:
            assert lines[-1] == label, f"page {label}: an opening page has its folio at the foot"
            assert squash(lines[1] if len(lines) > 1 else "") in [squash(h) for h in HEADS] or lines[0] in (
                "I", "II", "III", "IV", "V", "VI", "VII", "VIII"), f"page {label} opens a chapter"
    assert checked > 200


def test_blank_pages_are_versos_before_chapter_openings(seed_pdf):
    _, pdf = seed_pdf
    body = pdf.index_of_label("1")
    blanks = [i for i, page in enumerate(pdf.pages) if not page.strip() and i >= body]
    assert blanks, "the seed has chapters ending on a recto"
    for i in blanks:
        assert int(pdf.labels[i]) % 2 == 0, "a blank page is a verso, and it is counted"
        following = pdf.lines(i + 1)
        assert following[-1] == pdf.labels[i + 1] and int(following[-1]) % 2 == 1, "a chapter opens after it"


def test_front_matter_folios_are_roman(seed_pdf):
    _, pdf = seed_pdf
    body = pdf.index_of_label("1")
    assert pdf.labels[:body] == ["i", "ii", "iii", "iv", "v", "vi"][:body]
    contents = next(i for i, page in enumerate(pdf.pages) if page.strip().startswith("Contents"))
    assert pdf.lines(contents)[-1] == pdf.labels[contents]


def test_footnotes_sit_on_the_page_of_their_reference(seed_pdf):
    tree, pdf = seed_pdf
    notes = q(tree, "//tei:text//tei:note")
    assert len(notes) == 4
    for note in notes:
        before = (note.getprevious().tail if note.getprevious() is not None else note.getparent().text) or ""
        context = " ".join(words(before)[-3:])
        note_start = " ".join(words("".join(note.itertext()))[:4])
        pages = [i for i, page in enumerate(pdf.pages) if note_start in " ".join(words(page))]
        assert len(pages) == 1, note_start
        assert context in " ".join(words(pdf.pages[pages[0]])), f"the call after '{context}'"


def test_fonts_are_the_bundled_face_and_all_embedded(seed_pdf):
    _, pdf = seed_pdf
    fonts = fonts_of(pdf.pdf)
    assert fonts and all(fonts.values())
    assert all("Garamond" in name for name in fonts)
    assert any("Italic" in name for name in fonts)


def test_metadata_and_page_labels(seed_pdf):
    _, pdf = seed_pdf
    info = pdf.pdf.docinfo
    assert str(info["/Title"]) == "I Was Stalin’s Agent" and str(info["/Author"]) == "W. G. Krivitsky"
    assert str(pdf.pdf.Root.Lang) == "en-GB"
    meta = pdf.pdf.open_metadata()
    assert meta["dc:title"] == "I Was Stalin’s Agent"
    assert list(meta["dc:language"]) == ["en-GB"]
    assert "/PageLabels" in pdf.pdf.Root


def test_contents_entries_are_links(seed_pdf):
    _, pdf = seed_pdf
    contents = next(i for i, page in enumerate(pdf.pages) if page.strip().startswith("Contents"))
    annots = pdf.pdf.pages[contents].obj.get("/Annots", [])
    links = [a for a in annots if a.get("/Subtype") == "/Link"]
    assert len(links) >= 9


def body_lines(pdf):
    """The lines of the PDF's pages in order, without running heads and folios."""
    out = []
    for index, label in enumerate(pdf.labels):
        lines = pdf.lines(index)
        if lines and (squash(lines[0]).startswith(label) or squash(lines[0]).endswith(label)):
            lines = lines[1:]
        if lines and lines[-1] == label:
            lines = lines[:-1]
        out += [re.sub(r"([^\W\d_])(\d+)(?=\W|$)", r"\1 \2", line) for line in lines]  # a call: Party1
    return out


def body_words(pdf, vocabulary):
    """Words of the PDF text; a word hyphenated at a line end ('agri-') is joined with the first word of
    the next line that completes a word of the vocabulary (footnotes and page ends may come between)."""
    raw = body_lines(pdf)
    lines = [words(line) for line in raw]
    taken = set()
    tokens = Counter()
    for i, found in enumerate(lines):
        found = list(found)
        if i in taken and found:
            found.pop(0)
        if raw[i].endswith("\u2010") and found:
            fragment = found.pop()
            for j in range(i + 1, min(i + 80, len(lines))):
                if j not in taken and lines[j] and raw[j][:1].islower() and fragment + lines[j][0] in vocabulary:
                    taken.add(j)
                    found.append(fragment + lines[j][0])
                    break
            else:
                found.append(fragment)
        tokens.update(found)
    return tokens


def test_all_text_of_the_tei_is_in_the_pdf(seed_pdf):
    tree, pdf = seed_pdf
    in_tei = Counter(words(" ".join(q(tree, "//tei:text")[0].itertext())))
    missing = in_tei - body_words(pdf, in_tei)
    assert not missing, f"words of the TEI missing from the PDF: {dict(list(missing.items())[:20])}"
    last = "".join(q(tree, "//tei:body/tei:div[last()]/tei:p[last()]")[0].itertext())
    assert " ".join(words(last)[-8:]) in " ".join(words(pdf.pages[-1] or pdf.pages[-2]))


def test_preflight_passes(seed_pdf):
    _, pdf = seed_pdf
    assert preflight(pdf.data) == []


def test_a_fixture_book(tmp_path):
    tree, pdf = build(BOOKS / "folio-top.md")
    assert preflight(pdf.data) == []
    with pdf.pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert titles[-3:] == ["I The Harbour and the Town of Falmouth", "II The RNLI at Work", "III The Great Gale"]


@pytest.mark.parametrize("trim, size", [("5x8", (360, 576)), ("6x9", (432, 648)), ("A5", (420, 595)),
                                        ("140x216mm", (397, 612))])
def test_trim_sizes(trim, size):
    _, pdf = build(BOOKS / "no-chapters.md", trim=trim)
    media = [round(float(v)) for v in pdf.pdf.pages[0].MediaBox]
    assert (media[2] - media[0], media[3] - media[1]) == size


def test_bleed_and_marks_set_the_page_boxes():
    _, pdf = build(BOOKS / "no-chapters.md", bleed="0.125in", marks=True)
    page = pdf.pdf.pages[0]
    trim = [float(v) for v in page.TrimBox]
    bleed = [float(v) for v in page.BleedBox]
    media = [float(v) for v in page.MediaBox]
    assert round(trim[2] - trim[0]) == 396 and round(trim[3] - trim[1]) == 612
    assert round(trim[0] - bleed[0], 1) == 9.0  # 0.125in of bleed on each side
    assert [round(v) for v in media] == [round(v) for v in bleed]
    _, plain = build(BOOKS / "no-chapters.md", bleed="0.125in")
    marked, unmarked = (len(p.pdf.pages[0].Contents.read_bytes()) for p in (pdf, plain))
    assert marked > unmarked, "the crop marks are drawn in the bleed"
    assert preflight(pdf.data) == []


@pytest.mark.parametrize("variant", ["pdf/a-3b", "pdf/ua-1"])
def test_pdf_variants_are_passed_through(variant):
    _, pdf = build(BOOKS / "no-chapters.md", variant=variant)
    if variant.startswith("pdf/a"):
        assert "/OutputIntents" in pdf.pdf.Root
        assert pdf.pdf.open_metadata().get("pdfaid:part") == "3"
    else:
        assert "/StructTreeRoot" in pdf.pdf.Root and pdf.pdf.Root.MarkInfo.Marked
    assert preflight(pdf.data) == []


def test_builds_are_identical():
    tree, a = build(BOOKS / "no-chapters.md")
    _, b = build(BOOKS / "no-chapters.md")
    assert a.data == b.data


def test_the_text_check_notices_a_lost_paragraph():
    import copy

    book, tree = cleaned(str(BOOKS / "no-chapters.md"))
    shorter = copy.deepcopy(tree)
    p = q(shorter, "//tei:body//tei:p")[1]
    p.getparent().remove(p)
    pdf = Pdf(converter.write_pdf(shorter, modified=MODIFIED))
    in_tei = Counter(words(" ".join(q(tree, "//tei:text")[0].itertext())))
    assert in_tei - body_words(pdf, in_tei)


def text_extent(data, page_number):
    """(left, right) edges of the words on a page, in points, from pdftotext's bounding boxes."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page_number), "-l", str(page_number), "-", "-"],
                         input=data, capture_output=True).stdout.decode()
    lefts = [float(x) for x in re.findall(r'xMin="([\d.]+)"', out)]
    rights = [float(x) for x in re.findall(r'xMax="([\d.]+)"', out)]
    return min(lefts), max(rights)


def test_facing_pages_have_the_wider_margin_inside(seed_pdf):
    _, pdf = seed_pdf
    width = float(pdf.pdf.pages[0].MediaBox[2])
    verso, recto = pdf.index_of_label("2"), pdf.index_of_label("3")
    left, right = text_extent(pdf.data, verso + 1)
    assert width - right > left + 10, "a verso's gutter is on its right"
    left, right = text_extent(pdf.data, recto + 1)
    assert left > width - right + 10, "a recto's gutter is on its left"


def test_laid_out_in_parts_or_whole_the_book_is_the_same(monkeypatch):
    """The parallel path (parts, furniture overlaid, destinations rebuilt) against one WeasyPrint document."""
    book, tree = cleaned(str(BOOKS / "folio-top.md"))
    parts = Pdf(converter.write_pdf(tree, PrintOptions(workers=2), modified=MODIFIED))
    monkeypatch.setenv("FOLIO_CACHE", "off")  # with nothing cached, one worker lays out one document
    whole = Pdf(converter.write_pdf(tree, PrintOptions(workers=1), modified=MODIFIED))
    assert parts.pages == whole.pages, "the same text, running heads and folios on every page"
    assert parts.labels == whole.labels
    with parts.pdf.open_outline() as a, whole.pdf.open_outline() as b:
        assert [(i.title, parts.pdf.pages.index(pikepdf.Page(i.destination[0]))) for i in a.root] == [
            (i.title, whole.pdf.pages.index(pikepdf.Page(i.destination[0]))) for i in b.root]
    contents = next(i for i, page in enumerate(parts.pages) if page.strip().startswith("Contents"))
    for annot in parts.pdf.pages[contents].obj.get("/Annots", []):
        target = parts.pdf.Root.Names.Dests.Names
        names = {str(target[i]): target[i + 1] for i in range(0, len(target), 2)}
        dest = names[str(annot.Dest)]
        page = parts.pdf.pages.index(pikepdf.Page(dest[0]))
        head = q(tree, f"string(//tei:div[@xml:id='{annot.Dest}']/tei:head)")
        assert head in " ".join(parts.lines(page)[:3]), f"the link to {annot.Dest} leads to its opening page"
    assert preflight(parts.data) == []


def test_a_rebuild_lays_out_only_the_chapter_that_changed(tmp_path, monkeypatch):
    import copy

    monkeypatch.setenv("FOLIO_CACHE_DIR", str(tmp_path))
    book, tree = cleaned(str(BOOKS / "folio-top.md"))
    first = Pdf(converter.write_pdf(tree, PrintOptions(workers=2), modified=MODIFIED))
    cache = tmp_path / "pdf-parts"
    assert len(list(cache.glob("*.pdf"))) == 3, "one entry per chapter"
    edited = copy.deepcopy(tree)
    p = q(edited, "//tei:div[@n='II']//tei:p")[0]
    p.text = "An edited opening, " + (p.text or "")
    second = Pdf(converter.write_pdf(edited, PrintOptions(workers=2), modified=MODIFIED))
    assert len(list(cache.glob("*.pdf"))) == 4, "only chapter II was laid out again"
    assert "An edited opening" in "".join(second.pages) and "An edited opening" not in "".join(first.pages)
    assert preflight(second.data) == []


def test_weasyprint_logs_no_warning(caplog, tmp_path, monkeypatch):
    """As WeasyPrint's own tests do: a warning is a dropped property or resource, so none is allowed."""
    import logging

    monkeypatch.setenv("FOLIO_CACHE_DIR", str(tmp_path))
    book, tree = cleaned(str(BOOKS / "folio-top.md"))
    converter.write_pdf(tree, PrintOptions(workers=2))  # fills the cache with the chapters
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        converter.write_pdf(tree, PrintOptions(workers=1))  # furniture and front matter laid out here
        monkeypatch.setenv("FOLIO_CACHE", "off")
        converter.write_pdf(tree, PrintOptions(workers=1, bleed="3mm", marks=True))  # one whole document
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []


def test_preflight_names_a_page_that_is_no_book_page(tmp_path):
    landscape = pikepdf.new()
    landscape.add_blank_page(page_size=(842, 595))
    path = tmp_path / "a4-landscape.pdf"
    landscape.save(path)
    codes = {p.code for p in preflight(path.read_bytes())}
    assert {"PDF-PAGE-SIZE", "PDF-NO-OUTLINE", "PDF-NO-PAGE-LABELS", "PDF-NO-TEXT"} <= codes
