"""The report generator: determinism, table identities, defect placement, layouts, sizes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from giplint.reportgen import DEFECTS, OUTCOME_ROWS, SIZES, T3_ROWS, T4_GROUPS, corpus, generate, zh_numeral

seeds = st.integers(min_value=0, max_value=10**9)
FAST = settings(max_examples=50, deadline=None)


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def test_same_seed_same_text() -> None:
    for seed in (0, 1, 12345):
        assert generate(seed).text == generate(seed).text
        assert (
            generate(seed, defect="bookmark", size="small").text
            == generate(seed, defect="bookmark", size="small").text
        )


def test_different_seeds_differ() -> None:
    assert len({generate(seed).text for seed in range(10)}) == 10


@FAST
@given(seeds)
def test_table3_identities_hold(seed: int) -> None:
    t3 = generate(seed, size="small").tables["t3"]
    assert set(t3) == set(T3_ROWS)
    for row in t3.values():
        assert len(row) == 7 and min(row) >= 0
        assert row[6] == sum(row[:6])  # I3
    for col in range(7):
        assert t3["new"][col] + t3["carried_in"][col] == t3["total"][col] + t3["carried_out"][col]  # I1
        assert t3["total"][col] == sum(t3[key][col] for key in OUTCOME_ROWS)  # I2


@FAST
@given(seeds)
def test_table4_and_table2_are_consistent(seed: int) -> None:
    tables = generate(seed, size="small").tables
    for group in T4_GROUPS:
        values = tables["t4"][group]
        assert len(values) == 5 and min(values) >= 0
        assert values[4] == sum(values[:4])
    for key in ("art20_1.rules", "art20_1.normative"):
        issued, repealed, in_force = tables["t2"][key]
        assert issued <= in_force + repealed  # no negative stock at the end of N-1 (GIP205)


@FAST
@given(seeds)
def test_table3_figures_are_printed(seed: int) -> None:
    report = generate(seed, size="small")
    total_row = report.tables["t3"]["total"]
    if report.layout == "B":
        row = next(line for line in lines_of(report.text) if line.startswith("\t(七) 总计\t"))
        assert row.split("\t")[2:9] == [str(v) for v in total_row]
    else:
        lines = lines_of(report.text)
        at = lines.index("\t（七）总计")
        assert lines[at + 1 : at + 8] == [f"\t{v}" for v in total_row]


@FAST
@given(seeds)
def test_valid_report_has_required_statements(seed: int) -> None:
    report = generate(seed, size="small")
    text, n = report.text, report.year
    assert report.defect is None and report.expected_code is None and report.defect_line is None
    assert f"{n}年1月1日" in text and f"{n}年12月31日" in text
    assert "六部分组成" in text
    assert "信息处理费" in text
    assert f"{n + 1}年，" in text  # a plan for the next year in part 五
    headings = [line for line in lines_of(text) if re.match(r"^[一二三四五六]、", line) and "\t" not in line]
    assert [h[0] for h in headings] == list("一二三四五六")
    for marker in ("XX", "某某", "**", "[bookmark", "_GoBack"):
        assert marker not in text
    if report.issuer_kind == "government":
        assert "考核" in text and "评议" in text and ("追究" in text or "问责" in text)


@FAST
@given(seeds)
def test_signature_date_meets_deadline(seed: int) -> None:
    report = generate(seed, size="small")
    last = [line for line in lines_of(report.text) if line.strip()][-1]
    match = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", last)
    assert match, last
    year, month, day = (int(g) for g in match.groups())
    assert year == report.year + 1
    deadline = (1, 31) if report.issuer_kind == "department" else (3, 31)
    assert (month, day) <= deadline


REDUPLICATION = re.compile(r"([\u4e00-\u9fff]{2,4})\1")
ASCII_PUNCT = re.compile(r"[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")


@settings(max_examples=20, deadline=None)
@given(seeds, st.sampled_from(sorted(SIZES)))
def test_prose_is_clean(seed: int, size: str) -> None:
    report = generate(seed, size=size)
    sentences: set[str] = set()
    for line in lines_of(report.text):
        if "\t" in line:
            continue
        assert not REDUPLICATION.search(line), line
        assert not ASCII_PUNCT.search(line), line
        for match in YEAR.finditer(line):
            year = int(match.group(1))
            assert year == report.year or (year == report.year + 1 and line.startswith(f"{year}年")), line
        for sentence in re.findall(r"[^。]{12,}。", line):
            assert sentence not in sentences, sentence
            sentences.add(sentence)


@pytest.mark.parametrize("layout", ["A", "B"])
@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_defect_is_at_its_line(defect: str, layout: str) -> None:
    for seed in range(5):
        report = generate(seed, layout=layout, defect=defect)
        assert report.expected_code == DEFECTS[defect]
        lines = lines_of(report.text)
        line = lines[report.defect_line - 1]
        t3, t4, n = report.tables["t3"], report.tables["t4"], report.year
        if defect == "part-missing":
            assert line.startswith("六、")
            assert not any(x.startswith("五、") for x in lines)
        elif defect == "t3-outcome-sum":
            assert t3["total"][6] == sum(t3[k][6] for k in OUTCOME_ROWS) + 1
            if layout == "A":
                assert line == f"\t{t3['total'][6]}" and lines[report.defect_line - 8] == "\t（七）总计"
            else:
                assert line.split("\t")[1] == "(七) 总计" and line.split("\t")[8] == str(t3["total"][6])
        elif defect == "t4-group-total":
            review = t4["review"]
            assert review[4] == sum(review[:4]) + 1
            if layout == "A":
                assert line == f"\t{review[4]}"
            else:
                assert line.split("\t")[:5] == [str(v) for v in review]
        elif defect == "narrative-received":
            assert f"收到政府信息公开申请{t3['new'][6] + t3['carried_in'][6] + 3}件" in line
        elif defect == "fee-missing":
            assert line == "无。" and "信息处理费" not in report.text
        elif defect == "period-year":
            assert "统计期限" in line and f"{n - 1}年1月1日" in line and f"{n - 1}年12月31日" in line
            assert f"{n}年1月1日" not in report.text
        elif defect == "bookmark":
            assert line.startswith("[bookmark: _GoBack]") and "问题" in line
        elif defect == "placeholder":
            assert "XX" in line and "。" in line and line.count("XX") == 1
            assert report.issuer not in line


def test_valid_reports_carry_no_defect_marker() -> None:
    for seed in range(20):
        report = generate(seed)
        assert "[bookmark" not in report.text and "XX" not in report.text
        assert "\n无。\n" not in report.text


def test_layouts_differ() -> None:
    a = lines_of(generate(7, layout="A").text)
    b = lines_of(generate(7, layout="B").text)
    assert "\t一、本年新收政府信息公开申请数量" in a
    assert not any(line.startswith("一、本年新收") for line in a)
    assert any(line.startswith("一、本年新收政府信息公开申请数量\t") for line in b)
    assert any(line.startswith("\t(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)\t") for line in b)
    # Layout A: every table line is one cell; layout B: rows of many cells.
    assert max(line.count("\t") for line in a) == 1
    assert max(line.count("\t") for line in b) == 14  # table 四's 15-cell value row


def test_layout_a_wraps_some_header_cells() -> None:
    texts = [generate(seed, layout="A").text for seed in range(10)]
    assert any("\t商业\n企业\n" in text for text in texts)
    assert any("\t商业企业\n" in text for text in texts)


@pytest.mark.parametrize(
    ("size", "low", "high"), [("small", 4_000, 6_500), ("typical", 6_800, 9_500), ("large", 36_000, 44_000)]
)
def test_sizes(size: str, low: int, high: int) -> None:
    for seed in range(6):
        assert low <= len(generate(seed, size=size).text.encode()) <= high


def test_crlf_option() -> None:
    plain = generate(3, defect="bookmark")
    crlf = generate(3, defect="bookmark", crlf=True)
    assert "\r\n" in crlf.text and "\n" not in crlf.text.replace("\r\n", "")
    assert crlf.text.replace("\r\n", "\n") == plain.text
    assert crlf.defect_line == plain.defect_line


def test_options_are_honoured() -> None:
    report = generate(11, layout="B", year=2022, issuer_kind="government")
    assert (report.layout, report.year, report.issuer_kind) == ("B", 2022, "government")
    assert report.issuer.endswith(("区", "县", "市"))
    department = generate(11, issuer_kind="department")
    assert department.issuer.endswith(("局", "委员会", "办公室"))


def test_unknown_options_are_rejected() -> None:
    with pytest.raises(ValueError):
        generate(0, defect="no-such-defect")
    with pytest.raises(ValueError):
        generate(0, size="huge")
    with pytest.raises(ValueError):
        generate(0, layout="C")


def test_corpus_mixes_reports() -> None:
    reports = corpus(40, seed=1)
    assert len(reports) == 40
    defective = [r for r in reports if r.defect]
    assert 3 <= len(defective) <= 20
    assert {r.layout for r in reports} == {"A", "B"}
    assert {r.issuer_kind for r in reports} == {"department", "government"}
    assert [r.text for r in corpus(5, seed=1)] == [r.text for r in reports[:5]]


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "一"), (2, "两"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一"), (99, "九十九")],
)
def test_zh_numeral(n: int, text: str) -> None:
    assert zh_numeral(n) == text


# ---------------------------------------------------------------------------------------------
# End to end through the linter: the generator is the oracle, the linter is under test.


def lint(text: str) -> list:
    linter = pytest.importorskip("giplint.linter")
    return linter.lint_text(text)


@pytest.mark.parametrize("size", ["small", "typical"])
@pytest.mark.parametrize("layout", ["A", "B"])
@pytest.mark.parametrize("issuer_kind", ["department", "government"])
def test_valid_reports_lint_clean(issuer_kind: str, layout: str, size: str) -> None:
    for seed in range(3):
        report = generate(seed, layout=layout, issuer_kind=issuer_kind, size=size, crlf=seed == 2)
        found = [(d.code, d.span.line) for d in lint(report.text)]
        assert found == [], (seed, found)


@pytest.mark.parametrize("layout", ["A", "B"])
@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_linter_finds_the_defect_at_its_line(defect: str, layout: str) -> None:
    for seed in range(3):
        report = generate(seed, layout=layout, defect=defect, size="small")
        found = {(d.code, d.span.line) for d in lint(report.text)}
        assert (report.expected_code, report.defect_line) in found, (seed, sorted(found))


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
EXPECTED = {  # file -> (code, line) findings, exactly as examples/README.md lists them
    "clean-department.txt": [],
    "clean-county.txt": [],
    "broken-arithmetic.txt": [("GIP210", 342), ("GIP211", 342), ("GIP212", 342), ("GIP220", 398)],
    "broken-structure.txt": [("GIP101", 67), ("GIP107", 17)],
    "broken-narrative.txt": [("GIP301", 13), ("GIP304", 13), ("GIP309", 360)],
    "broken-dates.txt": [("GIP501", 3), ("GIP504", 8), ("GIP506", 85)],
    "broken-hygiene.txt": [
        ("GIP401", 426),
        ("GIP701", 418),
        ("GIP702", 420),
        ("GIP702", 420),
        ("GIP703", 17),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_findings(name: str) -> None:
    path = EXAMPLES / name
    if not path.exists():
        pytest.skip("examples/ not present")
    text = path.read_text(encoding="utf-8")
    assert 5_000 <= len(text.encode()) <= 10_000
    found = sorted((d.code, d.span.line) for d in lint(text))
    assert found == sorted(EXPECTED[name])
