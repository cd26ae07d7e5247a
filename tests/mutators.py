"""Mutations of reports for fuzzing giplint (tests/test_fuzz.py and the long run in bench/fuzz.py).

Each mutator takes a ``random.Random`` and the input and returns a damaged copy; they never raise.
Text mutators work on the decoded report (or on HTML markup) and aim at what agencies' files
really get wrong — lost, doubled and swapped lines, cut uploads, stray control and full-width
characters, changed figures, table cells out of place — plus some things no agency does (a
100,000-character run, 2,000 nested ``<div>``) to reach the parser's corners. Byte mutators
damage encoded files (bit flips, cut multi-byte sequences, foreign magic numbers). DOCX mutators
edit ``word/document.xml`` inside the zip: merges with absurd spans, cells and rows dropped or
doubled, text mutated in place.

Inputs come from :func:`sources`: generated reports, the examples, and ``../shared/seeds`` when
present (read at run time only, never copied into the repository).
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from giplint.reportgen import DEFECTS, generate

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SEEDS = REPO.parent / "shared" / "seeds"

TextMutator = Callable[[random.Random, str], str]
BytesMutator = Callable[[random.Random, bytes], bytes]

# Characters that mean something to giplint's classifier, parser and rules, and characters that
# break naive code: NUL and other controls, Unicode line separators (str.splitlines breaks on
# them, str.split("\n") does not), BOMs, combining marks, surrogate-free astral characters.
_JUNK = [
    "\x00",
    "\x01",
    "\x07",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1e",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffd",
    "\u200b",
    "\u202e",
    "\u0301",
    "\u3000",
    "\t",
    "\r",
    "\r\n",
    "\n\n\n",
    " ",
    "　　",
    "|",
    "｜",
    "一",
    "〇",
    "零",
    "十",
    "百",
    "千",
    "万",
    "亿",
    "年",
    "月",
    "日",
    "号",
    "件",
    "条",
    "项",
    "个",
    "。",
    "，",
    "、",
    "；",
    "：",
    "（",
    "）",
    "(",
    ")",
    "“",
    "”",
    "《",
    "》",
    "〔",
    "〕",
    "【",
    "】",
    "…",
    "——",
    "-",
    "－",
    ".",
    "．",
    "%",
    "％",
    "0",
    "1",
    "9",
    "０",
    "１",
    "９",
    "①",
    "Ⅳ",
    "½",
    "²",
    "٣",
    "𝟘",
    "𠀀",
    "😀",
    "Ａ",
    "ｚ",
    "<",
    ">",
    "&",
    "&nbsp;",
    "&#0;",
    "[",
    "]",
    "{",
    "}",
    "\\",
    "$",
    "^",
    "*",
    "?",
    "+",
]
_WORDS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "（一）",
    "（七）总计",
    "1.",
    "第二十条第（一）项",
    "信息内容",
    "本年制发件数",
    "行政规范性文件",
    "行政事业性收费",
    "本年新收政府信息公开申请数量",
    "上年结转政府信息公开申请数量",
    "结转下年度继续办理",
    "申请人情况",
    "自然人",
    "商业企业",
    "总计",
    "行政复议",
    "行政诉讼",
    "结果维持",
    "尚未审结",
    "政府信息公开工作年度报告",
    "2022年政府信息公开工作年度报告",
    "2023年1月1日至2023年12月31日",
    "二〇二三年十二月三十一日",
    "2023年13月45日",
    "2023-02-30",
    "2023.1.1",
    "2023年",
    "9999年",
    "0年",
    "上年",
    "本年度",
    "共受理",
    "予以公开",
    "不予公开",
    "无法提供",
    "不予处理",
    "收费",
    "万元",
    "XXX",
    "××",
    "此处填写",
    "青禾市云溪区人民政府办公室",
    "白石县交通运输局",
    "20",
    "2023",
    "-1",
    "1e9",
    "99999999999999999999999999999999",
    "1,234",
    "１２３",
    "3.5",
    "一百二十三",
    "零",
]
_NUMBERS = [
    "0",
    "1",
    "-1",
    "7",
    "12",
    "100",
    "2022",
    "2023",
    "65536",
    "10" * 20,
    "1.5",
    "０",
    "１２",
    "一百",
    "",
    "Ｏ",
    "O",
    "l",
]
_DIGITS = re.compile(r"[0-9０-９]+")
_CELL_SEP = re.compile(r"\t|\||｜| {2,}|\u3000+")


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _pick_line(rng: random.Random, lines: list[str]) -> int:
    return rng.randrange(len(lines)) if lines else 0


def delete_lines(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i = _pick_line(rng, lines)
    n = rng.choice([1, 1, 1, 2, 5, 20])
    del lines[i : i + n]
    return "\n".join(lines)


def duplicate_lines(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i = _pick_line(rng, lines)
    block = lines[i : i + rng.choice([1, 1, 3, 30, 200])]
    j = _pick_line(rng, lines)
    lines[j:j] = block
    return "\n".join(lines)


def repeat_line(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    i = _pick_line(rng, lines)
    lines[i:i] = lines[i : i + 1] * rng.choice([2, 10, 300])
    return "\n".join(lines)


def swap_lines(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    if len(lines) < 2:
        return text
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def shuffle_lines(rng: random.Random, text: str) -> str:
    """A page of the report out of order: a block of lines shuffled."""
    lines = _lines(text)
    i = _pick_line(rng, lines)
    block = lines[i : i + rng.choice([3, 10, 40])]
    rng.shuffle(block)
    lines[i : i + len(block)] = block
    return "\n".join(lines)


def truncate(rng: random.Random, text: str) -> str:
    return text[: rng.randrange(len(text) + 1)]


def insert_junk(rng: random.Random, text: str) -> str:
    junk = "".join(rng.choice(_JUNK) for _ in range(rng.choice([1, 1, 2, 5, 30])))
    i = rng.randrange(len(text) + 1)
    return text[:i] + junk + text[i:]


def insert_word(rng: random.Random, text: str) -> str:
    i = rng.randrange(len(text) + 1)
    return text[:i] + rng.choice(_WORDS) + text[i:]


def replace_word(rng: random.Random, text: str) -> str:
    """A heading, label or date swapped for another one (a part renamed, a row label changed)."""
    present = [w for w in _WORDS if len(w) > 1 and w in text]
    if not present:
        return insert_word(rng, text)
    old = rng.choice(present)
    starts = [m.start() for m in re.finditer(re.escape(old), text)]
    i = rng.choice(starts)
    return text[:i] + rng.choice(_WORDS) + text[i + len(old) :]


def long_run(rng: random.Random, text: str) -> str:
    """A run of one character or a short unit, long enough to expose super-linear code."""
    unit = rng.choice([*_JUNK[:40], "1", "一", "年", "。", " ", "2023年", "一、", "（一）", "1 ", "\t0"])
    i = rng.randrange(len(text) + 1)
    return text[:i] + unit * rng.choice([100, 1000, 20_000]) + text[i:]


def change_digits(rng: random.Random, text: str) -> str:
    runs = list(_DIGITS.finditer(text))
    if not runs:
        return insert_word(rng, text)
    chosen = {m.start() for m in rng.sample(runs, min(len(runs), rng.choice([1, 1, 3, 10])))}
    return _DIGITS.sub(lambda m: rng.choice(_NUMBERS) if m.start() in chosen else m.group(), text)


def shuffle_cells(rng: random.Random, text: str) -> str:
    """A table row with its cells shuffled, one dropped, or one added."""
    lines = _lines(text)
    rows = [i for i, ln in enumerate(lines) if _CELL_SEP.search(ln)]
    if not rows:
        return swap_lines(rng, text)
    i = rng.choice(rows)
    sep = _CELL_SEP.search(lines[i]).group()  # type: ignore[union-attr]
    cells = _CELL_SEP.split(lines[i])
    action = rng.choice(["shuffle", "drop", "add", "empty"])
    if action == "shuffle":
        rng.shuffle(cells)
    elif action == "drop" and cells:
        del cells[rng.randrange(len(cells))]
    elif action == "add":
        cells.insert(rng.randrange(len(cells) + 1), rng.choice(_NUMBERS + _WORDS))
    elif cells:
        cells[rng.randrange(len(cells))] = ""
    lines[i] = sep.join(cells)
    return "\n".join(lines)


def fullwidth_line(rng: random.Random, text: str) -> str:
    """ASCII of a line turned full-width, or full-width turned ASCII (a different input method)."""
    lines = _lines(text)
    i = _pick_line(rng, lines)
    if not lines:
        return text
    line = lines[i]
    if rng.random() < 0.5:
        lines[i] = "".join(
            chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("\u3000" if c == " " else c) for c in line
        )
    else:
        lines[i] = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in line)
    return "\n".join(lines)


def join_lines(rng: random.Random, text: str) -> str:
    positions = [m.start() for m in re.finditer("\n", text)]
    if not positions:
        return text
    for i in sorted(rng.sample(positions, min(len(positions), rng.choice([1, 1, 5, 50]))), reverse=True):
        text = text[:i] + rng.choice(["", " ", "\t"]) + text[i + 1 :]
    return text


def split_line(rng: random.Random, text: str) -> str:
    i = rng.randrange(len(text) + 1)
    return text[:i] + rng.choice(["\n", "\r\n", "\r", "\n\n", "\u2028"]) + text[i:]


def line_endings(rng: random.Random, text: str) -> str:
    return text.replace("\n", rng.choice(["\r\n", "\r", "\n\r", "\u2028", "\x85"]))


def strip_indent(rng: random.Random, text: str) -> str:
    """Tables flattened: every tab or run of spaces in a region replaced by one space or nothing."""
    i = rng.randrange(len(text) + 1)
    j = min(len(text), i + rng.choice([200, 2000, 20000]))
    return text[:i] + _CELL_SEP.sub(rng.choice(["", " ", "\t"]), text[i:j]) + text[j:]


TEXT_MUTATORS: dict[str, TextMutator] = {
    f.__name__: f
    for f in (
        delete_lines,
        duplicate_lines,
        repeat_line,
        swap_lines,
        shuffle_lines,
        truncate,
        insert_junk,
        insert_word,
        replace_word,
        long_run,
        change_digits,
        shuffle_cells,
        fullwidth_line,
        join_lines,
        split_line,
        line_endings,
        strip_indent,
    )
}


# --- markup ---------------------------------------------------------------------------------------
_TAG = re.compile(r"<[^<>]{0,300}>")
_SPAN = re.compile(r'(rowspan|colspan)="?\d+"?', re.I)
_CHARSET = re.compile(r"charset=[\"']?[\w-]+", re.I)


def drop_tags(rng: random.Random, html: str) -> str:
    tags = list(_TAG.finditer(html))
    for m in sorted(rng.sample(tags, min(len(tags), rng.choice([1, 5, 50]))), key=lambda m: -m.start()):
        html = html[: m.start()] + html[m.end() :]
    return html


def nest_deep(rng: random.Random, html: str) -> str:
    tag = rng.choice(["div", "span", "table", "td", "p", "b", "font"])
    n = rng.choice([10, 500, 5000])
    i = rng.randrange(len(html) + 1)
    j = rng.randrange(i, len(html) + 1)
    closes = f"</{tag}>" * (n if rng.random() < 0.7 else 0)
    return html[:i] + f"<{tag}>" * n + html[i:j] + closes + html[j:]


def change_spans(rng: random.Random, html: str) -> str:
    spans = list(_SPAN.finditer(html))
    if not spans:
        return drop_tags(rng, html)
    m = rng.choice(spans)
    value = rng.choice(["0", "-1", "1", "2", "40", "1000", "65534", "99999999", "x", '"', ""])
    return html[: m.start()] + f'{m.group(1)}="{value}"' + html[m.end() :]


def add_span(rng: random.Random, html: str) -> str:
    cells = [m.end() - 1 for m in re.finditer(r"<t[dh]\b[^>]*>", html)]
    if not cells:
        return nest_deep(rng, html)
    i = rng.choice(cells)
    attr = f' {rng.choice(["rowspan", "colspan"])}="{rng.choice([2, 9, 300, 5000])}"'
    return html[:i] + attr + html[i:]


def change_charset(rng: random.Random, html: str) -> str:
    value = rng.choice(["gbk", "utf-16", "big5", "latin-1", "x-unknown", "utf-8", "", "gb2312;charset=utf-8"])
    if _CHARSET.search(html):
        return _CHARSET.sub(f"charset={value}", html, count=1)
    return f'<meta charset="{value}">' + html


def insert_markup(rng: random.Random, html: str) -> str:
    junk = rng.choice(
        [
            "<table>",
            "</table>",
            "<tr>",
            "</tr>",
            "<td>",
            "</td>",
            "<td colspan=3>",
            "<br>",
            "<p>",
            "</p>",
            "<!--",
            "-->",
            "<![CDATA[",
            "<script>",
            "</script>",
            "<style>",
            "&#xD800;",
            "&#99999999;",
            "&#0;",
            "&nbsp;",
            "&amp",
            "<?xml version='1.0'?>",
            "<!DOCTYPE html>",
            "<svg><text>一</text></svg>",
            "<table><tr><td><table><tr><td>1</td></tr></table></td></tr></table>",
        ]
    )
    i = rng.randrange(len(html) + 1)
    return html[:i] + junk + html[i:]


HTML_MUTATORS: dict[str, TextMutator] = {
    **{f"text.{k}": v for k, v in TEXT_MUTATORS.items()},
    **{
        f.__name__: f
        for f in (drop_tags, nest_deep, change_spans, add_span, change_charset, insert_markup, insert_markup)
    },
}


# --- DOCX -------------------------------------------------------------------------------------------
_W_ATTR = re.compile(r'(w:gridSpan|w:vMerge|w:gridCol|w:w|w:val)( w:(?:val|w))?="[^"]*"')
_ELEMENT = re.compile(r"<w:(tc|tr|p|r|tbl)\b[^>]*>.*?</w:\1>", re.S)


def docx_change_attr(rng: random.Random, xml: str) -> str:
    attrs = list(re.finditer(r"<w:(gridSpan|vMerge|gridCol|tcW|jc|numId|ilvl)\b[^>]*?/>", xml))
    if not attrs:
        return docx_drop_element(rng, xml)
    m = rng.choice(attrs)
    tag = m.group(1)
    value = rng.choice(["0", "-1", "2", "30", "9999", "restart", "continue", "x", ""])
    return xml[: m.start()] + f'<w:{tag} w:val="{value}"/>' + xml[m.end() :]


def docx_add_merge(rng: random.Random, xml: str) -> str:
    cells = [m.end() for m in re.finditer(r"<w:tcPr>", xml)]
    if not cells:
        return docx_drop_element(rng, xml)
    i = rng.choice(cells)
    merge = rng.choice(
        ['<w:gridSpan w:val="5"/>', '<w:gridSpan w:val="500"/>', '<w:vMerge w:val="restart"/>', "<w:vMerge/>"]
    )
    return xml[:i] + merge + xml[i:]


def docx_drop_element(rng: random.Random, xml: str) -> str:
    found = list(_ELEMENT.finditer(xml))
    if not found:
        return xml
    m = rng.choice(found)
    return xml[: m.start()] + xml[m.end() :]


def docx_duplicate_element(rng: random.Random, xml: str) -> str:
    found = list(_ELEMENT.finditer(xml))
    if not found:
        return xml
    m = rng.choice(found)
    return xml[: m.end()] + m.group() * rng.choice([1, 2, 30]) + xml[m.end() :]


def docx_mutate_text(rng: random.Random, xml: str) -> str:
    """A text mutator applied to the content of one ``<w:t>`` run (keeps the XML well formed)."""
    runs = list(re.finditer(r"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)", xml))
    if not runs:
        return xml
    m = rng.choice(runs)
    name = rng.choice(
        ["insert_junk", "insert_word", "change_digits", "truncate", "long_run", "fullwidth_line"]
    )
    new = TEXT_MUTATORS[name](rng, m.group(2))
    new = "".join(c for c in new if c in "\t\n\r" or (c >= " " and c not in "\ufffe\uffff"))
    escaped = new.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return xml[: m.start(2)] + escaped + xml[m.end(2) :]


def docx_break_xml(rng: random.Random, xml: str) -> str:
    """Raw text damage to the XML: usually not well-formed any more."""
    return TEXT_MUTATORS[rng.choice(["truncate", "insert_junk", "delete_lines", "insert_word"])](rng, xml)


DOCX_MUTATORS: dict[str, TextMutator] = {
    f.__name__: f
    for f in (
        docx_change_attr,
        docx_add_merge,
        docx_drop_element,
        docx_duplicate_element,
        docx_mutate_text,
        docx_mutate_text,
        docx_break_xml,
    )
}


def mutate_docx(data: bytes, plan: list[tuple[str, int]]) -> bytes:
    """``data`` with ``word/document.xml`` edited by the named DOCX mutators; other parts kept."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        xml = src.read("word/document.xml").decode("utf-8")
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError):
        return data
    for name, seed in plan:
        xml = DOCX_MUTATORS[name](random.Random(seed), xml)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            payload = (
                xml.encode("utf-8", "surrogatepass")
                if info.filename == "word/document.xml"
                else src.read(info)
            )
            dst.writestr(info, payload)
    return out.getvalue()


# --- bytes --------------------------------------------------------------------------------------------
_MAGIC = [
    b"\x00",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xc3",
    b"\xe4\xb8",
    b"\xc3\x28",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"PK\x03\x04",
    b"%PDF-1.7\n",
    b"<html>",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"\x89PNG\r\n\x1a\n",
    b"\r\n",
    b"\x1a",
]


def flip_bits(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    out = bytearray(data)
    for _ in range(rng.choice([1, 1, 4, 32])):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def insert_bytes(rng: random.Random, data: bytes) -> bytes:
    chunk = rng.choice(_MAGIC) if rng.random() < 0.7 else rng.randbytes(rng.choice([1, 3, 64]))
    i = rng.randrange(len(data) + 1)
    return data[:i] + chunk + data[i:]


def delete_bytes(rng: random.Random, data: bytes) -> bytes:
    i = rng.randrange(len(data) + 1)
    return data[:i] + data[i + rng.choice([1, 2, 3, 100, 4096]) :]


def truncate_bytes(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def overwrite_bytes(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return data
    i = rng.randrange(len(data))
    chunk = rng.randbytes(min(len(data) - i, rng.choice([1, 8, 256])))
    return data[:i] + chunk + data[i + len(chunk) :]


BYTES_MUTATORS: dict[str, BytesMutator] = {
    f.__name__: f for f in (flip_bits, insert_bytes, delete_bytes, truncate_bytes, overwrite_bytes)
}

ENCODINGS = ("utf-8", "utf-8", "utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "big5")


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding, "replace" if encoding not in ("utf-8", "utf-8-sig") else "surrogatepass")


def apply_text(text: str, plan: list[tuple[str, int]], table: dict[str, TextMutator] = TEXT_MUTATORS) -> str:
    for name, seed in plan:
        text = table[name](random.Random(seed), text)
    return text


def apply_bytes(data: bytes, plan: list[tuple[str, int]]) -> bytes:
    for name, seed in plan:
        data = BYTES_MUTATORS[name](random.Random(seed), data)
    return data


def splice(rng: random.Random, a: str, b: str) -> str:
    """The head of one report and the tail of another (two uploads glued, a page from elsewhere)."""
    la, lb = _lines(a), _lines(b)
    return "\n".join(la[: rng.randrange(len(la) + 1)] + lb[rng.randrange(len(lb) + 1) :])


# --- inputs ---------------------------------------------------------------------------------------------
def generated(seed: int) -> str:
    """A generated report; the seed also picks layout, size, year, line endings and maybe a defect."""
    rng = random.Random(seed)
    defect = rng.choice(sorted(DEFECTS)) if rng.random() < 0.3 else None
    return generate(
        seed,
        layout=rng.choice(["A", "B"]),
        year=rng.choice([None, 2021, 2023, 2024]),
        issuer_kind=rng.choice(["department", "government"]),
        defect=defect,
        crlf=rng.random() < 0.1,
        size=rng.choices(["small", "typical", "large"], weights=[5, 4, 1])[0],
    ).text


def example_texts() -> list[str]:
    return [p.read_text("utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]


def seed_texts() -> list[str]:
    """The real reports in ../shared/seeds; empty when that directory is absent."""
    if not SEEDS.is_dir():
        return []
    return [p.read_text("utf-8", errors="replace") for p in sorted(SEEDS.glob("*.txt"))]


def sources(n_generated: int = 20) -> Iterator[str]:
    yield from example_texts()
    yield from seed_texts()
    for i in range(n_generated):
        yield generated(i)
