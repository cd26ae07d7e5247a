"""HTML pages: find the report inside the portal's page chrome and reduce it to text lines.

Parser: lxml.html (libxml2's HTML parser). It is a real, error-tolerant HTML parser, it gives every
element its ``sourceline`` (selectolax/lexbor gives no source positions, html5lib only through a
slow pure-Python tree builder), it never recurses in Python, and libxml2 stops at 256 levels of
nesting and says so in the parser's error log, which this loader turns into GIP013 instead of
silently losing the rest of the page. The column of an element is found by counting its start tag
on the raw source line: the k-th ``<td`` element that libxml2 places on line L is the k-th ``<td``
written on that line (minified pages put everything on one line, so the column matters).

The report body is the deepest element that holds all the report's marker phrases (part headings,
统计期限, table anchors); navigation, headers, footers, breadcrumbs, share bars and the like are
left out unless they themselves hold report text. When the body does not include the title (portals
put it in a separate title block), the nearest title-like element before the body is prepended.
Tables become rows with every rowspan/colspan expanded into empty cells, so every row of a table
has the full grid width (layout B of the format reference §6.2).
"""

from __future__ import annotations

import bisect
import codecs
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from giplint.loaders.document import Document, LineBuilder, LoadError, Origin

MAX_GRID_CELLS = 200_000  # one table, spans expanded; the real table 三 has 10 x 30
MAX_PAGE_CELLS = 1_000_000  # all tables of a page
MAX_DEPTH = 256  # libxml2's own limit without XML_PARSE_HUGE
LINE_CAP = 65534  # libxml2's HTML parser reports no line number above this
MAX_SPAN = 1000  # HTML's own cap on colspan

# Subtrees that never hold page text.
_NEVER_TEXT = frozenset(
    {
        "script", "style", "noscript", "template", "head", "title", "iframe", "select", "option",
        "button", "textarea", "input", "object", "embed", "svg", "canvas", "video", "audio", "map",
        "xml", "meta", "link",
    }
)  # fmt: skip
# Page chrome by tag, left out unless it holds report text (an ASP.NET page wraps all in <form>).
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "menu"})
_CHROME_WORDS = frozenset(
    {
        "nav", "navbar", "menu", "header", "head", "top", "topbar", "footer", "foot", "bottom",
        "crumb", "crumbs", "breadcrumb", "share", "sidebar", "side", "copyright", "banner",
        "toolbar", "tool", "tools", "links", "link", "friendlink", "yqlj", "position", "location",
        "weizhi", "dqwz", "login", "search", "skip", "qrcode", "ewm", "attach", "attachment",
        "fujian", "download", "related", "relevant", "xgwj", "xglj", "print", "bdshare",
        "fontsize", "zihao", "comment", "pager", "pagination",
    }
)  # fmt: skip
_CHROME_SUBSTRINGS = ("nav", "menu", "footer", "crumb", "sidebar", "share", "copyright")
_BLOCK = frozenset(
    {
        "html", "body", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
        "dd", "section", "article", "main", "blockquote", "pre", "center", "address", "table", "tr",
        "td", "th", "tbody", "thead", "tfoot", "caption", "hr", "figure", "figcaption", "fieldset",
        "legend", "header", "footer", "nav", "aside", "form",
    }
)  # fmt: skip
_CONTAINERS = frozenset(
    {"html", "body", "div", "section", "article", "main", "td", "th", "form", "center", "blockquote", "dd"}
)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

# Phrases only a report body has; the body is the deepest element holding all of them.
_MARKERS = (
    "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "行政复议", "行政诉讼",
    "存在的主要问题", "需要报告的事项", "统计期限", "申请人情况", "本年新收", "上年结转",
    "第二十条第", "予以公开", "不予公开", "结转下年度", "信息处理费",
)  # fmt: skip

_WORD_SPLIT = re.compile(r"[-_\s]+|(?<=[a-z])(?=[A-Z])")
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0\u200b]+")
_WIDE = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef"
# A source line break between two Chinese characters is no space (CSS Text's segment-break rule):
# Word and many editors wrap the HTML source in the middle of Chinese sentences.
_CJK_BREAK = re.compile(f"(?<=[{_WIDE}])[ \\t]*\\n[ \\t\\n]*(?=[{_WIDE}])")
# Word's downlevel-revealed conditional comments survive some parsers as text.
_CONDITIONAL = re.compile(r"<!\[(?:if [^\]]{0,80}|endif)\]>")
_FURNITURE = re.compile(
    r"^(?:当前位置|您(?:现在)?的位置|您所在的位置|发布(?:时间|日期|机构)|"
    r"(?:信息)?来源\s*[:：]|作者\s*[:：]|浏览(?:次数|量)|点击(?:数|量|率)|访问(?:量|次数)|字号|"
    r"【\s*(?:打印|关闭|字体|大|中|小|收藏|返回顶部)|分享到|扫一扫|附件下载|相关链接|责任编辑)"
)
_BREADCRUMB = re.compile(r"[>›»]")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_PUB_LABEL = re.compile(r"发布(?:日期|时间)\s*[:：]?\s*")
_PUB_META = frozenset(
    {"pubdate", "publishdate", "publish_date", "firstpublishedtime", "article:published_time", "dc.date"}
)
_META_CHARSET = re.compile(rb"<meta[^>]{0,500}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)
_GB_NAMES = frozenset(
    {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "gb_2312-80", "gb_2312", "csgb2312", "euc-cn"}
)
_LATIN_NAMES = frozenset({"iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252", "us-ascii", "ascii"})


def load_html(data: bytes, path: str) -> Document:
    """Read an HTML page; raise :class:`LoadError` (never anything else) when it cannot be read."""
    text, encoding = _decode(data)
    try:
        return _load(text, encoding)
    except LoadError:
        raise
    except (etree.LxmlError, ValueError, TypeError, RecursionError, MemoryError) as exc:
        raise LoadError(
            "GIP001",
            f"无法解析该网页（{type(exc).__name__}）；请另存为 UTF-8 网页或 .docx 后重试",
            f"cannot parse the page ({type(exc).__name__}: {exc}); save it again as a UTF-8 page or as .docx",
        ) from exc


# --- bytes to text ------------------------------------------------------------------------------
def _decode(data: bytes) -> tuple[str, str]:
    """The page text and a description such as ``HTML (GB18030, declared gb2312)``."""
    for bom, codec, label in (
        (codecs.BOM_UTF8, "utf-8", "UTF-8 with BOM"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE with BOM"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE with BOM"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec), f"HTML ({label})"
            except UnicodeDecodeError:
                break  # a lying BOM: fall through to the declared charset and the fallbacks
    declared = _declared_charset(data)
    utf8 = _try(data, "utf-8")
    if declared in _GB_NAMES:
        # Valid multi-byte UTF-8 is almost never GB text: the declaration is stale.
        if utf8 is not None and not utf8.isascii():
            return utf8, f"HTML (UTF-8; the page declares {declared} but is UTF-8)"
        gb = _try(data, "gb18030")
        if gb is not None:
            return gb, f"HTML (GB18030, declared {declared})"
    elif declared in ("utf-8", "utf8"):
        if utf8 is not None:
            return utf8, "HTML (UTF-8)"
        gb = _try(data, "gb18030")
        if gb is not None:
            return gb, "HTML (GB18030; the page declares UTF-8 but is not UTF-8)"
    elif declared is not None and declared not in _LATIN_NAMES:
        other = _try(data, declared)
        if other is not None:
            return other, f"HTML ({declared})"
    if utf8 is not None:
        note = "no charset declared" if declared is None else f"declared {declared}"
        return utf8, f"HTML (UTF-8, {note})"
    gb = _try(data, "gb18030")
    if gb is not None:
        note = "no charset declared" if declared is None else f"declared {declared}"
        return gb, f"HTML (GB18030, {note})"
    if declared in _LATIN_NAMES:
        return data.decode("latin-1"), f"HTML ({declared})"
    raise LoadError(
        "GIP001",
        "网页不是 UTF-8 或 GB18030 编码，且声明的编码无法解码；请以 UTF-8 另存",
        "the page is neither UTF-8 nor GB18030 and its declared charset does not decode it; save it as UTF-8",
    )


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:8192])
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace").lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


# --- text to tree -------------------------------------------------------------------------------
def _load(text: str, encoding: str) -> Document:
    # Editors count CR, LF and CRLF as line ends; libxml2 counts LF. NUL would end libxml2's input.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    if not text.strip():
        raise LoadError("GIP001", "网页为空", "the page is empty")
    parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=False, remove_pis=True)
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8"), parser=parser)
    except etree.ParserError as exc:
        raise LoadError("GIP001", "网页没有可读的内容", f"the page has no readable content ({exc})") from exc
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in entry.message:
            raise LoadError(
                "GIP013",
                f"网页元素嵌套过深（第{entry.line}行起超过解析器上限），已停止读取",
                f"the page nests elements deeper than the parser's limit (from line {entry.line}); reading stopped",
            )
    _check_depth(root)
    page = _Page(root, text.split("\n"))
    builder = LineBuilder("html", encoding)
    page.emit(builder)
    doc = builder.doc
    date = page.publication_date()
    if date:
        doc.metadata["publication_date"] = date
    return doc


def _check_depth(root: etree._Element) -> None:
    """The same limit whatever libxml2 build lxml brings (older ones do not stop at 256)."""
    depth: dict[etree._Element, int] = {root: 0}
    for el in root.iterdescendants():
        parent = el.getparent()
        d = depth[el] = depth.get(parent, 0) + 1 if parent is not None else 0
        if d > MAX_DEPTH:
            raise LoadError(
                "GIP013",
                f"网页元素嵌套超过 {MAX_DEPTH} 层（第{el.sourceline}行），已停止读取",
                f"the page nests elements more than {MAX_DEPTH} levels deep (line {el.sourceline}); reading stopped",
            )


def _count_markers(text: str | None) -> int:
    if not text:
        return 0
    return sum(text.count(m) for m in _MARKERS)


def _tag(el: etree._Element) -> str | None:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else None


def _chrome_by_name(el: etree._Element) -> bool:
    names = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('role') or ''}".strip()
    if not names:
        return False
    words = {w.lower() for w in _WORD_SPLIT.split(names) if w}
    if words & _CHROME_WORDS:
        return True
    low = names.lower()
    return any(s in low for s in _CHROME_SUBSTRINGS)


def _norm(text: str) -> str:
    return _CONDITIONAL.sub("", text)


def _collapse(text: str) -> str:
    """HTML whitespace as a browser shows it; &nbsp; becomes a space, U+3000 stays."""
    return _SPACES.sub(" ", _CJK_BREAK.sub("", text)).strip(" ")


def _is_title(text: str) -> bool:
    s = text.strip()
    return "年度报告" in s and len(s) <= 80 and "。" not in s and not _BREADCRUMB.search(s)


@dataclass(slots=True)
class _Piece:
    """A paragraph or a table row on its way to the LineBuilder."""

    kind: str  # "p" | "row" | "end-table"
    text: str = ""
    element: etree._Element | None = None
    cells: list[tuple[str, etree._Element]] | None = None


class _Page:
    def __init__(self, root: etree._Element, raw_lines: list[str]) -> None:
        self.root = root
        self.raw_lines = raw_lines
        self.order: list[etree._Element] = [el for el in root.iter() if isinstance(el.tag, str)]
        self.skip: set[etree._Element] = set()
        self.clean_markers: dict[etree._Element, int] = {}
        self.clean_length: dict[etree._Element, int] = {}
        self.nth_on_line: dict[etree._Element, int] = {}
        self.title_hint: set[etree._Element] = set()  # elements whose own text has 年度报告
        self.page_cells = 0
        self._tag_positions: dict[tuple[int, str], list[tuple[int, int]]] = {}
        self._patterns: dict[str, re.Pattern[str]] = {}
        self.source = "\n".join(raw_lines)
        self.starts = [0]  # offset of each line's first character in source
        for raw in raw_lines:
            self.starts.append(self.starts[-1] + len(raw) + 1)
        self._index()
        self.beyond_cap = self._positions_beyond_cap()

    # One pass, children before parents (reverse document order): what each subtree holds.
    def _index(self) -> None:
        seen: dict[tuple[int, str], int] = {}
        for el in self.order:
            key = (el.sourceline or 0, _tag(el) or "")
            self.nth_on_line[el] = seen.get(key, 0)
            seen[key] = self.nth_on_line[el] + 1
        raw: dict[etree._Element, int] = {}
        for el in reversed(self.order):
            tag = _tag(el) or ""
            if tag in _NEVER_TEXT:
                self.skip.add(el)
                raw[el] = self.clean_markers[el] = self.clean_length[el] = 0
                continue
            r = c = _count_markers(el.text)
            length = len((el.text or "").strip())
            for child in el:
                tail = child.tail
                r += _count_markers(tail)
                c += _count_markers(tail)
                length += len((tail or "").strip())
                if not isinstance(child.tag, str):
                    continue
                r += raw[child]
                if child not in self.skip:
                    c += self.clean_markers[child]
                    length += self.clean_length[child]
            raw[el] = r
            if "年度报告" in (el.text or "") or any("年度报告" in (ch.tail or "") for ch in el):
                self.title_hint.add(el)
            if (tag in _CHROME_TAGS or _chrome_by_name(el)) and r < 2 and tag not in ("html", "body"):
                self.skip.add(el)
            self.clean_markers[el] = c
            self.clean_length[el] = length

    def body(self) -> etree._Element:
        best = max(self.clean_markers.values(), default=0)
        if best == 0:
            found = self.root.find("body")
            return found if found is not None else self.root
        chosen = self.root
        for el in self.order:  # the deepest of the chain of elements holding all markers
            if self.clean_markers.get(el) == best and not self._skipped(el):
                chosen = el
        # A body is a container: a lone paragraph holding every marker (a short page, or a
        # preamble naming all six parts) is read with its siblings.
        while _tag(chosen) not in _CONTAINERS and (parent := chosen.getparent()) is not None:
            chosen = parent
        return chosen

    def _skipped(self, el: etree._Element) -> bool:
        node: etree._Element | None = el
        while node is not None:
            if node in self.skip:
                return True
            node = node.getparent()
        return False

    # --- locations ---------------------------------------------------------------------------
    def _positions_beyond_cap(self) -> dict[etree._Element, tuple[int, int]]:
        """libxml2's HTML parser stops counting lines at 65534; past that, start tags are found by
        scanning the source forward in document order (elements come in source order)."""
        capped = [
            el
            for el in self.order
            if (el.sourceline or 0) >= LINE_CAP and _tag(el) not in ("html", "head", "body")
        ]
        if not capped:
            return {}
        cursor = self.starts[LINE_CAP - 1]
        found: dict[etree._Element, tuple[int, int]] = {}
        for el in capped:
            m = self._pattern(_tag(el) or "").search(self.source, cursor)
            if m is None:
                continue
            cursor = m.end()
            found[el] = self._line_column(m.start())
        return found

    def _pattern(self, tag: str) -> re.Pattern[str]:
        pattern = self._patterns.get(tag)
        if pattern is None:
            pattern = self._patterns[tag] = re.compile(r"<" + re.escape(tag) + r"(?=[\s>/])", re.IGNORECASE)
        return pattern

    def _line_column(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def origin(self, el: etree._Element | None) -> Origin:
        if el is not None and el in self.beyond_cap:
            line, column = self.beyond_cap[el]
            return Origin(line=line, column=column)
        if el is None or not el.sourceline:
            return Origin(line=1, column=1)
        line = el.sourceline
        positions = self._positions(line, _tag(el) or "")
        k = self.nth_on_line.get(el, 0)
        if k < len(positions):
            found_line, column = positions[k]
            return Origin(line=found_line, column=column)
        return Origin(line=line, column=1)

    def _positions(self, line: int, tag: str) -> list[tuple[int, int]]:
        """Start tags ``<tag`` whose ``>`` is on ``line``: libxml2 numbers an element by the line
        where its start tag ends, which for a tag spread over several lines is not where it starts."""
        key = (line, tag)
        found = self._tag_positions.get(key)
        if found is not None:
            return found
        found = []
        if tag and 0 < line < len(self.starts):
            begin = self.starts[max(line - 6, 0)]
            end = self.starts[line] - 1  # the end of the line
            for m in self._pattern(tag).finditer(self.source, begin, end):
                close = self.source.find(">", m.end())
                if close != -1 and self._line_column(close)[0] == line:
                    found.append(self._line_column(m.start()))
        self._tag_positions[key] = found
        return found

    # --- text -----------------------------------------------------------------------------------
    def walk(self, top: etree._Element, *, tables: bool = True) -> Iterator[_Piece]:
        """Paragraphs (and table rows when ``tables``) of ``top`` in document order, iteratively."""
        buffer: list[str] = []
        owner: etree._Element = top

        def flush() -> Iterator[_Piece]:
            text = _collapse("".join(buffer))
            buffer.clear()
            if text.strip():
                yield _Piece("p", text, owner)

        stack: list[tuple[etree._Element, bool]] = [(top, False)]
        while stack:
            el, closing = stack.pop()
            tag = _tag(el)
            if closing:
                if tag in _BLOCK:
                    yield from flush()
                    owner = el
                if el is not top and el.tail:
                    buffer.append(_norm(el.tail))
                continue
            if tag is None or el in self.skip:
                if el is not top and el.tail:
                    buffer.append(_norm(el.tail))
                continue
            if tag == "br":
                yield from flush()
                owner = el
                if el.tail:
                    buffer.append(_norm(el.tail))
                continue
            if tag in _BLOCK:
                yield from flush()
                owner = el
            if tables and tag == "table" and self._is_data_table(el):
                yield from self._table(el)
                owner = el
                if el is not top and el.tail:
                    buffer.append(_norm(el.tail))
                continue
            if el.text:
                buffer.append(_norm(el.text))
            stack.append((el, True))
            stack.extend((child, False) for child in reversed(el))
        yield from flush()

    def cell_text(self, cell: etree._Element) -> str:
        text = ""
        for piece in self.walk(cell, tables=False):
            part = piece.text.strip()
            if (
                text
                and part
                and text[-1].isascii()
                and text[-1].isalnum()
                and part[0].isascii()
                and part[0].isalnum()
            ):
                text += " "
            text += part
        return text

    # --- tables -----------------------------------------------------------------------------------
    def _rows(self, table: etree._Element) -> list[etree._Element]:
        return [tr for tr in table.iter("tr") if tr not in self.skip]

    def _is_data_table(self, table: etree._Element) -> bool:
        """A table of figures, not a layout table wrapping paragraphs (or other tables)."""
        if any(True for t in table.iter("table") if t is not table):
            return False
        return any(sum(1 for c in tr if _tag(c) in ("td", "th")) >= 2 for tr in self._rows(table))

    def _table(self, table: etree._Element) -> Iterator[_Piece]:
        trs = self._rows(table)
        cells: list[tuple[int, int, str, etree._Element]] = []  # row, first column, text, element
        grid: dict[tuple[int, int], int] = {}  # grid position -> index in cells
        width = 0
        for r, tr in enumerate(trs):
            c = 0
            for cell in tr:
                if _tag(cell) not in ("td", "th") or cell in self.skip:
                    continue
                while (r, c) in grid:
                    c += 1
                colspan = _span(cell.get("colspan"), MAX_SPAN)
                rowspan = _span(cell.get("rowspan"), len(trs) - r, zero_means_all=True)
                if len(grid) + colspan * rowspan > MAX_GRID_CELLS:
                    raise LoadError(
                        "GIP013",
                        f"表格超过 {MAX_GRID_CELLS} 个单元格（第{tr.sourceline}行），已停止读取",
                        f"a table has more than {MAX_GRID_CELLS} cells (line {tr.sourceline}); reading stopped",
                    )
                cells.append((r, c, self.cell_text(cell), cell))
                for dr in range(rowspan):
                    for dc in range(colspan):
                        grid[(r + dr, c + dc)] = len(cells) - 1
                c += colspan
                width = max(width, c)
        columns = _needed_columns(grid, len(cells), width)
        self.page_cells += len(trs) * len(columns)
        if len(trs) * len(columns) > MAX_GRID_CELLS or self.page_cells > MAX_PAGE_CELLS:
            raise LoadError(
                "GIP013",
                f"表格展开后单元格过多（第{table.sourceline}行的表格），已停止读取",
                f"the tables expand to too many cells (table at line {table.sourceline}); reading stopped",
            )
        for r, tr in enumerate(trs):
            row: list[tuple[str, etree._Element]] = []
            for c in columns:
                i = grid.get((r, c))
                if i is None:
                    row.append(("", tr))
                    continue
                r0, c0, text, el = cells[i]
                # The cell's first kept column, by bisection: a scan of the columns for every cell
                # is quadratic in a wide table (0.5 s for two rows of 5,000 cells).
                first = columns[bisect.bisect_left(columns, c0)]
                row.append((text if (r, c) == (r0, first) else "", el))
            yield _Piece("row", element=tr, cells=row)
        yield _Piece("end-table", element=table)

    # --- output -------------------------------------------------------------------------------
    def emit(self, builder: LineBuilder) -> None:
        top = self.body()
        pieces = list(self.walk(top))
        if not any(p.kind == "p" and _is_title(p.text) for p in pieces[:8]):
            title = self._title_before(top)
            if title is not None:
                pieces.insert(0, _Piece("p", self.cell_text(title), title))
        for piece in pieces:
            if piece.kind == "row":
                builder.row([(t, self.origin(el)) for t, el in piece.cells or []])
            elif piece.kind == "end-table":
                builder.blank()
            elif len(piece.text) <= 120 and _FURNITURE.match(piece.text.strip()):
                builder.doc.dropped.append((piece.text.strip(), self.origin(piece.element)))
            else:
                builder.paragraph(piece.text, self.origin(piece.element))
        while builder.doc.lines and builder.doc.lines[-1] == "":
            builder.doc.lines.pop()
            builder.doc.origins.pop()

    def _title_before(self, top: etree._Element) -> etree._Element | None:
        """The nearest title-like element before the body (portals print the title apart)."""
        ancestors = set(top.iterancestors())
        found: etree._Element | None = None
        seen: set[etree._Element] = set()
        for el in self.order:
            if el is top:
                break
            if el not in self.title_hint:
                continue
            block = el  # the title is the whole block, however its text is split into spans
            while _tag(block) not in _BLOCK and (parent := block.getparent()) is not None:
                if parent in ancestors:
                    break
                block = parent
            if block in seen or block in ancestors or self.clean_length.get(block, 0) > 200:
                continue
            seen.add(block)
            if self._skipped(block):
                continue
            text = self.cell_text(block)
            if _is_title(text) and not _FURNITURE.match(text):
                found = block
        return found

    def publication_date(self) -> str | None:
        for meta in self.root.iter("meta"):
            name = (meta.get("name") or meta.get("property") or "").strip().lower()
            if name in _PUB_META:
                date = _date(meta.get("content") or "")
                if date:
                    return date
        text = "\n".join(p.text for p in self._all_text())
        for m in _PUB_LABEL.finditer(text):
            date = _date(text[m.end() : m.end() + 24])
            if date:
                return date
        return None

    def _all_text(self) -> Iterator[_Piece]:
        body = self.root.find("body")
        saved = self.skip
        self.skip = {el for el in saved if _tag(el) in _NEVER_TEXT}
        try:
            yield from self.walk(body if body is not None else self.root, tables=False)
        finally:
            self.skip = saved


def _needed_columns(grid: dict[tuple[int, int], int], n_cells: int, width: int) -> list[int]:
    """The grid columns to keep: a column that every cell covering it shares with a neighbour
    (Word splits a column under one header, then spans both halves everywhere: the 商业企业 column
    of a real table 三 is two grid columns wide in every row) holds nothing of its own."""
    kept_width = [0] * n_cells
    coverage: list[set[int]] = [set() for _ in range(width)]
    for (_r, c), i in grid.items():
        coverage[c].add(i)
    for cov in coverage:
        for i in cov:
            kept_width[i] += 1
    columns: list[int] = []
    for c, cov in enumerate(coverage):
        if cov and all(kept_width[i] >= 2 for i in cov):
            for i in cov:
                kept_width[i] -= 1
            continue
        columns.append(c)
    return columns


def _span(value: str | None, limit: int, *, zero_means_all: bool = False) -> int:
    try:
        n = int((value or "1").strip().rstrip(";"))
    except ValueError:
        return 1
    if n == 0 and zero_means_all:
        return max(limit, 1)
    return min(max(n, 1), max(limit, 1))


def _date(text: str) -> str | None:
    m = _DATE.match(text.strip())
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None
