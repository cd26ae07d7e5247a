"""The normalised form of text used for every label and title comparison (format reference §0.3)."""

from __future__ import annotations

import unicodedata

# Whitespace (ASCII, NBSP, ideographic, the rest of Unicode's) and quotation marks, deleted.
_DELETE = dict.fromkeys(
    [ord(c) for c in " \t\n\r\f\v\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\u0085\"'“”‘’「」『』"]
    + list(range(0x2000, 0x200B))
    + list(range(0x1C, 0x20)),  # the information separators, which Python counts as whitespace
    None,
)


def text_key(text: str) -> str:
    """NFKC, no whitespace, no quotation marks, 其它→其他: ``（一） 予以公开`` → ``(一)予以公开``.

    ``str.translate`` rather than a regex, and no NFKC for ASCII (where it changes nothing): this
    runs for every line and every table cell.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        key = text.translate(_DELETE)
        return key.replace("其它", "其他") if "其它" in key else key
    return text.translate(_DELETE)
