"""A cache of laid-out chapters: same chapter, styles, fonts and print options give the same pages.

Kept in $FOLIO_CACHE_DIR, else $XDG_CACHE_HOME/folio, else ~/.cache/folio; FOLIO_CACHE=off turns it off.
Each entry is a PDF and a JSON list of the chapter on each page, named by the hash of everything that
went into the layout. Only the newest entries are kept.
"""

import hashlib
import json
import os
from pathlib import Path

from .. import __version__
from ..output import write_atomic
from ..resources import FONTS, style

KEEP = 400


class PartCache:
    def __init__(self, folder):
        self.folder = Path(folder) if folder else None
        self.seed = _environment() if folder else ""

    @classmethod
    def default(cls):
        if os.environ.get("FOLIO_CACHE", "").lower() in ("0", "off", "no", "false"):
            return cls(None)
        folder = os.environ.get("FOLIO_CACHE_DIR") or Path(
            os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "folio"
        return cls(Path(folder) / "pdf-parts")

    def key(self, html, options):
        if self.folder is None:
            return ""
        from .pdf import page_rule

        return hashlib.sha256("\0".join((self.seed, page_rule(options), html)).encode()).hexdigest()

    def get(self, key):
        from .pdf_parts import Part

        if not key:
            return None
        try:
            pdf = (self.folder / f"{key}.pdf").read_bytes()
            chapters = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return Part(pdf, chapters)

    def put(self, key, part):
        if not key:
            return
        try:
            write_atomic(self.folder / f"{key}.json", json.dumps(part.chapters).encode())
            write_atomic(self.folder / f"{key}.pdf", part.pdf)
            self._prune()
        except OSError:
            pass  # a cache that cannot be written only costs time

    def _prune(self):
        entries = sorted(self.folder.glob("*.pdf"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
            old.with_suffix(".json").unlink(missing_ok=True)


def _environment():
    """What besides the chapter decides its layout: Folio, WeasyPrint, the print style, the fonts."""
    import weasyprint

    fonts = sorted(f"{p.name}:{p.stat().st_size}" for p in FONTS.glob("*.ttf"))
    return "|".join([__version__, weasyprint.__version__, style("print.css"), *fonts])
