"""The canonical XML: a strict TEI P5 subset, built from a clean book and checked against our schema."""

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {None: TEI_NS}
NS = {"tei": TEI_NS}


def tei(tag):
    return f"{{{TEI_NS}}}{tag}"


def xml(attr):
    return f"{{{XML_NS}}}{attr}"
