"""The normalised form of text used for every label and title comparison (format reference §0.3)."""

from __future__ import annotations

import re
import unicodedata

_DROP = re.compile(r"[\s\u00a0\u3000\"'“”‘’「」『』]+")


def text_key(text: str) -> str:
    """NFKC, no whitespace, no quotation marks, 其它→其他: ``（一） 予以公开`` → ``(一)予以公开``."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text)).replace("其它", "其他")
