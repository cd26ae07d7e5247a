"""Render a plain-text report (layout A or B) as the web page a government portal would publish.

Deterministic: the same text always gives the same bytes. The page wraps the report in realistic
chrome (site header and navigation, 当前位置 breadcrumb, a sidebar listing other years' reports,
a title block with 发布时间/来源/字号/打印, 附件下载, a footer with 主办单位/ICP备案/联系方式, scripts)
and renders the three tables the way portals do: one ``<table>`` each, table 三 with the
申请人情况/自然人/法人或其他组织 header spans and category labels spanning their rows (三、本年度办理结果
rowspan=22, （三）不予公开 rowspan=8 …), table 四 with its three header rows, table 二 as one table
with a caption row per 第二十条 sub-table and the single-value rows' values spanning to the edge.
Spans are only ever laid over cells that are empty in the text, so a loader that expands them
into empty cells reads the same figures back.
"""

from __future__ import annotations

import html
import re

from giplint.classify import classify
from giplint.loaders.text import split_lines
from giplint.model import Line
from giplint.tables import rows_from_lines, split_into_tables, type_cell
from giplint.textkey import text_key

SITE = "青禾市云溪区人民政府"
_T3_HEADER = [
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
]
_T4_HEADER = [
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
]
_T4_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
_TABLE_KINDS = ("C", "O", "E", "R")
_TOP_LABEL = re.compile(r"^[一二三四五六七八九十]{1,2}\s*[、.．]")


def to_html(text: str, *, chrome: bool = True, charset: str = "utf-8", pubdate: str | None = None) -> bytes:
    """The page for ``text``; ``charset`` is both declared and used (``gb2312`` encodes as GB18030)."""
    lines, _ = classify(split_lines(text))
    title, body = _body(lines, separate_title=chrome)
    page = _page(title, body, charset, pubdate) if chrome else _bare(body, charset)
    codec = "gb18030" if charset.lower() in ("gb2312", "gbk", "gb18030") else charset
    return page.encode(codec)


def _e(text: str) -> str:
    """Escaped text; runs of spaces kept visible as the editors of portals keep them (&nbsp;)."""
    return html.escape(text, quote=False).replace("  ", " &nbsp;")


# --- body ---------------------------------------------------------------------------------------
def _body(lines: list[Line], *, separate_title: bool) -> tuple[str | None, list[str]]:
    out: list[str] = []
    title: str | None = None
    visible = [ln for ln in lines if ln.kind != "B"]
    titles = [ln for ln in visible if ln.kind == "T"]
    if separate_title and len(titles) == 1 and visible and visible[0] is titles[0]:
        title = titles[0].text.strip()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind in _TABLE_KINDS:
            j = i
            while j < len(lines) and lines[j].kind in (*_TABLE_KINDS, "B"):
                j += 1  # blank lines between the rows of layout A belong to the table
            while lines[j - 1].kind == "B":
                j -= 1
            out.extend(_tables(lines[i:j]))
            i = j
            continue
        i += 1
        text = line.text.strip()
        if line.kind == "B" or (title is not None and line.kind == "T"):
            continue
        if line.kind == "T":
            out.append(
                f'<p class="MsoTitle" align="center" style="text-align:center"><strong>{_e(text)}</strong></p>'
            )
        elif line.kind == "H":
            out.append(
                f'<p class="MsoNormal" style="text-indent:2em"><strong><span style="font-family:黑体">{_e(text)}</span></strong></p>'
            )
        elif line.kind == "K":
            closing = [text]
            while i < len(lines) and lines[i].kind in ("K", "B"):
                if lines[i].kind == "K":
                    closing.append(lines[i].text.strip())
                i += 1
            inner = "<br>\n".join(_e(t) for t in closing)  # one paragraph, a line break per line
            out.append(f'<p class="MsoNormal" align="right" style="text-align:right">{inner}</p>')
        else:
            out.append(
                f'<p class="MsoNormal" style="text-indent:2em"><span style="font-family:仿宋_GB2312">{_e(text)}</span><o:p></o:p></p>'
            )
    return title, out


# --- tables -------------------------------------------------------------------------------------
class _Cell:
    __slots__ = ("colspan", "rowspan", "text")

    def __init__(self, text: str, colspan: int = 1) -> None:
        self.text = text
        self.colspan = colspan
        self.rowspan = 1


def _tables(lines: list[Line]) -> list[str]:
    out: list[str] = []
    for kind, rows in split_into_tables(rows_from_lines(lines)):
        texts = [[c.text.strip() for c in row.cells] for row in rows]
        if kind == 3:
            grid = _table3(texts)
        elif kind == 4:
            grid = _table4(texts)
        else:
            grid = _generic(texts, pad_labels=False)
        out.append(_table_html(grid, kind))
    return out


def _table_html(grid: list[list[_Cell]], kind: int | None) -> str:
    parts = [
        f'<div align="center"><table class="MsoNormalTable table{kind or 0}" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse">',
        "<tbody>",
    ]
    for row in grid:
        tds = []
        for cell in row:
            attrs = ""
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            tds.append(
                f'<td{attrs} valign="center"><p class="MsoNormal" align="center"><span>{_e(cell.text)}</span></p></td>'
            )
        parts.append("<tr>\n" + "\n".join(tds) + "\n</tr>")
    parts.append("</tbody></table></div>")
    return "\n".join(parts)


def _split(cells: list[str]) -> tuple[list[str], list[str]]:
    """Label cells and the run of value cells at the right (numbers, placeholders, blanks inside)."""
    cells = list(cells)
    while cells and not cells[-1]:
        cells.pop()
    k = len(cells)
    while k > 0 and (not cells[k - 1] or type_cell(cells[k - 1])[0] != "text"):
        k -= 1
    while k < len(cells) and not cells[k]:
        k += 1
    labels = cells[:k]
    while labels and not labels[-1]:
        labels.pop()
    return labels, cells[k:]


def _generic(
    rows: list[list[str]], *, pad_labels: bool, label_cols: int = 0, width: int = 0
) -> list[list[_Cell]]:
    """Rows with the last label (``pad_labels``) or the last cell spanning to the table's width."""
    split = [_split(r) for r in rows]
    width = max(
        [width] + [len(lab) + len(val) for lab, val in split] + [label_cols + len(val) for _, val in split]
    )
    grid: list[list[_Cell]] = []
    for labels, values in split:
        cells = [_Cell(t) for t in labels] + [_Cell(v) for v in values]
        if not cells:
            continue
        pad = width - len(cells)
        if pad > 0:
            if pad_labels and values:
                if labels:
                    cells[len(labels) - 1].colspan += pad
                else:
                    cells.insert(0, _Cell("", pad))
            else:
                cells[-1].colspan += pad
        grid.append(cells)
    return grid


def _merge_label_rows(grid: list[list[_Cell]], columns: int) -> list[list[_Cell]]:
    """An empty label cell under a label in the same single column joins it (rowspan)."""
    above: dict[int, _Cell] = {}
    out: list[list[_Cell]] = []
    for row in grid:
        kept: list[_Cell] = []
        col = 0
        for cell in row:
            if col < columns - 1 and cell.colspan == 1 and not cell.text and col in above:
                above[col].rowspan += 1
            else:
                kept.append(cell)
                if (
                    col < columns - 1
                    and cell.colspan == 1
                    and cell.text
                    and type_cell(cell.text)[0] == "text"
                ):
                    above[col] = cell
                else:
                    for c in range(col, col + cell.colspan):
                        above.pop(c, None)
            col += cell.colspan
        out.append(kept)
    return out


def _header_rows(rows: list[list[str]]) -> int:
    n = 0
    for row in rows:
        if any(type_cell(c)[0] in ("number", "placeholder") for c in row if c):
            break
        n += 1
    return n


def _table3(rows: list[list[str]]) -> list[list[_Cell]]:
    n = _header_rows(rows)
    header = [c for row in rows[:n] for c in row if c]
    note = [c for c in header if text_key(c) not in {text_key(h) for h in _T3_HEADER}]
    words = [text_key(c) for c in header if c not in note]
    grid: list[list[_Cell]] = []
    if sorted(words) == sorted(text_key(h) for h in _T3_HEADER) and len(note) <= 1:
        corner = _Cell(note[0] if note else "", 3)
        corner.rowspan = 3
        natural, total = _Cell("自然人"), _Cell("总计")
        natural.rowspan = total.rowspan = 2
        grid = [
            [corner, _Cell("申请人情况", 7)],
            [natural, _Cell("法人或其他组织", 5), total],
            [_Cell(h) for h in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")],
        ]
        return grid + _table3_body(rows[n:])
    return _merge_label_rows(_generic(rows, pad_labels=True, label_cols=3), 3)


def _level(label: str) -> int | None:
    """The label column of a table-三 row label: 一、 → 0, （一） → 1, 1. → 2."""
    if _TOP_LABEL.match(label):
        return 0
    if label[:1] in "（(":
        return 1
    if label[:1].isdigit():
        return 2
    return None


def _table3_body(rows: list[list[str]]) -> list[list[_Cell]]:
    """Labels in their own columns, a category label spanning the rows of its items."""
    grid: list[list[_Cell]] = []
    above: dict[int, _Cell] = {}  # label column -> the cell a blank below it would extend
    for raw in rows:
        labels, values = _split(raw)
        labels = [t for t in labels if t]
        if not labels and not values:
            continue
        slots: dict[int, str] = {}
        prev = -1
        for label in labels:
            col = _level(label)
            col = prev + 1 if col is None or col <= prev else col
            slots[col] = label
            prev = col
        label_width = max(10 - len(values), prev + 1, 1)
        row: list[_Cell] = []
        cols = sorted(slots)
        first = cols[0] if cols else label_width
        for c in range(first):
            if c in above:
                above[c].rowspan += 1
            else:
                row.append(_Cell("", 1))
                above.pop(c, None)
        for k, c in enumerate(cols):
            end = cols[k + 1] if k + 1 < len(cols) else label_width
            cell = _Cell(slots[c], end - c)
            row.append(cell)
            for covered in range(c, end):
                above.pop(covered, None)
            if cell.colspan == 1:
                above[c] = cell
        row.extend(_Cell(v) for v in values)
        grid.append(row)
    return grid


def _table4(rows: list[list[str]]) -> list[list[_Cell]]:
    n = _header_rows(rows)
    header = [text_key(c) for row in rows[:n] for c in row if c]
    if sorted(set(header)) == sorted(text_key(h) for h in _T4_HEADER) and len(header) == 19:
        first = [_Cell(t) for t in _T4_RESULTS]
        for cell in first:
            cell.rowspan = 2
        grid = [
            [_Cell("行政复议", 5), _Cell("行政诉讼", 10)],
            [*first, _Cell("未经复议直接起诉", 5), _Cell("复议后起诉", 5)],
            [_Cell(t) for t in _T4_RESULTS * 2],
        ]
        return grid + _generic(rows[n:], pad_labels=True, width=15)
    return _generic(rows, pad_labels=True)


# --- page ---------------------------------------------------------------------------------------
_NAV = ["首页", "走进云溪", "政务公开", "政务服务", "互动交流", "数据开放"]
_SIDEBAR = [
    "2024年政府信息公开工作年度报告",
    "2023年政府信息公开工作年度报告",
    "2022年政府信息公开工作年度报告",
]


def _head(charset: str, title: str | None, pubdate: str | None) -> str:
    meta = [
        f'<meta charset="{charset}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    ]
    meta.append(f'<meta name="SiteName" content="{SITE}">')
    if title:
        meta.append(f'<meta name="ArticleTitle" content="{html.escape(title)}">')
    if pubdate:
        meta.append(f'<meta name="PubDate" content="{pubdate} 09:30">')
    page_title = f"{html.escape(title)}_政府信息公开年报_{SITE}" if title else SITE
    return (
        "<head>\n" + "\n".join(meta) + f"\n<title>{page_title}</title>\n"
        '<link rel="stylesheet" href="/css/common.css">\n'
        "<style>.main{width:1200px} .article p{line-height:2}</style>\n"
        '<script type="text/javascript">var _hmt = _hmt || []; /* 行政复议 统计期限 总体情况 */</script>\n'
        "</head>"
    )


def _page(title: str | None, body: list[str], charset: str, pubdate: str | None) -> str:
    nav = "\n".join(f'<li><a href="/{i}/">{t}</a></li>' for i, t in enumerate(_NAV))
    side = "\n".join(f'<li><a href="/nb/{i}.html">{SITE}{t}</a></li>' for i, t in enumerate(_SIDEBAR))
    info = []
    if pubdate:
        info.append(f"<span>发布时间：{pubdate} 09:30</span>")
    info.append(f"<span>来源：{SITE}办公室</span>")
    info.append('<span>浏览次数：<em id="hits">1024</em></span>')
    info.append("<span>【字号：<a>大</a> <a>中</a> <a>小</a>】</span>")
    info.append(
        '<span>【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</span>'
    )
    title_block = ""
    if title:
        title_block = f'<div class="article-title"><h1>{_e(title)}</h1></div>\n'
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="zh-CN">',
            _head(charset, title, pubdate),
            "<body>",
            '<div class="top-bar"><div class="w1200"><span>欢迎访问'
            + SITE
            + '门户网站</span><a href="/wza/">无障碍</a> <a href="/en/">English</a></div></div>',
            f'<div class="header"><div class="logo"><img src="/images/logo.png" alt="{SITE}"></div>',
            '<div class="search"><form action="/search"><input type="text" name="q" placeholder="请输入关键词"><button>搜索</button></form></div></div>',
            f'<div class="nav"><ul>\n{nav}\n</ul></div>',
            '<div class="main w1200">',
            '<div class="position"><span>当前位置：</span><a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/xxgk/">政府信息公开</a> &gt; <a href="/zwgk/nb/">政府信息公开年报</a></div>',
            f'<div class="sidebar"><h3>政府信息公开年报</h3><ul>\n{side}\n</ul></div>',
            '<div class="article">',
            title_block + '<div class="article-info">' + " ".join(info) + "</div>",
            '<div class="article-content TRS_Editor">',
            *body,
            "</div>",
            '<div class="attach"><p>附件下载：</p><ul><li><a href="/files/nb.pdf">政府信息公开工作年度报告.pdf</a></li></ul></div>',
            '<div class="share">分享到：<a>微信</a> <a>微博</a></div>',
            "</div>",
            "</div>",
            '<div class="footer"><p>主办单位：' + SITE + "办公室　承办单位：青禾市云溪区大数据中心</p>",
            "<p>ICP备案：青ICP备20250001号-1　网站标识码：3700000042　联系电话：0000-12345678</p>",
            "<p>地址：青禾市云溪区政务大道1号　邮编：000000</p></div>",
            '<script src="/js/jquery.min.js"></script>',
            "<script>$(function(){ $('.nav li').hover(function(){}); });</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _bare(body: list[str], charset: str) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            "<html>",
            f'<head><meta charset="{charset}"></head>',
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )
