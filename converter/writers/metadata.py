"""One metadata record, read once from the TEI header, then mapped to OPF (EPUB) and to PDF info."""

import uuid
from dataclasses import dataclass, field

from ..tei import NS, xml


@dataclass
class BookMeta:
    title: str
    author: str = ""
    language: str = "en"
    publisher: str = ""
    place: str = ""
    date: str = ""
    edition: str = ""
    printer: str = ""
    provenance: str = ""
    converted: str = ""
    identifier: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def author_file_as(self):
        """'W. G. Krivitsky' files as 'Krivitsky, W. G.'."""
        parts = self.author.split()
        if len(parts) < 2:
            return self.author
        return f"{parts[-1]}, {' '.join(parts[:-1])}"

    @property
    def print_edition(self):
        """The print edition in one line: 'The Right Book Club, London, 1940'."""
        return ", ".join(p for p in (self.publisher, self.place, self.date) if p)

    @property
    def source_description(self):
        edition = self.print_edition
        return f"{self.title}, {edition}" if edition else self.title


def read_meta(tree):
    root = tree.getroot() if hasattr(tree, "getroot") else tree

    def text(path):
        return " ".join(" ".join(root.xpath(f"string({path})", namespaces=NS).split()).split())

    bibl = "/tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:bibl"
    meta = BookMeta(
        title=text("/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title"),
        author=text("/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:author[1]"),
        language=root.get(xml("lang")) or "en",
        publisher=text(f"{bibl}/tei:publisher"),
        place=text(f"{bibl}/tei:pubPlace"),
        date=text(f"{bibl}/tei:date/@when") or text(f"{bibl}/tei:date"),
        edition=text(f"{bibl}/tei:edition"),
        printer=text(f"{bibl}/tei:respStmt/tei:name"),
        provenance=text(f"{bibl}/tei:note[@type='provenance']"),
        converted=text("/tei:TEI/tei:teiHeader/tei:encodingDesc/tei:p[1]"),
        identifier=text("/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/tei:idno[@type='identifier']"),
    )
    meta.identifier = meta.identifier or stable_identifier(meta)
    return meta


def stable_identifier(meta):
    """The same book always gets the same identifier: a name-based UUID of what identifies it."""
    key = "|".join(("folio", meta.title, meta.author, meta.print_edition, meta.language))
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}"
