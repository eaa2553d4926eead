"""Where Folio's own files live: the CSS and fonts in styles/ beside the package."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _styles():
    """styles/ beside the package (a checkout or an editable install), else where setup.py installs it."""
    for folder in (ROOT / "styles", Path(sys.prefix) / "share" / "folio" / "styles"):
        if (folder / "epub.css").is_file():
            return folder
    return ROOT / "styles"


STYLES = _styles()
FONTS = STYLES / "fonts"


def style(name):
    return (STYLES / name).read_text(encoding="utf-8")
