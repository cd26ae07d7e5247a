from __future__ import annotations

import codecs

import pytest

from giplint.linter import lint_bytes, lint_text
from giplint.loaders.text import UndecodableError, decode, split_lines
from giplint.reportgen import generate

TEXT = "青禾县2024年政府信息公开工作年度报告\n一、总体情况\n本年度（全年）工作。\n"


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "UTF-8 with BOM"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "UTF-16 LE with BOM"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "UTF-16 BE with BOM"),
        (TEXT.encode("gb18030"), "GB18030"),
        (TEXT.encode("gbk"), "GB18030"),
        (TEXT.encode("utf-16-le"), "UTF-16 LE without BOM"),
    ],
)
def test_each_encoding_is_recognised(data: bytes, label: str) -> None:
    decoded = decode(data)
    assert decoded.text == TEXT
    assert decoded.encoding == label


def test_gb18030_text_is_not_mistaken_for_utf8() -> None:
    # GBK bytes of Chinese text are not valid UTF-8, so the UTF-8 check cannot accept them.
    with pytest.raises(UnicodeDecodeError):
        TEXT.encode("gb18030").decode("utf-8")


def test_bom_with_invalid_body_is_undecodable() -> None:
    with pytest.raises(UndecodableError):
        decode(codecs.BOM_UTF8 + b"\xff\xfe\xfd")


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_line_ends_are_counted_as_editors_count_them(eol: str) -> None:
    text = eol.join(["a", "b\u2028still b", "", "c"]) + eol
    assert split_lines(text) == ["a", "b\u2028still b", "", "c"]


@pytest.mark.parametrize("layout", ["A", "B"])
def test_same_findings_in_every_encoding_and_line_end(layout: str) -> None:
    report = generate(7, layout=layout, defect="t3-outcome-sum")
    expected = [(d.code, d.span.line, d.span.column, d.text("en")) for d in lint_text(report.text)]
    assert expected, "the injected defect must be found"
    for codec, bom in (
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("gb18030", b""),
    ):
        for eol in ("\n", "\r\n", "\r"):
            data = bom + report.text.replace("\n", eol).encode(codec)
            result = lint_bytes(data, "<text>")
            got = [(d.code, d.span.line, d.span.column, d.text("en")) for d in result.diagnostics]
            assert got == expected, (codec, bom, repr(eol))


def test_empty_and_binary_files_get_gip001() -> None:
    assert [d.code for d in lint_bytes(b"", "empty.txt").diagnostics] == ["GIP001"]
    assert [d.code for d in lint_bytes(b"  \n\t\n", "blank.txt").diagnostics] == ["GIP001"]


def test_binary_garbage_and_other_formats_get_a_clear_diagnostic() -> None:
    import random

    rng = random.Random(5)
    garbage = bytes(rng.randrange(256) for _ in range(4096))
    assert [d.code for d in lint_bytes(garbage, "x.txt").diagnostics] == ["GIP001"]
    assert [
        d.code for d in lint_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "r.doc").diagnostics
    ] == ["GIP011"]
    assert [d.code for d in lint_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "scan.png").diagnostics] == [
        "GIP011"
    ]
    msg = lint_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "r.doc").diagnostics[0].text("en")
    assert ".docx" in msg


def test_size_limit_refuses_before_reading(tmp_path) -> None:
    from giplint.linter import lint_path

    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    result = lint_path(big, max_bytes=1024)
    assert [d.code for d in result.diagnostics] == ["GIP013"]
    assert "max-file-size" in result.diagnostics[0].text("en")
