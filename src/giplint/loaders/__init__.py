"""Loaders turn a file's bytes into a :class:`~giplint.loaders.document.Document`.

The format is decided by content first (magic bytes, markup), then by the file's extension: a
``.txt`` that is really an HTML page is read as HTML, an ``.html`` that is really a PDF download as
a PDF. The format libraries (lxml, python-docx, pdfplumber) are imported only when a file needs
them, so linting plain text never pays for them.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from giplint.limits import DEFAULT_MAX_BYTES
from giplint.loaders.document import Document, LoadError, Origin
from giplint.loaders.text import UndecodableError, decode, split_lines

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
    b"BM": "BMP",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
}
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body)\b", re.I | re.S
)
_OLD_OFFICE = {
    ".doc": (
        "旧版 Word（.doc）文件，请另存为 .docx 后再检查",
        "an old Word .doc file: save it as .docx and check that",
    ),
    ".wps": (
        "WPS 文字（.wps）文件，请另存为 .docx 后再检查",
        "a WPS .wps file: save it as .docx and check that",
    ),
    ".xls": (
        "Excel（.xls）表格不是年度报告正文，请检查报告本身（.docx、.pdf 或网页）",
        "an Excel .xls sheet is not the report: check the report itself (.docx, .pdf or web page)",
    ),
    ".et": ("WPS 表格（.et）不是年度报告正文", "a WPS spreadsheet is not the report"),
}


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        # in bytes too: one byte over 50 MB is "50.0 MB, over the 50 MB limit" in megabytes alone
        mb, limit = f"{size / 1048576:.1f} MB", f"{max_bytes / 1048576:g} MB"
        raise LoadError(
            "GIP013",
            f"文件大小 {mb}（{size:,} 字节）超过上限 {limit}（{max_bytes:,} 字节，可用 max-file-size 设置调整）",
            f"the file is {mb} ({size:,} bytes), over the {limit} limit ({max_bytes:,} bytes; setting max-file-size)",
        )


def sniff(data: bytes, path: str) -> str:
    """``text``, ``html``, ``docx``, ``pdf``, or ``ole2``/``image``/``zip`` for what cannot be read."""
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"word/" in data[:65536] or PurePath(path).suffix.lower() == ".docx" else "zip"
    if head.startswith(_OLE2):
        return "ole2"
    if any(head.startswith(magic) for magic in _IMAGES):
        return "image"
    probe = head.lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(probe) or (PurePath(path).suffix.lower() in (".html", ".htm") and b"<" in probe):
        return "html"
    return "text"


def load(data: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """The report in ``data``; raises :class:`LoadError` with the GIP0xx code to report."""
    check_size(len(data), max_bytes)
    kind = sniff(data, path)
    if kind == "pdf":
        from giplint.loaders.pdf import load_pdf

        return load_pdf(data, path)
    if kind == "docx":
        from giplint.loaders.docx import load_docx

        return load_docx(data, path)
    if kind == "html":
        from giplint.loaders.html import load_html

        return load_html(data, path)
    if kind == "ole2":
        zh, en = _OLD_OFFICE.get(PurePath(path).suffix.lower(), _OLD_OFFICE[".doc"])
        raise LoadError("GIP011", zh, en)
    if kind == "image":
        raise LoadError(
            "GIP011",
            "这是图片文件，不含可检查的文字；请提供报告的文字版（.docx、带文字层的 .pdf 或网页）",
            "this is an image with no text to check: provide the report as .docx, a text PDF or a web page",
        )
    if kind == "zip" and b"xl/" in data[:65536]:
        raise LoadError(
            "GIP011",
            "这是 Excel 工作簿（.xlsx），不是年度报告正文；请检查报告本身（.docx、.pdf 或网页）",
            "this is an Excel workbook (.xlsx), not the report: check the report itself (.docx, .pdf or web page)",
        )
    if kind == "zip":
        raise LoadError(
            "GIP011",
            "这是压缩包或非 Word 的 Office 文件，请解压或另存为 .docx 后再检查",
            "this is a zip archive or a non-Word Office file: extract it or save it as .docx",
        )
    suffix = PurePath(path).suffix.lower()
    if suffix in (".pdf", ".docx"):
        try:
            return load_text(data)  # a report saved as text under the wrong name is still read
        except LoadError as exc:
            name = suffix[1:].upper()
            raise LoadError(
                exc.code,
                f"文件名是 {suffix}，但内容不是 {name}，也不是文字（{exc.reason_zh}）；文件可能已损坏或下载不完整",
                f"the file is named {suffix} but is neither a {name} nor text ({exc.reason_en}); "
                "it may be damaged or an incomplete download",
            ) from exc
    return load_text(data)


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _looks_binary(text: str) -> bool:
    """More than 1 in 20 characters being control codes (NUL included) does not occur in text. A
    stray NUL or two in a real report is damage to point at (GIP016), not a reason to read nothing."""
    sample = text[:65536]
    return len(_CONTROL.findall(sample)) * 20 > max(len(sample), 1)


def load_text(data: bytes) -> Document:
    try:
        decoded = decode(data)
    except UndecodableError as exc:
        raise LoadError("GIP001", f"无法识别文字编码：{exc}", str(exc)) from exc
    if not data:
        raise LoadError("GIP001", "文件为空（0 字节）", "the file is empty (0 bytes)")
    if not decoded.text.strip():
        raise LoadError(
            "GIP001",
            "文件只有空格、制表符和换行，没有文字",
            "the file holds only spaces, tabs and line breaks, no text",
        )
    if _looks_binary(decoded.text):
        raise LoadError(
            "GIP001",
            "这是二进制文件，不是文字：可能是改了扩展名的其他文件或已损坏",
            "this is a binary file, not text: another kind of file renamed, or damaged",
        )
    lines = split_lines(decoded.text)
    origins = [[(0, Origin(line=i, column=1))] for i in range(1, len(lines) + 1)]
    return Document(lines, origins, "text", decoded.encoding)
