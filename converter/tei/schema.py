"""Validation against the RELAX NG schema shipped with the package."""

from functools import lru_cache
from pathlib import Path

from lxml import etree

SCHEMA = Path(__file__).with_name("folio-tei.rng")


class InvalidTEI(Exception):
    """The builder made a document outside our TEI subset: a bug, never the user's fault."""


@lru_cache(maxsize=1)
def relaxng():
    return etree.RelaxNG(etree.parse(str(SCHEMA)))


def validate(tree):
    schema = relaxng()
    if not schema.validate(tree):
        errors = "; ".join(f"line {e.line}: {e.message}" for e in list(schema.error_log)[:5])
        raise InvalidTEI(f"TEI does not match {SCHEMA.name}: {errors}")
    return tree
