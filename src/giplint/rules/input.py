"""GIP0xx: input and parsing."""

from __future__ import annotations

from collections.abc import Iterator

from giplint import lazyregex
from giplint.diagnostics import ERROR, INFO, WARNING, Bi, Diagnostic, Message, Span
from giplint.model import Report, Table
from giplint.rule import Rule
from giplint.template import template

TABLE_NAMES = {2: Bi("表二", "table 二"), 3: Bi("表三", "table 三"), 4: Bi("表四", "table 四")}
EXPECTED_WIDTH = {3: 7, 4: 15}


class InputUnreadable(Rule):
    """The file cannot be read as text.

    Raised for an empty file, a file that is not text in UTF-8 (with or without BOM), UTF-16 or
    GB18030, or a file the operating system will not open. Nothing else is checked.

    Why: a report that cannot be read cannot be checked; the file may be a Word or Excel file
    renamed, or truncated in upload.

    Source: none (input handling).

    Fails: an empty file; bytes ``\\x00\\xff\\xfe…`` that decode in no encoding.

    Passes: any report saved as UTF-8, UTF-8 with BOM, UTF-16 with BOM or GB18030.
    """

    code = "GIP001"
    name = "input-unreadable"
    severity = ERROR
    message = Message(zh="无法读取文件：{reason}", en="cannot read the file: {reason}")

    def check(self, report: Report) -> Iterator[Diagnostic]:
        return iter(())  # emitted by the pipeline before a report exists


class UnsupportedInput(Rule):
    """The file is of a kind giplint cannot read; the message says what to do.

    Old Word (.doc) and WPS (.wps) documents, spreadsheets (.xls, .et), images and archives are
    not read. Save the report as .docx, or check the published PDF or web page instead.

    Why: these formats need proprietary or OCR software to read reliably; a wrong reading would
    produce wrong findings.

    Source: none (input handling).

    Fails: ``报告.doc`` (an OLE2 Word 97-2003 file); ``扫描件.jpg``.

    Passes: the same report saved as ``报告.docx``.
    """

    code = "GIP011"
    name = "unsupported-input"
    severity = ERROR
    message = Message(zh="无法检查此文件：{reason}", en="cannot check this file: {reason}")

    def check(self, report: Report) -> Iterator[Diagnostic]:
        return iter(())  # emitted by the pipeline before a report exists


class NoTextLayer(Rule):
    """The PDF has no text layer: it is a scan, so there is nothing to check.

    Why: a scanned report cannot be searched, read aloud or checked; publish the text version (or
    run OCR before checking).

    Source: none (input handling).

    Fails: a PDF whose pages are images only.

    Passes: a PDF exported from the word processor.
    """

    code = "GIP012"
    name = "no-text-layer"
    severity = ERROR
    message = Message(zh="PDF 没有文字层：{reason}", en="the PDF has no text layer: {reason}")

    def check(self, report: Report) -> Iterator[Diagnostic]:
        return iter(())


class InputLimit(Rule):
    """A safety limit was hit: the file is too large, or looks built to exhaust memory.

    Files over ``max-file-size`` (50 MB by default), Word files that unpack to far more than they
    weigh (zip bombs), XML with entity definitions, and absurdly deep markup are refused before
    they are parsed. The other files of the run are checked as usual.

    Why: one hostile or broken upload must not stop an audit of thousands of reports.

    Source: none (input handling).

    Fails: a 200 MB PDF with the default limit; a .docx whose document.xml declares entities.

    Passes: an ordinary report of a few hundred kilobytes.
    """

    code = "GIP013"
    name = "input-limit"
    severity = ERROR
    message = Message(
        zh="文件超出安全限制，未检查：{reason}", en="not checked, a safety limit was hit: {reason}"
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        return iter(())


class NotAReport(Rule):
    """The text is not a government information disclosure annual report.

    None of the following was found: a title containing 年度报告, three or more of the six part
    headings, or any of the three standard tables. Nothing else is checked.

    Why: running dozens of rules on an unrelated document would only produce noise.

    Source: 国办公开办函〔2021〕30号 (the annual report format).

    Fails: a meeting notice, a news item, a page of navigation links.

    Passes: any text with the title ``…2024年政府信息公开工作年度报告``.
    """

    code = "GIP003"
    name = "not-an-annual-report"
    severity = ERROR
    message = Message(
        zh="不是政府信息公开工作年度报告：未找到标题、六个部分的标题或统计表格",
        en="not an annual report: no title, part headings or standard tables were found",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        return iter(())  # emitted by the pipeline


class ReportYearUnknown(Rule):
    """The reporting year cannot be determined.

    Neither the title nor a 统计期限 statement names the year the report covers. Rules that depend on
    the year (template, fee statement, deadlines) are skipped.

    Why: which template applies, and when the report was due, both depend on the year.

    Source: 条例 第四十九条 (reports cover 上一年度).

    Fails: a title ``政府信息公开工作年度报告`` with no year and no 统计期限 sentence.

    Passes: ``青禾县2024年政府信息公开工作年度报告``.
    """

    code = "GIP004"
    name = "report-year-unknown"
    severity = ERROR
    message = Message(
        zh="无法确定报告年度：标题和统计期限均未写明年份，与年度有关的检查已跳过",
        en="the reporting year is unknown: neither the title nor a 统计期限 statement names it; "
        "year-dependent checks were skipped",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if report.year is None:
            yield self.at(report.title.stripped_span() if report.title else Span(1))


class TableRowWidth(Rule):
    """A table row cannot be aligned to the template's columns.

    Table 三 rows must carry 7 values and the table 四 value row 15; table 二 rows as many as their
    header. One finding per table, listing the lines. The affected rows are left out of the
    arithmetic except for their right-most value, which is taken as 总计.

    Why: a missing cell usually means a column was lost when the table was converted, and the
    figures can no longer be checked column by column.

    Source: 国办公开办函〔2021〕30号 (table layout).

    Fails: a table-三 row ``一、本年新收政府信息公开申请数量→2→0→0→0→0→2`` (6 values).

    Passes: the same row with 7 values.
    """

    code = "GIP005"
    name = "table-row-width"
    severity = WARNING
    message = Message(
        zh="{table}有{count}行的数值个数与模板不符（应为{width}个），行：{lines}；这些行只核对总计列",
        en="{table}: {count} row(s) do not have the template's {width} values (lines {lines}); "
        "only their 总计 column is checked",
    )
    since = 2019

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for number, table in sorted(report.tables.items()):
            bad = [r for r in table.rows.values() if r.width_error]
            if not bad:
                continue
            widths = {len(r.cells) for r in bad}
            width = EXPECTED_WIDTH.get(number, "/".join(str(w) for w in sorted(widths)))
            first = bad[0].span
            yield self.at(
                Span(first.line, 1, bad[-1].span.last_line, None),
                table=TABLE_NAMES[number],
                count=len(bad),
                width=width,
                lines=[r.span.line for r in bad],
            )


class TableHeaderUnreadable(Rule):
    """Table 三 was found by its row labels, but its column header is missing or unreadable.

    The header (申请人情况, 自然人, 法人或其他组织 …, 总计) is absent or consists of single characters of
    vertically set text. The template's column order is assumed.

    Why: without the header, the columns cannot be confirmed; the figures are read in template
    order.

    Source: 国办公开办函〔2021〕30号 (table 三 header).

    Fails: header lines ``→→业→构→益→务`` / ``→→→→组→机``.

    Passes: a header row with 自然人, 法人或其他组织 and 总计.
    """

    code = "GIP006"
    name = "table-header-unreadable"
    severity = INFO
    message = Message(
        zh="{table}缺少可识别的表头，按模板列顺序读取",
        en="{table} has no readable column header; the template's column order is assumed",
    )
    since = 2019

    def check(self, report: Report) -> Iterator[Diagnostic]:
        t3 = report.t3
        if t3 is None or t3.header_found:
            return
        lines = t3.header_vertical_fragments
        span = Span(lines[0], 1, lines[-1], None) if lines else Span(t3.span.line)
        yield self.at(span, table=TABLE_NAMES[3])


class LegacyReport(Rule):
    """The report predates the 2019 format; template checks are skipped.

    The reporting year is 2018 or earlier (or the text uses the pre-2019 layout and its year is
    unknown). Such reports followed the 2007 条例 and a free structure.

    Why: checking an old report against today's template would report dozens of false defects.

    Source: 国务院令第492号 (2007 条例); 国办公开办函〔2019〕60号.

    Fails: ``某县2017年政府信息公开工作年度报告``.

    Passes: any report for 2019 or later.
    """

    code = "GIP007"
    name = "legacy-report"
    severity = INFO
    message = Message(
        zh="{year}年度报告早于现行格式，已跳过模板检查",
        en="a report for {year} predates the current format; template checks were skipped",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if report.year is not None and report.year <= 2018:
            span = report.title.stripped_span() if report.title else Span(1)
            yield self.at(span, year=report.year)


class TableIncomplete(Rule):
    """A table stops before its last expected row.

    Table 三 does not reach 四、结转下年度继续办理 before the next heading or the end of the file.

    Why: a truncated table usually means the document was cut off in conversion or upload; the
    missing rows cannot be checked.

    Source: 国办公开办函〔2021〕30号 (table 三 rows).

    Fails: table 三 ending after （七）总计.

    Passes: table 三 with all 25 rows.
    """

    code = "GIP008"
    name = "table-incomplete"
    severity = WARNING
    message = Message(
        zh="{table}在第{last}行后中断，缺少之后的{count}行（从{first_missing}起）",
        en="{table} stops after line {last}; {count} row(s) are missing, from {first_missing} on",
    )
    since = 2019

    def check(self, report: Report) -> Iterator[Diagnostic]:
        t3 = report.t3
        if t3 is None or not t3.truncated:
            return
        found = list(t3.rows.values())
        last = max(r.span.last_line for r in found)
        tail = _missing_tail(t3)
        # the row as the report labels it: its key (denied.prohibited_by_law) means nothing to readers
        row = template().t3_row_by_key[tail[0]]
        first = Bi(f"“{row.label}”", f"“{row.label}” ({row.en})")
        yield self.at(Span(last), table=TABLE_NAMES[3], last=last, count=len(tail), first_missing=first)


def _missing_tail(table: Table) -> list[str]:
    order = [r.key for r in template().t3_rows]
    present = [i for i, k in enumerate(order) if k in table.rows]
    return [k for k in order[present[-1] + 1 :] if k in table.missing_rows] if present else table.missing_rows


class PageFurniture(Rule):
    """Page numbers or running headers were found inside the body and ignored.

    Lines such as ``- 4 -``, ``第 4 页`` or ``第4页 共9页`` are left over from a PDF or printed
    layout. They are stripped before parsing.

    Why: page furniture in a published web text shows it was copied from a PDF without cleaning.

    Source: none (conversion hygiene).

    Fails: a line ``- 3 -`` between two paragraphs.

    Passes: a text without page numbers.
    """

    code = "GIP009"
    name = "page-furniture"
    severity = INFO
    message = Message(zh="页码等版面残留：“{text}”（已忽略）", en="page furniture ignored: “{text}”")

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for line in report.lines:
            if line.kind == "F":
                yield self.at(line.stripped_span(), text=line.text.strip())


class UnplacedTable(Rule):
    """A table region could not be identified as table 二, 三 or 四.

    Rows separated by TABs (or one cell per line) were found, but no caption, header or row label
    tells which standard table they belong to. They are not checked.

    Why: an unidentified table is either an extra table (which the format does not have) or a
    standard table damaged beyond recognition.

    Source: 国办公开办函〔2021〕30号 (the three tables).

    Fails: a TAB-separated list of project names and amounts in part 一.

    Passes: tables that open with their caption, header or first row label.
    """

    code = "GIP010"
    name = "table-unidentified"
    severity = WARNING
    message = Message(
        zh="无法识别此表格属于表二、表三还是表四，未作检查",
        en="this table could not be identified as table 二, 三 or 四 and was not checked",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for table in report.stray_tables:
            yield self.at(table.span)


class TimeLimit(Rule):
    """Checking the file took longer than the per-file time limit, so it was stopped.

    The limit is ``timeout`` (60 seconds by default, ``--timeout`` on the command line). The
    other files of the run are checked as usual. An ordinary report takes a few milliseconds, so
    this points at a pathological input, or at a bug: please report it with the file.

    Why: one file must never hang an audit of thousands of reports or a pre-commit hook.

    Source: none (input handling).

    Fails: a plugin rule that loops forever on some report.

    Passes: any report checked within the limit.
    """

    code = "GIP014"
    name = "time-limit"
    severity = ERROR
    message = Message(
        zh="检查超过单个文件的时间限制（{seconds} 秒），已停止，文件未检查完",
        en="stopped after the per-file time limit of {seconds} s; the file was not fully checked",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        return iter(())


class WorkerCrashed(Rule):
    """The worker process checking the file died, so the file was not checked.

    In a run with several worker processes (``-j``), a worker that is killed (out of memory, a
    crash in a C library) costs only the file it was checking: a new worker takes over and every
    other file is checked. The message gives the exit code or signal.

    Why: a batch must report every file it was given, whatever happened to one of them.

    Source: none (input handling).

    Fails: the operating system kills a worker (``SIGKILL``) while it checks a file.

    Passes: workers that finish their files.
    """

    code = "GIP015"
    name = "worker-crashed"
    severity = ERROR
    message = Message(
        zh="检查该文件的工作进程意外退出（{reason}），文件未检查",
        en="the worker process checking this file died ({reason}); the file was not checked",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        return iter(())


# C0 controls other than TAB, LF, VT, FF and CR (FF is a page break in text exported from PDFs),
# DEL, and U+FFFD, which the loaders put where bytes did not decode.
_DAMAGE = lazyregex.compile("[\x00-\x08\x0e-\x1f\x7f]+|\ufffd+")
# One character class, not an alternation: the regex engine then skips through clean text about
# six times faster, which matters because nearly every report is clean.
_ANY_DAMAGE = lazyregex.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")


class DamagedText(Rule):
    """The text holds control characters or bytes that could not be decoded.

    A NUL or another control character never belongs in a report, and U+FFFD (�) marks bytes
    that were not valid in the file's encoding (a few damaged bytes in a UTF-8 file are replaced
    so that the rest can be read). One finding per run of damaged characters.

    Why: these are traces of a file damaged in conversion, copying or upload; the words around
    them may be garbled, and readers see boxes or question marks.

    Source: none (input handling).

    Fails: ``2024年，我局共受理政府信息\\x00公开申请5件。`` (a NUL inside a sentence).

    Passes: the same sentence without the NUL.
    """

    code = "GIP016"
    name = "damaged-text"
    severity = WARNING
    message = Message(
        zh="文字已损坏：{what}；文件可能在转换、复制或上传时损坏",
        en="damaged text: {what}; the file was probably damaged in conversion, copying or upload",
    )

    def check(self, report: Report) -> Iterator[Diagnostic]:
        # One search of the whole text first: almost every report is clean, and a search per line
        # cost 0.16 ms a report, as much as all the other GIP0xx rules together.
        if not _ANY_DAMAGE.search("\n".join(line.text for line in report.lines)):
            return
        for line in report.lines:
            for m in _DAMAGE.finditer(line.text):
                yield self.at(line.span(m.start(), m.end()), what=_damage(m.group()))


def _damage(run: str) -> Bi:
    if run[0] == "\ufffd":
        return Bi(
            f"{len(run)} 处无法解码的字节（显示为 �）", f"{len(run)} undecodable byte sequence(s), shown as �"
        )
    names = ", ".join(sorted({f"U+{ord(c):04X}" for c in run}))
    nul = "（NUL，空字符）" if "\x00" in run else ""
    nul_en = " (NUL)" if "\x00" in run else ""
    return Bi(f"控制字符 {names}{nul}", f"control character(s) {names}{nul_en}")


class InternalError(Rule):
    """A rule raised an exception; the other rules still ran.

    This is a bug in giplint or in a plugin, not in the report. Please report it with the file.

    Why: one broken rule must not hide the findings of all the others.

    Source: none.

    Fails: (a bug).

    Passes: (no bug).
    """

    code = "GIP099"
    name = "internal-error"
    severity = ERROR
    message = Message(zh="规则 {rule} 内部出错：{error}", en="rule {rule} failed: {error}")

    def check(self, report: Report) -> Iterator[Diagnostic]:
        return iter(())


# LoadError codes raised by the loaders, and the rule that reports each.
LOAD_FAILURES: dict[str, type[Rule]] = {
    "GIP001": InputUnreadable,
    "GIP011": UnsupportedInput,
    "GIP012": NoTextLayer,
    "GIP013": InputLimit,
}

RULES: list[type[Rule]] = [
    InputUnreadable,
    UnsupportedInput,
    NoTextLayer,
    InputLimit,
    TimeLimit,
    WorkerCrashed,
    DamagedText,
    NotAReport,
    ReportYearUnknown,
    TableRowWidth,
    TableHeaderUnreadable,
    LegacyReport,
    TableIncomplete,
    PageFurniture,
    UnplacedTable,
    InternalError,
]
