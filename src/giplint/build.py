"""From the parse tree to the typed :class:`~giplint.model.Report` the rules read."""

from __future__ import annotations

from giplint import dates, lazyregex
from giplint.classify import HeadingMatch, is_org_name
from giplint.diagnostics import Span
from giplint.model import Heading, Line, Paragraph, Part, Report, Table
from giplint.numerals import parse_chinese
from giplint.parser import Parsed
from giplint.tables import BUILDERS, RawRow, rows_from_lines, split_into_tables
from giplint.template import template

_TITLE_YEAR = lazyregex.compile(r"((?:19|20)\d{2})\s*年")
_TITLE_CN_YEAR = lazyregex.compile(r"([〇○零一二三四五六七八九]{4})\s*年")
_LEGACY_MARKERS = (
    "政府信息依申请公开工作情况",
    "政府信息公开的收费及减免情况",
    "政府信息公开情况统计表",
    "受理依申请公开信息总数",
    "指标名称",
    "计量单位",
    "历年累计",
    "当面申请数",
    "网上申请数",
)
_SPACE = lazyregex.compile(r"[^\S\n]+")
_AREA_PREFIX = lazyregex.compile(r"^(.{2,30}?)\s*(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年")


def build_report(
    path: str, encoding: str, lines: list[Line], parsed: Parsed, headings: dict[int, HeadingMatch]
) -> Report:
    report = Report(path=path, encoding=encoding, lines=lines, tree=parsed.tree)
    regions: list[tuple[int | None, list[Line]]] = []  # (part number, table lines)
    current = report.preamble
    for node in parsed.tree.children:
        if node.data == "preamble":
            _read_body(node.children[0], report.preamble, parsed, regions)
        elif node.data == "part":
            token, body = node.children
            line = parsed.line_of(token)
            match = headings[line.number]
            if _starts_second_report(report, match.part):
                report.second_report = _cut_title(current) or line
                break
            heading = Heading(match.part, line, match.ordinal, match.title, match.variant)  # type: ignore[arg-type]
            report.headings.append(heading)
            if match.part is None:
                target = current  # an extra heading (七、附件): its text stays with the part before
            elif match.part in report.parts:
                target = report.parts[match.part]  # a repeated part: one part, GIP104 reports the repeat
            else:
                target = Part(match.part, heading)
                report.parts[match.part] = target
            current = target
            _read_body(body, target, parsed, regions)
        elif node.data == "closing":
            token, body = node.children
            report.closing_lines.append(parsed.line_of(token))
            _read_body(body, current, parsed, regions)
    _set_part_spans(report)
    _assemble_tables(report, regions)
    _read_title(report)
    report.period = dates.find_period(lines)
    if report.year is None and report.period and report.period.years:
        report.year = report.period.years[0]
        report.year_from = "period"
    tail = report.parts[6].paragraphs if 6 in report.parts else []
    report.signature = dates.find_signature(report.closing_lines, [p.line for p in tail])
    _read_issuer(report)
    report.layout = _detect_layout(report)
    return report


def _starts_second_report(report: Report, part: int | None) -> bool:
    """Part 一 again after at least three parts: a second report was pasted or joined after the
    first (two agencies' reports in one upload). Compared with the first report's tables, its
    text would only give false findings, so the model ends where it starts (GIP117)."""
    return part == 1 and 1 in report.parts and len(report.parts) >= 3


def _cut_title(part: Part) -> Line | None:
    """The second report's title and preamble, read so far as the end of the first report's last
    part: from the last short line naming a 年度报告 among the part's last few paragraphs."""
    recent = part.paragraphs[-_PREAMBLE_LINES:]
    for back, paragraph in enumerate(reversed(recent), 1):
        text = paragraph.line.text.strip()
        if "年度报告" in text and len(text) <= 80 and not text.startswith(("《", "本报告")):
            title = paragraph.line
            del part.paragraphs[-back:]
            return title
    return None


# How far back from a repeated part 一 the second report's title is looked for: a title, a line or
# two of agency and date, and a preamble of a few paragraphs.
_PREAMBLE_LINES = 8


def _read_body(body, part: Part, parsed: Parsed, regions: list[tuple[int | None, list[Line]]]) -> None:
    subsection: str | None = None
    for child in body.children:
        if hasattr(child, "data"):
            if child.data == "table":
                regions.append(
                    (part.number or None, [ln for t in child.children for ln in parsed.lines_of(t)])
                )
            elif child.data == "subsection":
                head, *rest = child.children
                line = parsed.line_of(head)
                part.subheadings.append(line)
                subsection = line.text.strip()
                # A sub-heading often carries its first sentence on the same line (（一）…方面。2023年…).
                part.paragraphs.append(Paragraph(part.number, line, subsection))
                for item in rest:
                    if hasattr(item, "data"):
                        regions.append(
                            (part.number or None, [ln for t in item.children for ln in parsed.lines_of(t)])
                        )
                    elif item.type == "TEXT":
                        part.paragraphs.append(Paragraph(part.number, parsed.line_of(item), subsection))
        elif child.type == "TEXT":
            part.paragraphs.append(Paragraph(part.number, parsed.line_of(child), subsection))


def _set_part_spans(report: Report) -> None:
    starts = sorted((p.heading.line.number, p) for p in report.parts.values() if p.heading)
    last_line = report.second_report.number - 1 if report.second_report else len(report.lines)
    for i, (start, part) in enumerate(starts):
        end = starts[i + 1][0] - 1 if i + 1 < len(starts) else last_line
        part.span = Span(start, 1, max(start, end), 1)


def _assemble_tables(report: Report, regions: list[tuple[int | None, list[Line]]]) -> None:
    grouped: dict[int, list[RawRow]] = {}
    placed_in: dict[int, int | None] = {}
    for part_number, lines in regions:
        for number, rows in split_into_tables(rows_from_lines(lines)):
            if not rows:
                continue
            if number is None:
                stray = Table(0, rows[0].layout, Span(rows[0].lines[0].number))  # type: ignore[arg-type]
                stray.part = part_number
                report.stray_tables.append(stray)
                continue
            grouped.setdefault(number, []).extend(rows)
            placed_in.setdefault(number, part_number)
    for number, rows in sorted(grouped.items()):
        table = BUILDERS[number](rows)
        table.part = placed_in[number]
        report.tables[number] = table
        if table.part in report.parts:
            report.parts[table.part].tables.append(table)  # type: ignore[index]


def _read_title(report: Report) -> None:
    title_lines = [ln for ln in report.lines if ln.kind == "T"]
    for line in title_lines:
        if "年度报告" in line.text:
            report.title = line
            break
    if report.title is None:
        return
    text = report.title.text
    m = _TITLE_YEAR.search(text)
    if m:
        report.year = int(m.group(1))
        report.year_from = "title"
    else:
        cn = _TITLE_CN_YEAR.search(text)
        if cn:
            report.year = parse_chinese(cn.group(1))
            report.year_from = "title"
    for line in title_lines:
        if line is not report.title and is_org_name(line.text):
            report.issuer, report.issuer_line = line.text.strip(), line
            return
    prefix = _AREA_PREFIX.match(text.strip())
    if prefix and prefix.group(1).strip():
        report.issuer, report.issuer_line = prefix.group(1).strip(), report.title


def _read_issuer(report: Report) -> None:
    signed = next((ln.text.strip() for ln in report.closing_lines if is_org_name(ln.text)), None)
    if report.issuer is None and signed:
        report.issuer = signed
    # The prose settles whether a 人民政府办公室 reports on itself (a department) or for its government.
    body = "\n".join(p.text for p in report.paragraphs(0, 1))
    kind = dates.infer_issuer_kind(report.issuer, body=body)
    if kind == "unknown" and signed:
        kind = dates.infer_issuer_kind(signed, body=body)
    report.issuer_kind = kind


def _detect_layout(report: Report) -> str:  # type: ignore[return]
    t2, t3 = report.t2, report.t3
    if t2 is not None and t2.markers_2019:
        return "F2019"
    if (t2 is not None and any("本年制发件数" in text for text, _ in t2.header_texts)) or (
        t3 is not None and ("other.no_correction" in t3.rows or "other.fee_unpaid" in t3.rows)
    ):
        return "F2021"
    text = _SPACE.sub("", "\n".join(ln.text for ln in report.lines))  # markers are compared without spaces
    if sum(1 for marker in _LEGACY_MARKERS if marker in text) >= 2:
        return "F2008"
    if t3 is not None and t3.collapsed_other:
        return "F2019"
    return "unknown"


def looks_like_report(report: Report, headings: dict[int, HeadingMatch]) -> bool:
    """GIP003: a title with 年度报告, three part headings, or any standard table."""
    if report.title is not None:
        return True
    if len({h.part for h in headings.values() if h.part}) >= 3:
        return True
    return bool(report.tables)


__all__ = ["build_report", "looks_like_report", "template"]
