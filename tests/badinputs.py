"""Builders for the bad-input corpus (tests/test_bad_inputs.py): each returns the bytes of one
broken, hostile or strange file, generated on the fly so that nothing large is committed.

Reports come from :mod:`giplint.reportgen` (fictional agencies), rendered with the test renderers
where a format is needed.
"""

from __future__ import annotations

import io
import random
import zipfile

from giplint.reportgen import generate

# A report with every table and part; the same seed gives the same text on every run.
SEED = 6


def report_text(seed: int = SEED, layout: str = "A") -> str:
    return generate(seed, layout=layout).text


def report_lines(seed: int = SEED) -> list[str]:
    return report_text(seed).split("\n")


def first_line(lines: list[str], prefix: str, start: int = 0) -> int:
    """Index of the first line from ``start`` whose stripped text starts with ``prefix``."""
    return next(i for i in range(start, len(lines)) if lines[i].strip().startswith(prefix))


def part_bounds(lines: list[str], number: str) -> tuple[int, int]:
    """Line indexes [start, end) of part ``number`` (``三``): from its heading to the next one."""
    order = "一二三四五六"
    # at the margin: table 三's row labels (	三、本年度办理结果) start with the same numerals
    start = next(i for i, ln in enumerate(lines) if ln.startswith(f"{number}、"))
    following = order[order.index(number) + 1 :]
    end = next(
        (i for i in range(start + 1, len(lines)) if any(lines[i].startswith(f"{n}、") for n in following)),
        len(lines),
    )
    return start, end


def binary_garbage(size: int = 4096) -> bytes:
    return random.Random(SEED).randbytes(size)


def with_nul() -> bytes:
    """A valid UTF-8 report with one NUL byte inside a paragraph of part 一."""
    lines = report_lines()
    i = first_line(lines, "一、") + 2
    lines[i] = lines[i][:10] + "\x00" + lines[i][10:]
    return "\n".join(lines).encode("utf-8")


def with_invalid_utf8() -> bytes:
    """A UTF-8 report with two bytes that are not UTF-8 in the middle of a paragraph."""
    lines = report_lines()
    i = first_line(lines, "一、") + 2
    head = "\n".join(lines[:i]).encode("utf-8") + b"\n" + lines[i][:12].encode("utf-8")
    tail = lines[i][12:].encode("utf-8") + b"\n" + "\n".join(lines[i + 1 :]).encode("utf-8")
    return head + b"\xff\xfe" + tail


def truncated_in_table3(row: str = "1.属于国家秘密", keep: int = 3) -> str:
    """The report cut off in the middle of table 三: ``keep`` lines from the label ``row`` on (in
    layout A each cell is a line, so the cut falls inside the row)."""
    lines = report_lines()
    start, _ = part_bounds(lines, "三")
    cut = first_line(lines, row, start)
    return "\n".join(lines[: cut + keep]) + "\n"


def without_tables() -> str:
    """Parts 二, 三 and 四 reduced to their headings: they hold the three tables and nothing else."""
    lines = report_lines()
    for number in "四三二":  # from the last, so that earlier bounds stay valid
        start, end = part_bounds(lines, number)
        lines[start + 1 : end] = [""]
    return "\n".join(lines) + "\n"


def tables_only() -> str:
    """Only the title, the part headings and the tables: no paragraph of prose anywhere."""
    lines = report_lines()
    headings = tuple(f"{n}、" for n in "一二三四五六")
    # Prose lines are long and start at the margin; table cells start with a TAB, and the second
    # line of a wrapped cell (商业 / 企业) is a word or two.
    keep = [lines[0]] + [ln for ln in lines[1:] if ln.startswith(("\t", *headings)) or len(ln.strip()) <= 6]
    return "\n".join(keep) + "\n"


def part_twice(number: str = "二") -> str:
    """Part ``number`` (heading, prose and table) repeated right after itself."""
    lines = report_lines()
    start, end = part_bounds(lines, number)
    return "\n".join(lines[:end] + lines[start:end] + lines[end:]) + "\n"


def two_reports() -> str:
    """Two different agencies' reports one after the other in one file."""
    return report_text(SEED) + "\n" + report_text(SEED + 1)


def xlsx() -> bytes:
    """A minimal Excel workbook (what agencies keep their statistics in)."""
    buf = io.BytesIO()
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main"><sheets><sheet name="表三" sheetId="1"/></sheets></workbook>',
        "xl/worksheets/sheet1.xml": '<?xml version="1.0"?><worksheet xmlns="http://schemas.'
        'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>7</v></c>'
        "</row></sheetData></worksheet>",
    }
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in parts.items():
            zf.writestr(name, xml)
    return buf.getvalue()


def big_text(size: int) -> bytes:
    """Exactly ``size`` bytes of UTF-8: reports one after another, cut to the byte at a line end."""
    unit = (report_text() + "\n").encode("utf-8")
    data = unit * (size // len(unit)) + b"\n" * (size % len(unit))
    assert len(data) == size
    return data


def long_table(rows: int = 100_000) -> str:
    """A report whose table 二 is followed by ``rows`` more TAB-separated rows of figures."""
    lines = report_lines()
    _, end = part_bounds(lines, "二")
    extra = [f"\t行政许可{i}\t{i % 97}" for i in range(rows)]
    return "\n".join(lines[:end] + extra + lines[end:]) + "\n"


def long_line(size: int = 1024 * 1024) -> str:
    """One line of ``size`` characters of Chinese prose with no line break at all."""
    sentence = "本年度我区持续推进政府信息公开工作，"
    return (sentence * (size // len(sentence) + 1))[:size]


def deep_html(levels: int = 100_000) -> bytes:
    return (
        "<html><body>" + "<div>" * levels + "政府信息公开" + "</div>" * levels + "</body></html>"
    ).encode()


def navigation_page() -> bytes:
    """A portal page with menus, breadcrumbs and a footer, and no report in it."""
    items = [
        "首页",
        "政务公开",
        "政府信息公开指南",
        "政府信息公开制度",
        "法定主动公开内容",
        "政府信息公开年报",
        "依申请公开",
    ]
    menu = "".join(f'<li><a href="/{i}">{t}</a></li>' for i, t in enumerate(items))
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>青禾市云溪区人民政府 政务公开</title></head>'
        f'<body><div class="header"><ul class="nav">{menu}</ul></div>'
        '<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>'
        f'<div class="left"><ul>{menu}</ul></div>'
        '<div class="footer">主办：青禾市云溪区人民政府办公室 版权所有 备案号：青ICP备00000000号</div>'
        "</body></html>"
    ).encode()


def _replace_members(docx: bytes, members: dict[str, bytes]) -> bytes:
    """``docx`` with some members replaced or added (written streaming, so a bomb costs no memory)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename not in members:
                dst.writestr(info, src.read(info))
        for name, data in members.items():
            dst.writestr(name, data)
    return out.getvalue()


def docx_zip_bomb(docx: bytes, megabytes: int = 300) -> bytes:
    """A real report's .docx carrying an extra member that inflates from ~300 KB to ``megabytes``."""
    out = io.BytesIO(_replace_members(docx, {}))
    with (
        zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as zf,
        zf.open("word/media/image1.png", "w", force_zip64=True) as fh,
    ):
        chunk = bytes(1024 * 1024)
        for _ in range(megabytes):
            fh.write(chunk)
    return out.getvalue()


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10)
    )
    + ']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)


def docx_entity_bomb(docx: bytes) -> bytes:
    return _replace_members(docx, {"word/document.xml": BILLION_LAUGHS.encode("utf-8")})


def pdf_without_text() -> bytes:
    """A one-page PDF with a drawn rectangle and no text at all, as a scan without OCR looks."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=True)
    c.rect(72, 72, 300, 500, stroke=1, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()
