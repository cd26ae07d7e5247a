"""The HTML loader: the report found inside page chrome, tables as full grids, charsets, hostile input.

The cross-format tests render every example and a spread of generated reports as portal pages
(tests/htmlrender.py) and require the same findings from the page as from the text.
"""

from __future__ import annotations

import contextlib
import random
from collections import Counter
from pathlib import Path

import pytest

from giplint.linter import lint_source, lint_text
from giplint.loaders.document import Document, LoadError, Origin
from giplint.loaders.html import load_html
from giplint.reportgen import DEFECTS, generate
from htmlrender import to_html

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*.txt"))
PINGTAN = REPO.parent / "shared" / "corpus" / "pingtan-2021.html"
CHROME_WORDS = (
    "当前位置",
    "首页",
    "政务服务",
    "主办单位",
    "ICP",
    "附件下载",
    "分享到",
    "浏览次数",
    "打印",
    "无障碍",
)


def findings(diagnostics: list) -> Counter[tuple[str, str]]:
    return Counter((d.code, d.text("zh")) for d in diagnostics)


def lint_doc(doc: Document, path: str = "page.html") -> list:
    return lint_source(doc.text, path, doc.description).diagnostics


def page(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>\n{body}\n</body></html>".encode()


# --- same findings as the text ----------------------------------------------------------------
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize(
    "options", [{}, {"chrome": False}, {"charset": "gb2312"}], ids=["portal", "bare", "gb2312"]
)
def test_examples_give_the_same_findings_as_text(path: Path, options: dict) -> None:
    text = path.read_text(encoding="utf-8")
    doc = load_html(to_html(text, **options), path.with_suffix(".html").name)
    assert findings(lint_doc(doc)) == findings(lint_text(text))


@pytest.mark.parametrize("layout", ["A", "B"])
@pytest.mark.parametrize("defect", [None, *DEFECTS])
@pytest.mark.parametrize("seed", [1, 7, 23])
def test_generated_reports_give_the_same_findings_as_text(seed: int, defect: str | None, layout: str) -> None:
    report = generate(seed, layout=layout, defect=defect)
    doc = load_html(to_html(report.text), "gen.html")
    found = findings(lint_doc(doc))
    assert found == findings(lint_text(report.text))
    if defect is not None:  # the comparison is not vacuous: the injected defect is seen in the page
        assert report.expected_code in {code for code, _ in found}


def test_the_page_is_not_the_text_in_disguise() -> None:
    """Guard for the test above: the page's lines really come from the HTML tables and paragraphs."""
    text = (REPO / "examples" / "clean-county.txt").read_text(encoding="utf-8")
    data = to_html(text)
    assert data.count(b"<table") == 3 and b'rowspan="22"' in data and b'colspan="10"' in data
    doc = load_html(data, "x.html")
    assert doc.lines != [ln for ln in text.splitlines() if ln.strip()]
    assert any(line.count("\t") == 9 for line in doc.lines)  # table 三: 3 label + 7 value columns


# --- finding the body -------------------------------------------------------------------------
def test_page_chrome_does_not_leak_and_the_title_comes_first() -> None:
    text = (REPO / "examples" / "clean-county.txt").read_text(encoding="utf-8")
    doc = load_html(to_html(text, pubdate="2025-02-20"), "x.html")
    assert doc.lines[0] == "望澜县2024年政府信息公开工作年度报告"
    assert doc.lines[-1] == "2025年2月19日"
    for line in doc.lines:
        for word in CHROME_WORDS:
            assert word not in line, (word, line)
    assert sum("年度报告" in line for line in doc.lines) == sum(
        "年度报告" in line for line in text.splitlines()
    )  # the sidebar's list of other years' reports stays out


def test_title_block_before_the_body_is_prepended() -> None:
    data = page(
        '<div class="nav"><a>首页</a><a>2023年政府信息公开工作年度报告</a></div>'
        '<div class="crumb">当前位置：首页 &gt; 青禾县2024年政府信息公开工作年度报告</div>'
        '<h1 class="title">青禾县2024年政府信息公开工作年度报告</h1>'
        '<div class="content"><p>一、总体情况</p><p>本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。</p>'
        "<p>二、主动公开政府信息情况</p></div>"
    )
    doc = load_html(data, "x.html")
    assert doc.lines == [
        "青禾县2024年政府信息公开工作年度报告",
        "一、总体情况",
        "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。",
        "二、主动公开政府信息情况",
    ]


def test_furniture_inside_the_body_is_dropped_with_its_origin() -> None:
    data = page(
        '<div id="zoom"><p>当前位置：首页 &gt; 政务公开</p><p>一、总体情况</p><p>统计期限为2024年全年。</p>'
        "<p>【打印本页】【关闭窗口】</p></div>"
    )
    doc = load_html(data, "x.html")
    assert doc.lines == ["一、总体情况", "统计期限为2024年全年。"]
    assert [text for text, _ in doc.dropped] == ["当前位置：首页 > 政务公开", "【打印本页】【关闭窗口】"]
    assert all(origin.line == 2 for _, origin in doc.dropped)


def test_navigation_only_page_gives_little_text_and_is_not_a_report() -> None:
    data = page(
        '<div class="header"><h1>白石县交通运输局</h1></div>'
        '<ul class="menu"><li><a>首页</a></li><li><a>政务公开</a></li></ul>'
        '<div class="breadcrumb">当前位置：首页 &gt; 政务公开</div>'
        "<p>页面正在建设中</p>"
        '<div class="footer">主办单位：白石县交通运输局 ICP备案：白ICP备0001号</div>'
    )
    doc = load_html(data, "nav.html")
    assert doc.lines == ["页面正在建设中"]
    assert [d.code for d in lint_doc(doc)] == ["GIP003"]


def test_an_aspnet_form_around_the_whole_page_is_not_chrome() -> None:
    body = "".join(
        f"<p>{t}</p>" for t in ("一、总体情况", "统计期限为2024年全年。", "二、主动公开政府信息情况")
    )
    doc = load_html(page(f'<form id="form1"><div class="nav">首页</div><div>{body}</div></form>'), "x.html")
    assert doc.lines == ["一、总体情况", "统计期限为2024年全年。", "二、主动公开政府信息情况"]


def test_layout_table_around_the_report_keeps_paragraphs() -> None:
    inner = (
        "<table><tr><td>申请人情况</td><td>自然人</td></tr><tr><td>一、本年新收</td><td>3</td></tr></table>"
    )
    data = page(
        '<table width="100%"><tr><td class="left-menu"><a>首页</a></td><td>'
        f"<p>一、总体情况</p><p>统计期限为2024年全年。</p>{inner}<p>五、存在的主要问题及改进情况</p>"
        "</td></tr></table>"
    )
    doc = load_html(data, "x.html")
    assert doc.lines == [
        "一、总体情况",
        "统计期限为2024年全年。",
        "申请人情况\t自然人",
        "一、本年新收\t3",
        "",
        "五、存在的主要问题及改进情况",
    ]


# --- text -------------------------------------------------------------------------------------
def test_br_splits_nested_blocks_do_not_duplicate_and_spaces_are_normalised() -> None:
    data = page(
        "<div><div><p>第一段<br>第二行</p></div>"
        "<div>散文本<span>内联</span><p>嵌套段落</p>尾随文本</div>"
        "<p>统计期限&nbsp;自2024年 \n  1月1日起\u3000至12月31日止</p></div>"
    )
    doc = load_html(data, "x.html")
    assert doc.lines == [
        "第一段",
        "第二行",
        "散文本内联",
        "嵌套段落",
        "尾随文本",
        "统计期限 自2024年 1月1日起\u3000至12月31日止",
    ]


def test_a_source_line_break_inside_chinese_text_is_not_a_space() -> None:
    doc = load_html(page("<p>根据《条例》\n要求编制 and\nmore</p>"), "x.html")
    assert doc.lines == ["根据《条例》要求编制 and more"]


WORD_PAGE = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=Generator content="Microsoft Word 15">
<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>行政复议 统计期限</o:Author></o:DocumentProperties></xml><![endif]-->
<style><!-- p.MsoNormal {margin:0cm; font-family:仿宋_GB2312;} --></style>
</head>
<body lang=ZH-CN style='tab-interval:21.0pt'>
<div class=WordSection1 style='layout-grid:15.6pt'>
<p class=MsoNormal align=center style='text-align:center'><b><span
style='font-size:22.0pt;font-family:方正小标宋简体'>白石县交通运输局<span lang=EN-US>2024</span>年政府信息公开工作年度报告<span
lang=EN-US><o:p></o:p></span></span></b></p>
<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span
lang=EN-US style='mso-list:Ignore'>一、<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]><span
style='font-family:黑体'>总体情况<o:p></o:p></span></p>
<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312'>本报告所列数据的统计期限自<span
lang=EN-US>2024</span>年<span lang=EN-US>1</span>月<span lang=EN-US>1</span>日起至<span lang=EN-US>2024</span>年<span
lang=EN-US>12</span>月<span lang=EN-US>31</span>日止。<o:p></o:p></span></p>
<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;mso-yfti-tbllook:1184'>
 <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'>
  <td width=120 colspan=2 style='width:90.0pt'><p class=MsoNormal align=center><span>信息内容<o:p></o:p></span></p></td>
  <td width=80 style='width:60.0pt'><p class=MsoNormal align=center><span>本年处理决定数量<o:p></o:p></span></p></td>
 </tr>
 <tr style='mso-yfti-irow:1;mso-yfti-lastrow:yes'>
  <td width=120 colspan=2><p class=MsoNormal><span>行政<span lang=EN-US><br></span>许可<o:p></o:p></span></p></td>
  <td width=80><p class=MsoNormal align=center><span lang=EN-US>17<o:p></o:p></span></p></td>
 </tr>
</table>
<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>
</div>
</body>
</html>
"""


def test_word_exported_html() -> None:
    doc = load_html(WORD_PAGE.encode("gbk"), "word.htm")
    assert "GB18030" in doc.description
    assert doc.lines == [
        "白石县交通运输局2024年政府信息公开工作年度报告",
        "一、 总体情况",
        "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。",
        "信息内容\t本年处理决定数量",
        "行政许可\t17",
    ]


# --- tables -----------------------------------------------------------------------------------
def test_rowspan_and_colspan_expand_into_a_full_grid() -> None:
    data = page(
        "<table>"
        '<tr><td rowspan="2">甲</td><td colspan="2">乙</td><td>丙</td></tr>'
        "<tr><td>1</td><td>2</td><td>3</td></tr>"
        '<tr><td colspan="3">丁</td><td>4</td></tr>'
        "</table>"
    )
    doc = load_html(data, "x.html")
    assert doc.lines == ["甲\t乙\t\t丙", "\t1\t2\t3", "丁\t\t\t4"]


def test_a_column_no_cell_has_alone_is_dropped() -> None:
    # Word's split column: 商业企业 spans two grid columns in every row, as on real portals.
    data = page(
        "<table>"
        '<tr><td>项目</td><td colspan="2">商业企业</td><td>科研机构</td></tr>'
        '<tr><td>新收</td><td colspan="2">5</td><td>6</td></tr>'
        "</table>"
    )
    assert load_html(data, "x.html").lines == ["项目\t商业企业\t科研机构", "新收\t5\t6"]


def test_cell_origins_point_at_the_td_in_the_source() -> None:
    data = page(
        "<p>统计期限</p>\n<table><tr><td>甲</td><td>乙</td></tr>\n<tr><td>1</td>  <td>2</td></tr></table>"
    )
    doc = load_html(data, "x.html")
    source = data.decode().split("\n")
    assert doc.lines == ["统计期限", "甲\t乙", "1\t2"]
    p = doc.origin_at(1, 1)
    assert p is not None and p.line is not None and p.column is not None
    assert source[p.line - 1][p.column - 1 :].startswith("<p>统计期限")
    second = doc.origin_at(3, 3)  # column 3 of "1\t2" is the cell "2"
    assert second is not None and second.line is not None and second.column is not None
    assert source[second.line - 1][second.column - 1 :].startswith("<td>2</td>")


def test_origins_of_a_rendered_report_point_at_their_elements() -> None:
    text = (REPO / "examples" / "clean-department.txt").read_text(encoding="utf-8")
    data = to_html(text)
    source = data.decode().split("\n")
    doc = load_html(data, "x.html")
    for pairs, line in zip(doc.origins, doc.lines, strict=True):
        for _start, origin in pairs:
            assert origin.line is not None and origin.column is not None
            assert source[origin.line - 1][origin.column - 1] == "<", line


def test_origin_of_a_start_tag_spread_over_lines() -> None:
    # libxml2 numbers an element by the line where its start tag ends (Word writes such tags).
    source = '<html><body>\n<p>统计期限</p><table><tr><td\n class="a"\n style="x">甲</td><td>乙</td></tr></table></body></html>'
    doc = load_html(source.encode(), "x.html")
    assert doc.lines == ["统计期限", "甲\t乙"]
    assert doc.origin_at(2, 1) == Origin(line=2, column=23)
    assert doc.origin_at(2, 3) == Origin(line=4, column=18)


def test_origins_past_libxml2s_line_limit() -> None:
    # libxml2's HTML parser stops counting at line 65534; the loader finds later tags itself.
    source = [
        "<html><body><div><p>统计期限</p>",
        *(f"<p>第{i}段</p>" for i in range(1, 66100)),
        "</div></body></html>",
    ]
    doc = load_html("\n".join(source).encode(), "long.html")
    for i in (65530, 65540, 66099):
        assert doc.lines[i] == f"第{i}段"
        origin = doc.origin_at(i + 1)
        assert origin is not None and origin.line is not None and origin.column is not None
        assert source[origin.line - 1][origin.column - 1 :].startswith(f"<p>第{i}段")


# --- charsets ---------------------------------------------------------------------------------
def test_gb2312_page_reads_like_the_utf8_page() -> None:
    text = (REPO / "examples" / "clean-department.txt").read_text(encoding="utf-8")
    utf8 = load_html(to_html(text), "u.html")
    gbk = load_html(to_html(text, charset="gb2312"), "g.html")
    assert gbk.lines == utf8.lines
    assert gbk.description == "HTML (GB18030, declared gb2312)"
    assert utf8.description == "HTML (UTF-8)"


def test_http_equiv_charset_is_honoured() -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=GBK">'
    doc = load_html(page("<p>一、总体情况</p>", head).decode().encode("gbk"), "x.html")
    assert doc.lines == ["一、总体情况"] and "declared gbk" in doc.description


def test_utf8_page_without_a_charset_declaration() -> None:
    doc = load_html(page("<p>一、总体情况</p>", head="<title>t</title>"), "x.html")
    assert doc.lines == ["一、总体情况"]
    assert doc.description == "HTML (UTF-8, no charset declared)"


def test_gbk_page_without_a_charset_declaration() -> None:
    doc = load_html(page("<p>一、总体情况</p>", head="").decode().encode("gbk"), "x.html")
    assert doc.lines == ["一、总体情况"]
    assert doc.description == "HTML (GB18030, no charset declared)"


def test_page_declared_utf8_that_is_really_gbk_is_read_with_a_note() -> None:
    doc = load_html(page("<p>一、总体情况</p>").decode().encode("gbk"), "x.html")
    assert doc.lines == ["一、总体情况"]
    assert "declares UTF-8" in doc.description


def test_page_declared_gb2312_that_is_really_utf8_is_read_with_a_note() -> None:
    doc = load_html(page("<p>一、总体情况</p>", '<meta charset="gb2312">'), "x.html")
    assert doc.lines == ["一、总体情况"]
    assert "declares gb2312 but is UTF-8" in doc.description


# --- publication date -------------------------------------------------------------------------
def test_publication_date_from_meta_pubdate() -> None:
    doc = load_html(
        page("<p>一、总体情况</p>", '<meta charset="utf-8"><meta name="PubDate" content="2022-02-08 16:34">'),
        "x",
    )
    assert doc.metadata == {"publication_date": "2022-02-08"}


@pytest.mark.parametrize(
    "info",
    ["发布日期：2025年2月20日", "<span>发布时间：</span><span>2025-02-20 09:30</span>", "发布时间:2025/2/20"],
)
def test_publication_date_from_the_page_text(info: str) -> None:
    doc = load_html(page(f'<div class="info">{info}</div><div><p>一、总体情况</p></div>'), "x")
    assert doc.metadata == {"publication_date": "2025-02-20"}
    assert all("发布" not in line for line in doc.lines)


def test_no_publication_date_when_the_page_states_none() -> None:
    doc = load_html(page("<p>一、总体情况</p><p>2025年2月20日</p>"), "x")
    assert "publication_date" not in doc.metadata


def test_rendered_page_with_a_pubdate_reports_it() -> None:
    text = (REPO / "examples" / "clean-county.txt").read_text(encoding="utf-8")
    assert load_html(to_html(text, pubdate="2025-02-21"), "x").metadata == {"publication_date": "2025-02-21"}


# --- hostile input ----------------------------------------------------------------------------
def test_absurdly_deep_nesting_is_a_safety_limit() -> None:
    data = page("<div>" * 100_000 + "一、总体情况" + "</div>" * 100_000)
    with pytest.raises(LoadError) as info:
        load_html(data, "deep.html")
    assert info.value.code == "GIP013"


def test_moderate_nesting_is_read() -> None:
    doc = load_html(page("<div>" * 200 + "<p>一、总体情况</p>" + "</div>" * 200), "x.html")
    assert doc.lines == ["一、总体情况"]


def test_a_table_spanning_absurdly_is_a_safety_limit() -> None:
    rows = "".join('<tr><td colspan="1000">甲</td><td>1</td></tr>' for _ in range(300))
    with pytest.raises(LoadError) as info:
        load_html(page(f"<table>{rows}</table>"), "x.html")
    assert info.value.code == "GIP013"


def test_rowspan_beyond_the_table_is_clamped() -> None:
    data = page('<table><tr><td rowspan="99999999">甲</td><td>1</td></tr><tr><td>2</td></tr></table>')
    assert load_html(data, "x.html").lines == [
        "甲\t1",
        "\t2\t",
    ]  # the trailing TAB keeps it a table row (LineBuilder.row)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n",
        b"<",
        b"<html>",
        b"\x00\xff\xfe\x00",
        b"<p>\x00</p>",
        b"<table><tr><td colspan=x rowspan=-3>1",
    ],
)
def test_malformed_input_raises_only_load_error(data: bytes) -> None:
    try:
        load_html(data, "bad.html")
    except LoadError as exc:
        assert exc.code in ("GIP001", "GIP013")


def test_random_bytes_raise_only_load_error() -> None:
    rng = random.Random(4)
    pieces = [
        b"<table>",
        b"<tr>",
        b"<td rowspan=3>",
        b"<td colspan=2>",
        b"</td>",
        b"<p>",
        b"<br>",
        b"\xd6\xd0",
        b"\xe4\xb8\xad",
        b"<!--",
        b"-->",
        b"<![if x]>",
        b"&nbsp;",
        b"</div>",
        b"<div class=nav>",
        b"\x00",
    ]
    for _ in range(200):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        with contextlib.suppress(LoadError):
            load_html(data, "fuzz.html")


# --- a real page ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pingtan() -> Document:
    if not PINGTAN.is_file():
        pytest.skip("../shared/corpus/pingtan-2021.html is not present")
    return load_html(PINGTAN.read_bytes(), PINGTAN.name)


def test_pingtan_tables_and_identities_read_correctly(pingtan: Document) -> None:
    result = lint_source(pingtan.text, PINGTAN.name, pingtan.description)
    codes = {d.code for d in result.diagnostics}
    assert not codes & {"GIP003", "GIP210", "GIP211", "GIP212", "GIP220", "GIP102", "GIP103"}, codes
    report = result.report
    assert report is not None and report.year == 2021
    assert report.t2 is not None and report.t3 is not None and report.t4 is not None
    t2, t3, t4 = report.t2, report.t3, report.t4
    assert t2.value("art20_1.normative", "in_force") == 665
    assert t2.value("art20_5.licensing", "decisions") == 2293
    assert t3.value("new", "natural") == 64
    assert t3.value("new", "legal_service") == 0
    assert t3.value("new", "other_org") == 4
    assert t3.value("new", "total") == 70
    assert t3.value("unable.not_held", "total") == 25
    assert t3.value("total", "total") == 69
    assert t3.value("carried_out", "total") == 1
    assert t4.value("review", "total") == 3
    assert t4.value("lit_direct", "upheld") == 12


def test_pingtan_chrome_does_not_leak(pingtan: Document) -> None:
    assert pingtan.lines[0] == "平潭综合实验区2021年度政府信息公开工作年度报告"
    assert pingtan.lines[-1] == "2021年，无收取信息处理费情况。"
    for line in pingtan.lines:
        for word in (
            "当前位置",
            "首页",
            "QQ空间",
            "来源：",
            "文件下载",
            "相关链接",
            "全真版",
            "友情链接",
            "人民网",
            "主办单位",
        ):
            assert word not in line, (word, line)
    assert pingtan.metadata == {"publication_date": "2022-02-08"}


def test_pingtan_origins_point_into_the_source(pingtan: Document) -> None:
    source = PINGTAN.read_text(encoding="utf-8").split("\n")
    row = next(i for i, line in enumerate(pingtan.lines, 1) if line.startswith("一、本年新收"))
    origin = pingtan.origin_at(row, pingtan.lines[row - 1].index("70") + 1)  # the 总计 cell
    assert origin is not None and origin.line is not None and origin.column is not None
    assert source[origin.line - 1][origin.column - 1 :].startswith("<td")
    assert "70" in "".join(source[origin.line - 1 : origin.line + 8])
