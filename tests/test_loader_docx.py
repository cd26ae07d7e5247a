"""The DOCX loader: same findings as the text it was rendered from, merged cells, Word's XML details,
locations, and hostile files (zip bombs, entity bombs, old .doc, damaged archives)."""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections import Counter
from pathlib import Path

import docx
import pytest

from docxrender import to_docx
from giplint.linter import lint_text
from giplint.loaders.document import Document, LoadError
from giplint.loaders.docx import format_number, load_docx
from giplint.loaders.ziplimits import MAX_MEMBERS, MAX_RATIO, MAX_TOTAL, check_zip
from giplint.reportgen import DEFECTS, generate

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.txt"))

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def findings(text: str) -> Counter[tuple[str, str]]:
    return Counter((d.code, d.text("en")) for d in lint_text(text))


def make_docx(body: str, *, parts: dict[str, str] | None = None, prolog: str = "") -> bytes:
    """A minimal .docx whose body is ``body`` (WordprocessingML inside w:body)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        zf.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        zf.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{W}" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
            f"<w:body>{body}</w:body></w:document>",
        )
        for name, xml in (parts or {}).items():
            zf.writestr(name, xml)
    return buf.getvalue()


def p(text: str, ppr: str = "") -> str:
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def tc(text: str, tcpr: str = "") -> str:
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{p(text) if text else '<w:p/>'}</w:tc>"


def labels(doc: Document, i: int) -> list[str | None]:
    return [o.label for _, o in doc.origins[i]]


# --- same findings as the text --------------------------------------------------------------------
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_same_findings_as_text(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    doc = load_docx(to_docx(text), path.name)
    assert findings(doc.text) == findings(text)


CASES = [
    (seed, layout, defect)
    for seed, (layout, defect) in enumerate([(lay, d) for d in [None, *DEFECTS] for lay in "AB"])
]


@pytest.mark.parametrize(("seed", "layout", "defect"), CASES)
def test_generated_same_findings_as_text(seed: int, layout: str, defect: str | None) -> None:
    report = generate(seed, layout=layout, defect=defect, size="small")
    doc = load_docx(to_docx(report.text, split_t2=seed % 2 == 1), "r.docx")
    expected = findings(report.text)
    assert findings(doc.text) == expected
    if defect:
        assert DEFECTS[defect] in {code for code, _ in expected}


def test_rendering_is_deterministic_and_uses_real_merges() -> None:
    text = EXAMPLES[0].read_text(encoding="utf-8")
    data = to_docx(text)
    assert data == to_docx(text)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert xml.count("<w:gridSpan") > 20
    assert xml.count("<w:vMerge") > 40
    assert xml.count("<w:numPr>") >= 2  # some part headings numbered by Word, not typed
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        footers = [zf.read(n).decode() for n in zf.namelist() if n.startswith("word/footer")]
    assert any("PAGE" in f for f in footers)  # page furniture that the loader must not read
    assert "PAGE" not in load_docx(data, "x").text


# --- grid and locations ---------------------------------------------------------------------------
def test_tables_expand_to_full_grid_with_locations() -> None:
    text = (Path(EXAMPLES[0]).parent / "broken-arithmetic.txt").read_text(encoding="utf-8")
    doc = load_docx(to_docx(text), "a.docx")
    rows = [line for line in doc.lines if "\t" in line]
    assert len(rows) == 14 + 28 + 4  # table 二 (one table), 三 and 四
    assert all(len(r.split("\t")) == 4 for r in rows[:14])
    assert all(len(r.split("\t")) == 10 for r in rows[14:42])
    assert all(len(r.split("\t")) == 15 for r in rows[42:])
    # A merged label keeps its text in the first grid cell; the covered cells are empty.
    new_row = next(r for r in rows if r.startswith("一、本年新收"))
    assert new_row.split("\t")[1:3] == ["", ""]
    assert rows[14].split("\t")[1:4] == ["", "", "申请人情况"]
    # The finding on the 总计 cell of （七）总计 points at table 2 (table 二 is table 1), row 27, column 10.
    diag = next(d for d in lint_text(doc.text) if d.code == "GIP211")
    origin = doc.origin_at(diag.span.line, diag.span.column)
    assert origin is not None
    assert origin.label == "表2 第27行 第10列"
    assert origin.label_en == "table 2, row 27, column 10"
    assert doc.lines[diag.span.line - 1].split("\t")[9] == "8"


def test_separate_t2_tables_shift_table_numbers() -> None:
    text = (Path(EXAMPLES[0]).parent / "broken-arithmetic.txt").read_text(encoding="utf-8")
    doc = load_docx(to_docx(text, split_t2=True), "a.docx")
    diag = next(d for d in lint_text(doc.text) if d.code == "GIP211")
    origin = doc.origin_at(diag.span.line, diag.span.column)
    assert origin is not None and origin.label == "表5 第27行 第10列"


def test_paragraph_locations_count_body_paragraphs() -> None:
    text = (Path(EXAMPLES[0]).parent / "broken-narrative.txt").read_text(encoding="utf-8")
    doc = load_docx(to_docx(text), "n.docx")
    diag = next(d for d in lint_text(doc.text) if d.code == "GIP301")
    origin = doc.origin_at(diag.span.line, diag.span.column)
    assert origin is not None and origin.label is not None
    # Count independently: non-empty top-level paragraphs up to the one holding the finding.
    word = docx.Document(io.BytesIO(to_docx(text)))
    body = [para.text for para in word.paragraphs if para.text.strip()]
    target = doc.lines[diag.span.line - 1]
    n = next(i for i, t in enumerate(body, 1) if target.endswith(t.strip()) or t.strip().endswith(target))
    assert origin.label == f"第{n}段"
    assert origin.label_en == f"paragraph {n}"


def test_signature_line_break_splits_into_two_lines_of_one_paragraph() -> None:
    doc = load_docx(
        make_docx("<w:p><w:r><w:t>青禾市云溪区交通运输局</w:t><w:br/><w:t>2025年1月9日</w:t></w:r></w:p>"),
        "x",
    )
    assert doc.lines == ["青禾市云溪区交通运输局", "2025年1月9日"]
    assert labels(doc, 0) == labels(doc, 1) == ["第1段"]


# --- Word XML details -----------------------------------------------------------------------------
def test_fields_bookmarks_hidden_and_revisions() -> None:
    body = (
        '<w:p><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>'
        "<w:r><w:t>见第</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGEREF _Toc123 \\h \\* MERGEFORMAT </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r>'
        '<w:fldSimple w:instr=" NUMPAGES \\* MERGEFORMAT "><w:r><w:t>，共9页</w:t></w:r></w:fldSimple>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>"
        '<w:del w:id="1" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t>。</w:t></w:r></w:ins>'
        '<w:r><w:footnoteReference w:id="1"/></w:r>'
        "<w:r><w:tab/><w:t>完</w:t></w:r></w:p>"
    )
    doc = load_docx(make_docx(body), "x")
    assert doc.lines == ["见第3页，共9页。 完"]


def test_content_controls_frames_and_nested_tables() -> None:
    inner = f"<w:tbl><w:tr>{tc('内1')}{tc('内2')}</w:tr></w:tbl>"
    body = (
        f"<w:sdt><w:sdtPr/><w:sdtContent>{p('控件中的段落')}"
        f"<w:tbl><w:tr>{tc('甲')}{tc('乙')}</w:tr></w:tbl></w:sdtContent></w:sdt>"
        # A one-cell table framing content is read as body content.
        f"<w:tbl><w:tr><w:tc>{p('框中段落')}<w:tbl><w:tr>{tc('丙')}{tc('丁')}</w:tr></w:tbl></w:tc></w:tr></w:tbl>"
        f"<w:tbl><w:tr><w:tc>{p('外')}{inner}</w:tc>{tc('外2')}</w:tr></w:tbl>"
        f"{p('结尾')}"
    )
    doc = load_docx(make_docx(body), "x")
    assert [x for x in doc.lines if x] == [
        "控件中的段落",
        "甲\t乙",
        "框中段落",
        "丙\t丁",
        "外\t外2",
        "内1\t内2",
        "结尾",
    ]
    by_text = {line: labels(doc, i) for i, line in enumerate(doc.lines) if line}
    assert by_text["控件中的段落"] == ["第1段"]
    assert by_text["甲\t乙"] == ["表1 第1行 第1列", "表1 第1行 第2列"]
    assert by_text["框中段落"] == ["第2段"]
    assert by_text["丙\t丁"][0] == "表3 第1行 第1列"  # the frame is table 2
    assert by_text["外\t外2"][0] == "表4 第1行 第1列"
    assert by_text["内1\t内2"][0] == "表5 第1行 第1列"
    assert by_text["结尾"] == ["第3段"]


def test_merges_expand_and_misaligned_grid_columns_are_dropped() -> None:
    # Every cell spans two grid columns (borders that do not line up): no empty cells in between.
    # Row 1: a vertical merge restart and a horizontal merge; row 2: the continuation.
    span2 = '<w:gridSpan w:val="2"/>'
    restart = '<w:vMerge w:val="restart"/>'
    span4 = '<w:gridSpan w:val="4"/>'
    body = (
        "<w:tbl>"
        f"<w:tr>{tc('类别', span2 + restart)}{tc('标题', span4)}</w:tr>"
        f"<w:tr>{tc('', span2 + '<w:vMerge/>')}{tc('1', span2)}{tc('2', span2)}</w:tr>"
        '<w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>'
        f"{tc('3', span2)}{tc('4', span2)}</w:tr>"
        "</w:tbl>"
    )
    doc = load_docx(make_docx(body), "x")
    rows = [x for x in doc.lines if x]
    assert rows == ["类别\t标题\t", "\t1\t2", "\t3\t4"]
    assert labels(doc, doc.lines.index("\t3\t4")) == ["表1 第3行 第1列", "表1 第3行 第2列", "表1 第3行 第3列"]


def test_cell_lines_are_joined_without_spaces_between_chinese() -> None:
    body = f"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>商业</w:t><w:br/><w:t>企业</w:t></w:r></w:p></w:tc>{tc('Total')}</w:tr>"
    body += f"<w:tr><w:tc>{p('ABC')}{p('DEF')}</w:tc>{tc('5')}</w:tr></w:tbl>"
    doc = load_docx(make_docx(body), "x")
    assert [x for x in doc.lines if x] == ["商业企业\tTotal", "ABC DEF\t5"]


NUMBERING = f"""<?xml version="1.0"?><w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
<w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:numFmt w:val="ideographDigital"/><w:lvlText w:val="%1年"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="2025"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
</w:numbering>"""
STYLES = f"""<?xml version="1.0"?><w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="MyHeading"><w:basedOn w:val="Heading1"/></w:style>
</w:styles>"""


def num(num_id: int, ilvl: int = 0) -> str:
    return f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>'


def test_automatic_numbering_is_rebuilt() -> None:
    body = (
        p("总体情况", num(1))
        + p("主动公开", num(1, 1))
        + p("依申请公开", num(1, 1))
        + p("主动公开政府信息情况", '<w:pPr><w:pStyle w:val="MyHeading"/></w:pPr>')  # numbered by its style
        + p("要点", num(2))  # a bullet adds nothing
        + p("", num(1))  # an empty numbered paragraph still counts in Word
        + p("存在的主要问题及改进情况", num(4))
        + p("度", num(3))
    )
    doc = load_docx(make_docx(body, parts={"word/numbering.xml": NUMBERING, "word/styles.xml": STYLES}), "x")
    assert [x for x in doc.lines if x] == [
        "一、总体情况",
        "（一）主动公开",
        "（二）依申请公开",
        "二、主动公开政府信息情况",
        "要点",
        "三、",
        "五、存在的主要问题及改进情况",
        "二〇二五年度",
    ]


@pytest.mark.parametrize(
    ("n", "fmt", "out"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (12, "chineseCountingThousand", "十二"),
        (21, "chineseCounting", "二十一"),
        (2024, "ideographDigital", "二〇二四"),
        (3, "decimalEnclosedCircle", "③"),
        (4, "upperRoman", "IV"),
        (2, "lowerLetter", "b"),
        (7, "decimalFullWidth", "７"),
        (1, "bullet", None),
    ],
)
def test_number_formats(n: int, fmt: str, out: str | None) -> None:
    assert format_number(n, fmt) == out


def test_headers_footers_and_footnotes_are_not_read() -> None:
    doc = load_docx(
        make_docx(
            p("正文") + '<w:sectPr><w:headerReference w:type="default" r:id="rId9" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></w:sectPr>',
            parts={
                "word/header1.xml": f'<w:hdr xmlns:w="{W}">{p("页眉文字")}</w:hdr>',
                "word/footnotes.xml": f'<w:footnotes xmlns:w="{W}"><w:footnote w:id="1">{p("脚注文字")}</w:footnote></w:footnotes>',
            },
        ),
        "x",
    )
    assert doc.lines == ["正文"]


# --- unreadable and hostile files -----------------------------------------------------------------
def code_of(data: bytes) -> str:
    with pytest.raises(LoadError) as info:
        load_docx(data, "x.docx")
    assert info.value.reason_zh and info.value.reason_en
    return info.value.code


def test_old_doc_file() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    with pytest.raises(LoadError) as info:
        load_docx(data, "x.docx")
    assert info.value.code == "GIP011"
    assert ".docx" in info.value.reason_en and ".doc " in info.value.reason_en


def test_damaged_files() -> None:
    good = to_docx(EXAMPLES[0].read_text(encoding="utf-8"))
    assert code_of(b"<html><body>not word</body></html>") == "GIP001"
    assert code_of(good[: len(good) // 2]) == "GIP001"  # truncated download
    assert code_of(b"") == "GIP001"
    without_main = io.BytesIO()
    with zipfile.ZipFile(without_main, "w") as zf:
        zf.writestr("word/styles.xml", f'<w:styles xmlns:w="{W}"/>')
    assert code_of(without_main.getvalue()) == "GIP001"
    broken_xml = make_docx(p("未闭合") + "<w:p><w:r>")
    with pytest.raises(LoadError) as info:
        load_docx(broken_xml, "x.docx")
    assert info.value.code == "GIP001" and "re-save it from Word" in info.value.reason_en


def test_random_damage_never_escapes_as_another_exception() -> None:
    good = to_docx(EXAMPLES[5].read_text(encoding="utf-8"))
    rng = random.Random(7)
    for _ in range(60):
        data = bytearray(good)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        try:
            load_docx(bytes(data), "x.docx")
        except LoadError as exc:
            assert exc.code in ("GIP001", "GIP013")


def test_billion_laughs_is_refused() -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)
    )
    data = make_docx("<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", prolog=f"<!DOCTYPE w:document [{entities}]>")
    assert code_of(data) == "GIP013"


def test_doctype_with_external_entity_is_refused() -> None:
    data = make_docx(
        "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>",
        prolog='<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    )
    with pytest.raises(LoadError) as info:
        load_docx(data, "x.docx")
    assert info.value.code == "GIP013" and "DOCTYPE" in info.value.reason_en


def test_absurd_nesting_is_refused() -> None:
    data = make_docx("<w:p>" + "<w:sdt><w:sdtContent>" * 400 + "</w:sdtContent></w:sdt>" * 400 + "</w:p>")
    assert code_of(data) == "GIP013"


def zeros_zip(name: str, megabytes: int) -> bytes:
    buf = io.BytesIO()
    chunk = bytes(1 << 20)
    with (
        zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf,
        zf.open(name, "w", force_zip64=megabytes > 1000) as fh,
    ):
        for _ in range(megabytes):
            fh.write(chunk)
    return buf.getvalue()


def test_zip_bomb_over_the_total_is_refused_before_extraction() -> None:
    data = zeros_zip("word/document.xml", MAX_TOTAL // (1 << 20) + 1)
    with pytest.raises(LoadError) as info:
        load_docx(data, "x.docx")
    assert info.value.code == "GIP013" and "uncompressed" in info.value.reason_en


def test_zip_bomb_by_ratio_is_refused() -> None:
    data = zeros_zip("word/media/image1.png", 20)
    with pytest.raises(LoadError) as info:
        check_zip(data, max_total=MAX_TOTAL, max_ratio=MAX_RATIO, max_members=MAX_MEMBERS)
    assert info.value.code == "GIP013" and "ratio" in info.value.reason_en


def test_zip_bomb_that_lies_about_its_size_is_caught_while_inflating() -> None:
    data = bytearray(zeros_zip("word/document.xml", 20))
    small = 4096
    # Rewrite the uncompressed size in the local header (offset 22) and the central directory (24).
    assert data[:4] == b"PK\x03\x04"
    struct.pack_into("<I", data, 22, small)
    central = data.rindex(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, small)
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        assert zf.infolist()[0].file_size == small  # the directory now claims a harmless size
    with pytest.raises(LoadError) as info:
        load_docx(bytes(data), "x.docx")
    assert info.value.code == "GIP013" and "declared" in info.value.reason_en


def test_too_many_members() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for i in range(30):
            zf.writestr(f"word/media/{i}.txt", "x")
    with pytest.raises(LoadError) as info:
        check_zip(buf.getvalue(), max_total=MAX_TOTAL, max_ratio=MAX_RATIO, max_members=20)
    assert info.value.code == "GIP013" and "members" in info.value.reason_en


def test_an_ordinary_docx_passes_the_zip_check() -> None:
    data = to_docx(EXAMPLES[0].read_text(encoding="utf-8"))
    check_zip(data, max_total=MAX_TOTAL, max_ratio=MAX_RATIO, max_members=MAX_MEMBERS)
    with pytest.raises(LoadError):
        check_zip(data, max_total=1000, max_ratio=MAX_RATIO, max_members=MAX_MEMBERS)


def raw_deflate_zip(name: str, compressed: bytes, size: int, crc: int) -> bytes:
    """A one-member zip written by hand, so the compressed bytes can be anything."""
    fname = name.encode()
    local = struct.pack(
        "<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(compressed), size, len(fname), 0
    )
    central = struct.pack(
        "<4sHHHHHHIIIHHHHHII",
        b"PK\x01\x02",
        20,
        20,
        0,
        8,
        0,
        0x21,
        crc,
        len(compressed),
        size,
        len(fname),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    body = local + fname + compressed
    directory = central + fname
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(directory), len(body), 0)
    return body + directory + end


def test_junk_after_the_deflate_stream_does_not_hang_the_check() -> None:
    # zlib keeps bytes after the end of the stream as an "unconsumed tail" when output was capped,
    # and returns nothing for them forever: the check once looped on such a (fuzzed) member.
    content = random.Random(0).randbytes(40000) + bytes(25537)
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    compressed = packer.compress(content) + packer.flush() + b"junk"
    data = raw_deflate_zip("word/media/image1.bin", compressed, len(content), zlib.crc32(content))
    check_zip(data, max_total=MAX_TOTAL, max_ratio=MAX_RATIO, max_members=MAX_MEMBERS)
