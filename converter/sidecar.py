"""Per-book settings from a `<stem>.toml` beside the source: metadata the source cannot carry and options.

Strength, weakest first: what the cleaner found, then the sidecar, then the command line.
"""

import re
import tomllib
from pathlib import Path

from .errors import FolioError

PDF_VARIANTS = ("pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "pdf/a-4u", "pdf/ua-1", "pdf/ua-2")
FORMATS = ("epub", "pdf", "xml")
LANGUAGE = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")


def _text(value):
    return isinstance(value, str) and value.strip() != ""


def _parses(parser_name):
    """A check that a string is accepted by one of the print options' parsers."""

    def check(value):
        from .writers import trim

        if not isinstance(value, str):
            return False
        try:
            getattr(trim, parser_name)(value)
        except ValueError:
            return False
        return True

    return check


# key: (check, what is allowed)
KEYS = {
    "title": (_text, "a non-empty string"),
    "author": (_text, "a non-empty string"),
    "language": (lambda v: isinstance(v, str) and bool(LANGUAGE.match(v)), "a language tag such as en-GB"),
    "identifier": (_text, "a non-empty string such as urn:isbn:9780000000000"),
    "cover": (_text, "the path of a PNG or JPEG image inside the source's folder"),
    "trim": (_parses("parse_trim"), "a trim size such as 5.5x8.5, 6x9, A5 or 140x216mm"),
    "bleed": (_parses("parse_length"), "a length such as 0.125in or 3mm"),
    "marks": (lambda v: isinstance(v, bool), "true or false"),
    "pdf_variant": (lambda v: v in PDF_VARIANTS, "one of " + ", ".join(PDF_VARIANTS)),
    "formats": (lambda v: isinstance(v, list) and v and all(f in FORMATS for f in v),
                "a list of epub, pdf, xml"),
}


def sidecar_path(source):
    source = Path(source)
    return source.with_suffix(".toml")


def read_sidecar(source):
    """The settings of a source's sidecar, checked; {} when there is none."""
    path = sidecar_path(source)
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise FolioError(path, "is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as err:
        raise FolioError(path, f"is not valid TOML ({err})") from None
    for key, value in data.items():
        if key not in KEYS:
            raise FolioError(path, f"unknown key '{key}' (allowed: {', '.join(sorted(KEYS))})")
        check, allowed = KEYS[key]
        if not check(value):
            raise FolioError(path, f"key '{key}' must be {allowed}, not {value!r}")
    if "cover" in data:
        data["cover"] = str(inside_folder(path, data["cover"]))
    return data


def inside_folder(sidecar, relative):
    """A path named in a sidecar, resolved in the source's folder and refused anywhere else."""
    folder = Path(sidecar).resolve().parent
    target = (folder / relative).resolve()
    if not target.is_relative_to(folder):
        raise FolioError(sidecar, f"cover '{relative}' is outside the source's folder")
    return target
