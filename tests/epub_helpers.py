"""Reading a built EPUB back: the zip, the OPF, the nav, the NCX and the XHTML documents, all parsed."""

import io
import shutil
import subprocess
import zipfile
from functools import cached_property
from pathlib import PurePosixPath

from lxml import etree

from converter.checks.epub import epubcheck_jar

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}


class Epub:
    def __init__(self, data):
        self.data = data
        self.zip = zipfile.ZipFile(io.BytesIO(data))

    def xml(self, name):
        return etree.fromstring(self.zip.read(name))

    @cached_property
    def opf_path(self):
        return self.xml("META-INF/container.xml").xpath("string(//c:rootfile/@full-path)", namespaces=NS)

    @cached_property
    def opf(self):
        return self.xml(self.opf_path)

    def path(self, href):
        return str(PurePosixPath(self.opf_path).parent / href)

    def meta(self, prop):
        return self.opf.xpath(f"//opf:meta[@property='{prop}']/text()", namespaces=NS)

    def dc(self, name):
        return self.opf.xpath(f"//dc:{name}/text()", namespaces=NS)

    def item(self, prop):
        href = self.opf.xpath(f"string(//opf:item[contains(@properties, '{prop}')]/@href)", namespaces=NS)
        return href

    @cached_property
    def nav(self):
        return self.xml(self.path(self.item("nav")))

    @cached_property
    def ncx(self):
        href = self.opf.xpath("string(//opf:item[@media-type='application/x-dtbncx+xml']/@href)", namespaces=NS)
        return self.xml(self.path(href))

    def spine_docs(self):
        ids = self.opf.xpath("//opf:spine/opf:itemref/@idref", namespaces=NS)
        hrefs = [self.opf.xpath(f"string(//opf:item[@id='{i}']/@href)", namespaces=NS) for i in ids]
        return [(href, self.xml(self.path(href))) for href in hrefs]

    def resolve(self, href, base=""):
        """The element a link points to, following 'file#id' from the document `base`."""
        file, _, frag = href.partition("#")
        doc = self.xml(self.path(file or base))
        if not frag:
            return doc
        found = doc.xpath(f"//*[@id='{frag}']")
        return found[0] if found else None

    def text(self, href):
        return " ".join(" ".join(self.xml(self.path(href)).itertext()).split())


def nav_list(nav, kind):
    return nav.xpath(f"//x:nav[@epub:type='{kind}']//x:a", namespaces=NS)


def run_epubcheck(path):
    """(ok, output) from the official validator; ok only with no fatal, error or warning."""
    jar = epubcheck_jar()
    result = subprocess.run([shutil.which("java"), "-jar", str(jar), "--failonwarnings", str(path)],
                            capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    return result.returncode == 0 and "0 fatals / 0 errors / 0 warnings" in output, output
