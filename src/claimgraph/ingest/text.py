"""Plain text: bytes -> str with clear errors for what is not text."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import InputError
from ..model import Article

# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}


def decode_text(data: bytes, *, where: str, encoding: str = "utf-8") -> str:
    """Decode article bytes, refusing binary data and undecodable bytes with a reason."""
    if not data.strip():
        raise InputError("the file is empty (no text to analyse)", where=where)
    sample = data[:8192]
    if b"\x00" in sample or sum(b in _CONTROL for b in sample) > len(sample) * 0.05:
        raise InputError(
            "this looks like a binary file, not text (it holds NUL or control bytes)",
            where=where,
        )
    enc = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the bytes are not valid {encoding} (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); pass --encoding (e.g. --encoding cp1252) or convert the file",
            where=where,
        ) from exc
    except LookupError as exc:
        raise InputError(f"unknown encoding {encoding!r}", where=where) from exc
    return text


def read_text_file(path: str | Path, *, encoding: str = "utf-8") -> Article:
    """An article from a text file, or ``-`` for standard input.

    The article text is exactly the decoded file contents, so offsets index into it.
    """
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        where = "<stdin>"
    else:
        p = Path(path)
        where = str(p)
        if p.is_dir():
            raise InputError("is a directory, not a file", where=where)
        try:
            data = p.read_bytes()
        except FileNotFoundError as exc:
            raise InputError("no such file", where=where) from exc
        except OSError as exc:
            raise InputError(f"cannot read the file ({exc.strerror})", where=where) from exc
    text = decode_text(data, where=where, encoding=encoding)
    return Article(text=text, source=where)
