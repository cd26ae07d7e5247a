"""Word (.docx) reports: paragraphs and tables of the document body, in document order.

The XML is read directly with lxml rather than through python-docx: merged cells must be expanded
by their grid position (python-docx repeats one cell object over a merged range), content controls
and field results must be walked explicitly, and the parser must be one that never resolves
entities, loads DTDs or touches the network.

Decisions a reader of the code needs:

* Only the main document part is read. Headers, footers, footnotes, endnotes and comments are page
  furniture or apparatus, not report text. Text boxes and drawings are skipped too (their text comes
  twice, as DrawingML and as a VML fallback). Hidden runs (``w:vanish``), deleted and moved-away
  revisions and field instructions are not text; field *results* are.
* A paragraph is a line. A manual line break (``w:br``, Shift+Enter, also page breaks) inside a body
  paragraph starts a new line, because a reader sees two lines (the signature over the date is often
  one paragraph). Inside a table cell, paragraphs and breaks are joined into one cell text.
* Automatic numbering (``w:numPr``, direct or through the paragraph style) is not in the text; the
  number is rebuilt from numbering.xml for decimal, Chinese (一、二、… and 〇一二 digit-by-digit),
  circled, letter and roman formats, so ``一、总体情况`` reads the same whether typed or numbered.
  Bullets and other formats add nothing.
* A table's grid is the set of grid columns in which some cell starts; columns no cell starts in
  come from borders that do not line up and would only add empty cells. A horizontal merge
  (``gridSpan``) and a vertical merge (``vMerge``) keep the text in their first grid cell and leave
  the covered cells empty, which is what the text layout B looks like.
* A one-cell table is a frame around content (some portals wrap the whole report in one): its
  content is read as body content. Tables nested in a cell of a real table follow that table.
* Locations: ``第N段`` counts the non-empty paragraphs outside real tables from 1 (Word's paragraph
  statistic skips empty ones too); ``表T 第R行 第C列`` counts tables (frames included) in document
  order, rows as ``w:tr`` elements and columns in the grid above, all from 1.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from giplint.loaders.document import Document, LineBuilder, LoadError, Origin
from giplint.loaders.ziplimits import MAX_MEMBERS, MAX_RATIO, MAX_TOTAL, check_zip

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_PART_BYTES = 64 * 1024 * 1024  # one XML part; the zip check has already bounded the total

_W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = re.compile(r"/officeDocument$")

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")

# Containers whose children are read as if they were in place of the container.
_TRANSPARENT = frozenset(
    {"sdt", "sdtContent", "customXml", "smartTag", "hyperlink", "ins", "moveTo", "dir", "bdo", "fldSimple"}
)
# Elements whose content is never report text.
_SKIPPED = frozenset(
    {
        "del",
        "moveFrom",
        "instrText",
        "delInstrText",
        "drawing",
        "pict",
        "object",
        "rPr",
        "pPr",
        "sdtPr",
        "sdtEndPr",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
        "rt",
        "fldData",
    }
)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def _damaged(detail_zh: str, detail_en: str) -> LoadError:
    return LoadError(
        "GIP001",
        f"文件已损坏，无法读取（{detail_zh}）；请用 Word 打开后重新另存为 .docx",
        f"the file is damaged and cannot be read ({detail_en}); re-save it from Word as .docx",
    )


def load_docx(data: bytes, path: str) -> Document:
    """Read a .docx file; raise LoadError (never anything else) when it cannot be read."""
    if data.startswith(OLE2_MAGIC):
        raise LoadError(
            "GIP011",
            "这是旧版 Word .doc 文件（或其他 OLE2 格式），不是 .docx；请在 Word 中另存为 .docx",
            "this is an old Word .doc file (OLE2), not .docx; save it as .docx in Word",
        )
    if not data.startswith(b"PK"):
        raise _damaged("不是 zip 压缩包", "not a zip archive")
    check_zip(data, max_total=MAX_TOTAL, max_ratio=MAX_RATIO, max_members=MAX_MEMBERS)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            main = _main_part(zf, names)
            if main not in names:
                raise _damaged("缺少 word/document.xml", f"no main document part {main}")
            root = _parse(zf, main)
            folder = posixpath.dirname(main)
            numbering = _optional(zf, names, posixpath.join(folder, "numbering.xml"))
            styles = _optional(zf, names, posixpath.join(folder, "styles.xml"))
    except LoadError:
        raise
    except Exception as exc:  # zipfile raises a zoo of types for damaged archives (CRC, versions...)
        raise _damaged(type(exc).__name__, f"{type(exc).__name__}: {exc}") from exc
    try:
        return _Reader(root, numbering, styles).read()
    except LoadError:
        raise
    except Exception as exc:  # a hostile structure must end as a diagnostic, not a traceback
        raise _damaged("文档结构异常", f"unexpected document structure: {type(exc).__name__}") from exc


def _main_part(zf: zipfile.ZipFile, names: set[str]) -> str:
    """The main document part named by the package relationships, else the usual name."""
    if "_rels/.rels" in names:
        rels = _parse(zf, "_rels/.rels")
        for rel in rels.iter(f"{{{_REL}}}Relationship"):
            if _OFFICE_DOCUMENT.search(rel.get("Type", "")):
                return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    return "word/document.xml"


def _optional(zf: zipfile.ZipFile, names: set[str], name: str) -> etree._Element | None:
    return _parse(zf, name) if name in names else None


def _parse(zf: zipfile.ZipFile, name: str) -> etree._Element:
    with zf.open(name) as fh:
        raw = fh.read(MAX_PART_BYTES + 1)
    if len(raw) > MAX_PART_BYTES:
        raise LoadError(
            "GIP013",
            f"{name} 超过 {MAX_PART_BYTES} 字节的安全上限",
            f"{name} is larger than the {MAX_PART_BYTES}-byte safety limit",
        )
    try:
        tree = etree.parse(io.BytesIO(raw), _parser())
    except etree.XMLSyntaxError as exc:
        text = str(exc)
        if "depth" in text.lower() or "huge" in text.lower() or "amplification" in text.lower():
            raise LoadError(
                "GIP013",
                f"{name} 的 XML 嵌套过深或过大，超出安全限制",
                f"{name}: XML nesting or size beyond the safety limit ({text})",
            ) from exc
        raise _damaged(f"{name} 不是格式正确的 XML", f"{name} is not well-formed XML: {text}") from exc
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        # Office XML never carries a DTD; one here exists to declare entities (billion laughs, XXE).
        raise LoadError(
            "GIP013",
            f"{name} 含有 DOCTYPE/实体声明（Office 文件中不应出现），出于安全原因拒绝读取",
            f"{name} contains a DOCTYPE with entity declarations, which Office files never have; refused for safety",
        )
    return tree.getroot()


# --- numbering ----------------------------------------------------------------------------------
_ZH = "〇一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def _zh_counting(n: int) -> str:
    if n <= 0 or n >= 10000:
        return str(n)
    if n < 10:
        return _ZH[n]
    if n < 20:
        return "十" + (_ZH[n % 10] if n % 10 else "")
    if n < 100:
        return _ZH[n // 10] + "十" + (_ZH[n % 10] if n % 10 else "")
    return "".join(_ZH[int(d)] for d in str(n))  # beyond 99 never occurs in a report's headings


def _roman(n: int) -> str:
    out = []
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def format_number(n: int, fmt: str) -> str | None:
    """Word's rendering of counter ``n`` in ``w:numFmt`` ``fmt``; None for formats not rebuilt."""
    if fmt in ("decimal", "decimalZero"):
        return f"{n:02d}" if fmt == "decimalZero" and n < 10 else str(n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2", "decimalHalfWidth"):
        return (
            str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")) if "Full" in fmt else str(n)
        )
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "chineseLegalSimplified",
    ):
        return _zh_counting(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_ZH[int(d)] for d in str(n))
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt in ("upperLetter", "lowerLetter"):
        s = _letters(n)
        return s if fmt == "upperLetter" else s.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        s = _roman(n)
        return s if fmt == "upperRoman" else s.lower()
    return None


@dataclass(slots=True)
class _Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1


@dataclass(slots=True)
class _Numbering:
    """numbering.xml and the paragraph styles' numbering, with Word's running counters."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    style_num: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)
    style_base: dict[str, str] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)

    @classmethod
    def build(cls, numbering: etree._Element | None, styles: etree._Element | None, w: str) -> _Numbering:
        self = cls()
        if numbering is not None:
            abstract: dict[str, dict[int, _Level]] = {}
            for an in numbering.iter(f"{{{w}}}abstractNum"):
                abstract[an.get(f"{{{w}}}abstractNumId", "")] = {
                    int(lvl.get(f"{{{w}}}ilvl", "0")): _read_level(lvl, w) for lvl in an.iter(f"{{{w}}}lvl")
                }
            for num in numbering.iter(f"{{{w}}}num"):
                ref = num.find(f"{{{w}}}abstractNumId")
                levels = dict(abstract.get(ref.get(f"{{{w}}}val", "") if ref is not None else "", {}))
                for override in num.iter(f"{{{w}}}lvlOverride"):
                    ilvl = int(override.get(f"{{{w}}}ilvl", "0"))
                    base = levels.get(ilvl, _Level())
                    lvl = override.find(f"{{{w}}}lvl")
                    if lvl is not None:
                        base = _read_level(lvl, w)
                    start = override.find(f"{{{w}}}startOverride")
                    if start is not None:
                        base = _Level(base.fmt, base.text, _int(start.get(f"{{{w}}}val"), base.start))
                    levels[ilvl] = base
                self.levels[num.get(f"{{{w}}}numId", "")] = levels
        if styles is not None:
            for style in styles.iter(f"{{{w}}}style"):
                sid = style.get(f"{{{w}}}styleId", "")
                based = style.find(f"{{{w}}}basedOn")
                if based is not None:
                    self.style_base[sid] = based.get(f"{{{w}}}val", "")
                num_pr = style.find(f"{{{w}}}pPr/{{{w}}}numPr")
                if num_pr is not None:
                    self.style_num[sid] = _num_pr(num_pr, w)
        return self

    def prefix(self, p: etree._Element, w: str) -> str:
        num_id, ilvl = None, None
        num_pr = p.find(f"{{{w}}}pPr/{{{w}}}numPr")
        if num_pr is not None:
            num_id, ilvl = _num_pr(num_pr, w)
        style = p.find(f"{{{w}}}pPr/{{{w}}}pStyle")
        sid = style.get(f"{{{w}}}val") if style is not None else None
        seen: set[str] = set()
        while sid and sid not in seen and (num_id is None or ilvl is None):
            seen.add(sid)
            s_num, s_lvl = self.style_num.get(sid, (None, None))
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_lvl
            sid = self.style_base.get(sid)
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        ilvl = min(max(ilvl or 0, 0), 8)
        levels = self.levels[num_id]
        counters = self.counters.setdefault(num_id, [None] * 9)
        current = counters[ilvl]
        counters[ilvl] = levels.get(ilvl, _Level()).start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        level = levels.get(ilvl)
        if level is None or level.fmt in ("bullet", "none"):
            return ""

        def expand(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lvl = levels.get(k, _Level())
            value = counters[k] if counters[k] is not None else lvl.start
            return format_number(value, lvl.fmt) or ""

        if any(
            format_number(1, levels.get(int(k) - 1, _Level()).fmt) is None
            for k in re.findall(r"%([1-9])", level.text)
        ):
            return ""
        return re.sub(r"%([1-9])", expand, level.text)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _read_level(lvl: etree._Element, w: str) -> _Level:
    fmt = lvl.find(f"{{{w}}}numFmt")
    text = lvl.find(f"{{{w}}}lvlText")
    start = lvl.find(f"{{{w}}}start")
    return _Level(
        fmt.get(f"{{{w}}}val", "decimal") if fmt is not None else "decimal",
        text.get(f"{{{w}}}val", "") if text is not None else "",
        _int(start.get(f"{{{w}}}val") if start is not None else None, 1),
    )


def _num_pr(num_pr: etree._Element, w: str) -> tuple[str | None, int | None]:
    num = num_pr.find(f"{{{w}}}numId")
    lvl = num_pr.find(f"{{{w}}}ilvl")
    return (
        num.get(f"{{{w}}}val") if num is not None else None,
        _int(lvl.get(f"{{{w}}}val"), 0) if lvl is not None else None,
    )


# --- the document body --------------------------------------------------------------------------
@dataclass(slots=True)
class _GridCell:
    text: str
    row: int  # 1-based w:tr index
    col: int  # grid column, 0-based before pruning


class _Reader:
    def __init__(self, root: etree._Element, numbering: etree._Element | None, styles: etree._Element | None):
        ns = etree.QName(root).namespace
        if ns not in (_W_TRANSITIONAL, _W_STRICT):
            raise _damaged("主文档不是 WordprocessingML", "the main part is not WordprocessingML")
        self.w = ns
        self.root = root
        self.numbering = _Numbering.build(numbering, styles, ns)
        self.out = LineBuilder("docx", "DOCX")
        self.paragraphs = 0
        self.tables = 0

    def read(self) -> Document:
        body = self.root.find(f"{{{self.w}}}body")
        if body is None:
            raise _damaged("缺少正文", "the document has no body")
        self._blocks(body)
        while self.out.doc.lines and self.out.doc.lines[-1] == "":
            self.out.doc.lines.pop()
            self.out.doc.origins.pop()
        self.out.doc.description = f"DOCX, {self.paragraphs} paragraphs, {self.tables} tables"
        return self.out.doc

    def _local(self, el: etree._Element) -> str | None:
        if not isinstance(el.tag, str):
            return None
        q = etree.QName(el)
        if q.namespace == _MC:
            return "mc:" + q.localname
        return q.localname if q.namespace == self.w else None

    def _children(self, el: etree._Element) -> Iterator[tuple[str, etree._Element]]:
        """Block-level children, looking through content controls and custom XML."""
        for child in el:
            name = self._local(child)
            if name in ("sdt", "sdtContent", "customXml"):
                yield from self._children(child)
            elif name == "mc:AlternateContent":
                fallback = child.find(f"{{{_MC}}}Fallback")
                if fallback is not None:
                    yield from self._children(fallback)
            elif name is not None:
                yield name, child

    def _blocks(self, el: etree._Element) -> None:
        for name, child in self._children(el):
            if name == "p":
                self._paragraph(child)
            elif name == "tbl":
                self._table(child)

    def _paragraph(self, p: etree._Element) -> None:
        text = self.numbering.prefix(p, self.w) + self._runs(p)
        pieces = [s.strip() for s in text.split("\n")]
        if not any(pieces):
            return
        self.paragraphs += 1
        n = self.paragraphs
        for piece in pieces:
            self.out.paragraph(piece, Origin(label=f"第{n}段", label_en=f"paragraph {n}"))

    def _runs(self, p: etree._Element) -> str:
        parts: list[str] = []
        self._collect(p, parts, [])
        return "".join(parts)

    def _collect(self, el: etree._Element, parts: list[str], fields: list[bool]) -> None:
        """Text of a paragraph's content. ``fields`` is a stack of complex fields; True while inside
        one's instruction (between ``begin`` and ``separate``), whose text is never shown."""
        for child in el:
            name = self._local(child)
            if name is None or name in _SKIPPED:
                continue
            if name == "r":
                if self._hidden(child):
                    continue
                self._run(child, parts, fields)
            elif name == "mc:AlternateContent":
                fallback = child.find(f"{{{_MC}}}Fallback")
                if fallback is not None:
                    self._collect(fallback, parts, fields)
            elif name in _TRANSPARENT or name == "ruby" or name == "rubyBase":
                self._collect(child, parts, fields)

    def _hidden(self, run: etree._Element) -> bool:
        vanish = run.find(f"{{{self.w}}}rPr/{{{self.w}}}vanish")
        return vanish is not None and vanish.get(f"{{{self.w}}}val", "true") not in ("0", "false", "off")

    def _run(self, run: etree._Element, parts: list[str], fields: list[bool]) -> None:
        for child in run:
            name = self._local(child)
            if name == "fldChar":
                kind = child.get(f"{{{self.w}}}fldCharType")
                if kind == "begin":
                    fields.append(True)
                elif kind == "separate" and fields:
                    fields[-1] = False
                elif kind == "end" and fields:
                    fields.pop()
                continue
            if any(fields):
                continue
            if name == "t":
                parts.append(child.text or "")
            elif name in ("tab", "ptab"):
                parts.append(" ")  # a TAB would turn prose into a table row
            elif name in ("br", "cr"):
                parts.append("\n")
            elif name == "noBreakHyphen":
                parts.append("-")
            elif name == "ruby":
                base = child.find(f"{{{self.w}}}rubyBase")
                if base is not None:
                    self._collect(base, parts, fields)

    # --- tables -------------------------------------------------------------------------------
    def _rows(self, tbl: etree._Element) -> list[etree._Element]:
        return [el for name, el in self._children(tbl) if name == "tr"]

    def _cells(self, tr: etree._Element) -> list[etree._Element]:
        return [el for name, el in self._children(tr) if name == "tc"]

    def _table(self, tbl: etree._Element) -> None:
        self.tables += 1
        rows = self._rows(tbl)
        if len(rows) == 1 and len(self._cells(rows[0])) == 1:
            self._blocks(self._cells(rows[0])[0])  # a frame around content
            return
        number = self.tables
        grid, nested = self._grid(rows)
        self.out.blank()
        starts = sorted({c.col for row in grid for c in row})
        width = len(starts)
        index = {col: i for i, col in enumerate(starts)}
        for r, row in enumerate(grid, 1):
            line: list[tuple[str, Origin]] = []
            for i in range(width):
                line.append(("", _cell_origin(number, r, i + 1)))
            for cell in row:
                if cell.text and cell.col in index:
                    line[index[cell.col]] = (cell.text, _cell_origin(number, r, index[cell.col] + 1))
            self.out.row(line)
        self.out.blank()
        for inner in nested:
            self._table(inner)

    def _grid(self, rows: list[etree._Element]) -> tuple[list[list[_GridCell]], list[etree._Element]]:
        """Cells by grid column; covered parts of merges are absent, continuation cells empty."""
        w = self.w
        grid: list[list[_GridCell]] = []
        nested: list[etree._Element] = []
        for r, tr in enumerate(rows, 1):
            col = _int(_val(tr.find(f"{{{w}}}trPr/{{{w}}}gridBefore"), w), 0)
            row: list[_GridCell] = []
            for tc in self._cells(tr):
                span = max(1, min(_int(_val(tc.find(f"{{{w}}}tcPr/{{{w}}}gridSpan"), w), 1), 1000))
                vmerge = tc.find(f"{{{w}}}tcPr/{{{w}}}vMerge")
                hmerge = tc.find(f"{{{w}}}tcPr/{{{w}}}hMerge")
                continued = (vmerge is not None and vmerge.get(f"{{{w}}}val", "continue") == "continue") or (
                    hmerge is not None and hmerge.get(f"{{{w}}}val", "continue") == "continue"
                )
                text = "" if continued else self._cell_text(tc, nested)
                row.append(_GridCell(text, r, col))
                col += span
            grid.append(row)
        return grid, nested

    def _cell_text(self, tc: etree._Element, nested: list[etree._Element]) -> str:
        pieces: list[str] = []
        for name, child in self._children(tc):
            if name == "p":
                text = self.numbering.prefix(child, self.w) + self._runs(child)
                pieces.extend(s.strip() for s in text.split("\n"))
            elif name == "tbl":
                nested.append(child)
        return _join([s for s in pieces if s])


def _val(el: etree._Element | None, w: str) -> str | None:
    return el.get(f"{{{w}}}val") if el is not None else None


def _join(pieces: list[str]) -> str:
    """Lines of one cell as one text: no space between Chinese characters (商业 / 企业 is 商业企业)."""
    out = ""
    for piece in pieces:
        if out and not (_CJK.match(out[-1]) or _CJK.match(piece[0])):
            out += " "
        out += piece
    return out


def _cell_origin(table: int, row: int, col: int) -> Origin:
    return Origin(label=f"表{table} 第{row}行 第{col}列", label_en=f"table {table}, row {row}, column {col}")
