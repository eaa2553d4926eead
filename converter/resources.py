"""Where Folio's own files live: the CSS and fonts in styles/ beside the package."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STYLES = ROOT / "styles"
FONTS = STYLES / "fonts"


def style(name):
    return (STYLES / name).read_text(encoding="utf-8")
