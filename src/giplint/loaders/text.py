"""Plain-text reports: decide the encoding deliberately, then split lines the way editors count them.

The order of the checks is the decision: a byte-order mark is proof; bytes that are valid UTF-8
are, in practice, UTF-8 (GB18030 text is almost never valid UTF-8); a pattern of NUL bytes in every
other position is BOM-less UTF-16; UTF-8 with a few damaged bytes is still UTF-8; otherwise a
Chinese government document is GB18030 (a superset of GBK and GB2312). Only when none of these
holds is charset-normalizer asked to guess.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE with BOM"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE with BOM"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE with BOM"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE with BOM"),
)

# CRLF, CR and LF end lines; str.splitlines() would also split on U+2028, FF, VT etc., which editors
# do not count, and line numbers must match what the user sees.
_EOL = re.compile(r"\r\n|\r|\n")


class UndecodableError(ValueError):
    """The bytes are not text in any encoding giplint reads."""


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str  # human-readable: "UTF-8", "UTF-8 with BOM", "GB18030", ...


def decode(data: bytes) -> DecodedText:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data[len(bom) :].decode(codec), label)
            except UnicodeDecodeError as exc:
                raise UndecodableError(f"{label}, but invalid at byte {exc.start + len(bom)}") from exc
    try:
        return DecodedText(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    utf16 = _bomless_utf16(data)
    if utf16:
        try:
            return DecodedText(data.decode(utf16), f"UTF-16 {utf16[-2:].upper()} without BOM")
        except UnicodeDecodeError:
            pass
    damaged = _damaged_utf8(data)
    if damaged:
        return damaged
    try:
        return DecodedText(data.decode("gb18030"), "GB18030")
    except UnicodeDecodeError:
        pass
    return _guess(data)


def _damaged_utf8(data: bytes) -> DecodedText | None:
    """UTF-8 with a few invalid bytes (a bad copy, an upload cut and rejoined): the bytes become
    U+FFFD, which GIP016 points at, and the rest is read. GB18030 text read as UTF-8 is nearly all
    invalid, so "a few" is a ratio: at least 20 valid non-ASCII characters per invalid sequence.
    Checked before GB18030, which would read such a file as mojibake without complaint."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore")) - invalid
    if invalid > 0 and non_ascii >= 20 * invalid:
        return DecodedText(text, f"UTF-8 with {invalid} invalid byte sequence(s) replaced by U+FFFD")
    return None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes (which text in other encodings never has) in the high byte
    of ASCII characters such as line ends and digits, nearly all on one side of each pair. CJK
    characters like 一 (U+4E00) put a few NULs on the other side, hence a ratio, not zero."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd >= 2 and odd > 3 * even:
        return "utf-16-le"
    if even >= 2 and even > 3 * odd:
        return "utf-16-be"
    return None


def _guess(data: bytes) -> DecodedText:
    from charset_normalizer import from_bytes  # only for the rare file that is none of the above

    best = from_bytes(data[:65536]).best()
    if best is None:
        raise UndecodableError("not text in UTF-8, UTF-16, GB18030 or another known encoding")
    try:
        return DecodedText(data.decode(best.encoding), best.encoding.upper())
    except (UnicodeDecodeError, LookupError) as exc:
        raise UndecodableError(f"looks like {best.encoding} but does not decode: {exc}") from exc


def split_lines(text: str) -> list[str]:
    lines = _EOL.split(text)
    if lines and lines[-1] == "":
        lines.pop()  # a final line end does not open another line
    return lines
