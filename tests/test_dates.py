"""Date parsing, masks, period and signature extraction, issuer level and deadlines, on plain strings."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from giplint.datemasks import FILL, mask_contact, mask_structure, mask_years
from giplint.dates import find_dates, find_period, find_signature, infer_issuer_kind, small_chinese
from giplint.deadlines import deadline_for, issuer_name
from giplint.model import Line
from giplint.textkey import text_key


def line(text: str, number: int = 1) -> Line:
    return Line(number, text, text_key(text))


def only(text: str):
    found = find_dates(text)
    assert len(found) == 1, found
    return found[0]


# --- find_dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年1月26日", dt.date(2025, 1, 26)),
        ("2022 年 2 月 8 日", dt.date(2022, 2, 8)),
        ("2024-01-26", dt.date(2024, 1, 26)),
        ("2024/1/26", dt.date(2024, 1, 26)),
        ("2024.01.26", dt.date(2024, 1, 26)),
        ("二〇二四年一月二十六日", dt.date(2024, 1, 26)),
        ("二○一二年二月二十日", dt.date(2012, 2, 20)),
        ("二O二五年三月十日", dt.date(2025, 3, 10)),
        ("二〇二四年十二月三十一日", dt.date(2024, 12, 31)),
        ("２０２５年１月８日", dt.date(2025, 1, 8)),
    ],
)
def test_full_dates(text: str, expected: dt.date) -> None:
    mention = only(text)
    assert mention.kind == "date"
    assert mention.date == expected
    assert (mention.start, mention.end) == (0, len(text))


def test_offsets_point_into_the_original_text() -> None:
    text = "落款：青禾市云溪区人民政府 2025 年 2 月 8 日。"
    mention = only(text)
    assert text[mention.start : mention.end] == "2025 年 2 月 8 日"
    assert text[mention.start : mention.year_end] == "2025 年"


def test_month_end_month_and_year_forms() -> None:
    end = only("截止 2021 年 12 月底，累计发布信息")
    assert (end.kind, end.last_day()) == ("month_end", dt.date(2021, 12, 31))
    month = only("2024年2月，我局召开会议")
    assert (month.kind, month.first_day(), month.last_day()) == (
        "month",
        dt.date(2024, 2, 1),
        dt.date(2024, 2, 29),
    )
    year = only("本机关2024年度未收取信息处理费")
    assert (year.kind, year.year) == ("year", 2024)
    assert year.first_day() == dt.date(2024, 1, 1) and year.last_day() == dt.date(2024, 12, 31)


def test_date_without_a_year_takes_the_year_given() -> None:
    first, second = find_dates("2022年1月1日至12月31日")
    assert second.year is None and (second.month, second.day) == (12, 31)
    assert second.last_day(first.year) == dt.date(2022, 12, 31)


@pytest.mark.parametrize(
    "text",
    [
        "发布各类信息2007条",
        "全年发布信息2632条，新开设1个",
        "联系电话：0469-4240836",
        "邮编：155100",
        "新兴大街191号",
        "金额1439.4967万元",
        "版本 2024.13.40",  # month 13: not a date at all in the numeric form
        "12345市民热线受理2854件",
        "网址 http://example.gov.cn/2024/01/26/a.html",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("2024年2月30日", False),
        ("2024年13月1日", False),
        ("2024年12月32日", False),
        ("2023年2月29日", False),
        ("2024年2月29日", True),
        ("二〇二四年十三月一日", False),
        ("2024-02-30", False),
        ("2月30日", False),
        ("2月29日", True),
    ],
)
def test_validity(text: str, valid: bool) -> None:
    assert only(text).valid is valid


def test_small_chinese_numerals() -> None:
    assert [small_chinese(t) for t in ("一", "十", "十二", "二十", "二十六", "三十一", "廿六", "卅")] == [
        1, 10, 12, 20, 26, 31, 26, 30,
    ]  # fmt: skip
    assert small_chinese("十十") is None and small_chinese("二三") is None and small_chinese("") is None


def test_no_super_linear_backtracking() -> None:
    nasty = [
        "2024 " * 20000,
        "1" * 100000,
        "年" * 50000,
        "a." * 50000 + "@",
        "《" * 30000,
        "2024年" + " " * 50000 + "1",
        "十" * 50000 + "月",
    ]
    started = time.perf_counter()
    for text in nasty:
        find_dates(text)
        mask_years(text, 2024)
    assert time.perf_counter() - started < 5


# --- masks (§9.3) ----------------------------------------------------------------------------


def visible_years(text: str, year: int = 2024) -> list[int | None]:
    masked = mask_years(text, year)
    assert len(masked) == len(text)
    return [m.year for m in find_dates(masked)]


@pytest.mark.parametrize(
    "text",
    [
        "根据国办公开办函〔2021〕30号要求",
        "根据国办公开办函〔2021〕30 号要求",
        "（云政办发[2023]12号）",
        "依据《中华人民共和国政府信息公开条例》（国务院令 第 711 号）",
        "对照《2023年政务公开工作考核指标》开展自查",
        "印发《关于〈2023年度报告格式〉的通知》",
        "落实《法治政府建设实施纲要（2021-2025年）》",
        "实施2021—2025年规划",
        "《中华人民共和国政府信息公开条例》（2019年4月3日修订）",
        "该办法自2023年5月1日起施行",
        "详见 http://qh.gov.cn/2023年/list.html",
    ],
)
def test_structural_masks_hide_other_years(text: str) -> None:
    assert [y for y in visible_years(text) if y not in (None, 2024)] == []


def test_contact_mask_keeps_length_and_hides_contact_data() -> None:
    text = "电话0469-4240836，邮编155100，邮箱qh2023@163.com，网址https://www.qh.gov.cn/a"
    masked = mask_contact(text)
    assert len(masked) == len(text)
    for gone in ("0469-4240836", "155100", "qh2023@163.com", "https://www.qh.gov.cn/a"):
        assert gone not in masked
    assert "电话" in masked and "邮编" in masked


def test_forward_plan_for_next_year_is_masked_anywhere() -> None:
    assert visible_years("2025年，我局将进一步加强政策解读。") == []
    assert visible_years("认真制定2025年全县政务公开工作计划。") == []
    # Without a plan word a 2025 year stays visible.
    assert visible_years("2025年，我局共受理申请3件。") == [2025]


def test_carry_over_and_comparisons_are_masked() -> None:
    assert visible_years("另有1件结转至2025年办理。") == []
    assert visible_years("办理2023年度结转的申请2件。") == []
    assert visible_years("主动公开信息1200条，较2023年增长12%。") == []
    assert visible_years("与2023年相比，申请数量有所下降。") == []
    assert visible_years("在全市2023年度政务公开绩效考核中位列第一。") == []
    # The comparison cue only covers its own sentence.
    assert visible_years("较上年增长12%。2023年，我局共受理申请5件。") == [2023]


def test_classic_copy_stays_visible() -> None:
    assert visible_years("2023年，我局共受理政府信息公开申请5件。") == [2023]
    assert mask_structure("2023年，我局") == "2023年，我局"
    assert FILL not in mask_years("2024年，我局共受理申请5件。", 2024)


# --- find_period -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "years"),
    [
        (
            "报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。",
            (2024, 1, 1),
            (2024, 12, 31),
            [2024],
        ),
        (
            "所列数据的统计期限为 2021 年 1 月 1 日至 2021 年 12 月 31 日。",
            (2021, 1, 1),
            (2021, 12, 31),
            [2021],
        ),
        ("统计期限为2022年1月1日至12月31日。", (2022, 1, 1), (2022, 12, 31), [2022]),
        ("本报告统计期限为2024年度。", (2024, 1, 1), (2024, 12, 31), [2024]),
        ("统计时限为2024年1月至12月。", (2024, 1, 1), (2024, 12, 31), [2024]),
        ("统计期限为2023年1月1日至2024年6月30日。", (2023, 1, 1), (2024, 6, 30), [2023, 2024]),
        (
            "统计期限自二〇二四年一月一日起至二〇二四年十二月三十一日止。",
            (2024, 1, 1),
            (2024, 12, 31),
            [2024],
        ),
    ],
)
def test_find_period(text: str, start: tuple, end: tuple, years: list[int]) -> None:
    period = find_period([line("青禾市云溪区2024年政府信息公开工作年度报告", 1), line(text, 3)])
    assert period is not None
    assert period.start == dt.date(*start) and period.end == dt.date(*end)
    assert period.years == years
    assert period.span.line == 3
    assert text[period.span.column - 1 : period.span.end_column - 1] == period.text
    assert period.text.startswith(("2", "二"))


def test_period_with_one_date_has_no_end() -> None:
    period = find_period([line("统计期限自2024年1月1日起。")])
    assert period is not None and period.start == dt.date(2024, 1, 1) and period.end is None


def test_no_period_statement() -> None:
    assert find_period([line("2024年，我局认真贯彻《条例》。"), line("统计期限如下。")]) is None


# --- find_signature --------------------------------------------------------------------------


def test_signature_from_the_closing_block() -> None:
    signed = find_signature([line("白石县交通运输局", 40), line("2025年1月26日", 41)], [])
    assert signed is not None and signed.date == dt.date(2025, 1, 26)
    assert (signed.span.line, signed.span.column, signed.span.end_column) == (41, 1, 11)


def test_signature_in_chinese_numerals_and_iso() -> None:
    assert find_signature([line("二〇二五年一月二十日")], []).date == dt.date(2025, 1, 20)  # type: ignore[union-attr]
    assert find_signature([line("2025-01-20")], []).date == dt.date(2025, 1, 20)  # type: ignore[union-attr]


def test_signature_from_part_six_only_when_it_stands_alone() -> None:
    tail = [line("本机关2024年度未收取信息处理费。", 30), line("白石县交通运输局 2025年1月20日", 31)]
    signed = find_signature([], tail)
    assert signed is not None and signed.date == dt.date(2025, 1, 20) and signed.span.line == 31
    sentence = [line("按照2024年12月20日印发的通知，全年未收取信息处理费。", 30)]
    assert find_signature([], sentence) is None


def test_no_signature() -> None:
    assert find_signature([line("白石县交通运输局")], [line("无。")]) is None
    assert find_signature([line("2025年2月30日")], []) is None  # impossible: GIP509's business


# --- issuer level and deadlines --------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("涞源县", "government"),
        ("新绛县", "government"),
        ("新绛县人民政府", "government"),
        ("尖山区", "government"),
        ("青禾市云溪区人民政府", "government"),
        ("某某自治州", "government"),
        ("汾西县人民政府办公室", "department"),
        ("白石县交通运输局", "department"),
        ("青禾市发展和改革委员会", "department"),
        ("青禾市政务服务中心", "department"),
        ("云溪镇人民政府", "township"),
        ("石桥街道办事处", "township"),
        ("石桥街道", "township"),
        ("新绛县 2021 年政府信息公开工作年度报告", "government"),
        ("白石县交通运输局2024年政府信息公开工作年度报告", "department"),
        ("", "unknown"),
        (None, "unknown"),
        ("年度报告", "unknown"),
    ],
)
def test_infer_issuer_kind(name: str | None, kind: str) -> None:
    assert infer_issuer_kind(name) == kind


def test_government_office_settled_by_the_text() -> None:
    office = "青禾市云溪区人民政府办公室"
    assert infer_issuer_kind(office, body="2024年，我办共受理政府信息公开申请5件。") == "department"
    assert infer_issuer_kind(office, body="2024年，全区各部门共受理政府信息公开申请50件。") == "government"


def test_issuer_name_cuts_the_title() -> None:
    assert issuer_name("新绛县 2021 年政府信息公开工作年度报告") == "新绛县"
    assert issuer_name("白石县交通运输局政府信息公开工作年度报告") == "白石县交通运输局"


@pytest.mark.parametrize(
    ("year", "kind", "expected"),
    [
        (2024, "department", dt.date(2025, 1, 31)),
        (2024, "government", dt.date(2025, 3, 31)),
        (2024, "township", dt.date(2025, 3, 31)),
        (2024, "unknown", dt.date(2025, 3, 31)),
        (2021, "department", dt.date(2022, 1, 31)),
        (2018, "department", dt.date(2019, 3, 31)),
    ],
)
def test_deadline_for(year: int, kind: str, expected: dt.date) -> None:
    assert deadline_for(year, kind) == expected  # type: ignore[arg-type]


def test_deadline_overrides() -> None:
    assert deadline_for(2024, "township", {"township": "02-28"}) == dt.date(2025, 2, 28)
    assert deadline_for(2024, "department", {"township": "02-28"}) == dt.date(2025, 1, 31)
