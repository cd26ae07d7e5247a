"""Narrative facts read from prose strings (format reference §8). All wording is fictional."""

from __future__ import annotations

import re
import unicodedata

import pytest

from giplint.model import Line
from giplint.narrative import STABLE, Fact, Issuer, facts_of, normalise

OFFICE = Issuer("青禾市云溪区人民政府办公室", "department")
DISTRICT = Issuer("青禾市云溪区", "government")
COUNTY = Issuer("白石县", "government")


def kinds(text: str, issuer: Issuer = DISTRICT, part: int = 1) -> list[tuple[str, int | None]]:
    return [(f.kind, f.value) for f in facts_of(text, issuer, part)]


def only(text: str, kind: str, issuer: Issuer = DISTRICT, part: int = 1) -> Fact:
    found = [f for f in facts_of(text, issuer, part) if f.kind == kind]
    assert len(found) == 1, found
    return found[0]


# --- requests ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年共受理政府信息公开申请5件。", [("received", 5)]),
        ("本年度收到依申请公开事项8项。", [("received", 8)]),
        ("接到政府信息公开申请3个。", [("received", 3)]),
        ("本年新收政府信息公开申请6件。", [("new", 6)]),
        ("全年接到3件政府信息公开申请。", [("received", 3)]),
        ("共收到政府信息公开申请五件。", [("received", 5)]),
        ("共收到政府信息公开申请十二件。", [("received", 12)]),
        ("共收到政府信息公开申请二十一件。", [("received", 21)]),
        ("共收到政府信息公开申请一百零五件。", [("received", 105)]),
        ("共收到政府信息公开申请１２件。", [("received", 12)]),
        ("共收到政府信息公开申请1,234件。", [("received", 1234)]),
        ("共收到政府信息公开申请 1 3 件。", [("received", 13)]),
        ("全年办理政府信息公开申请9件。", [("handled", 9)]),
    ],
)
def test_received_forms(text: str, expected: list[tuple[str, int]]) -> None:
    assert kinds(text) == expected


def test_received_and_closed_in_one_phrase() -> None:
    # "受理办结…N件": one figure, two statements (R1 and R24).
    assert sorted(kinds("2022年，共受理办结依申请公开4件。")) == [("closed", 4), ("received", 4)]


def test_bare_application_needs_context() -> None:
    assert kinds("全年受理5件申请。") == []
    assert kinds("依申请公开方面，全年受理5件申请。") == [("received", 5)]


def test_only_the_first_count_after_the_verb() -> None:
    text = "全年共收到政府信息公开申请10件，其中自然人8件、法人或其他组织2件。"
    assert kinds(text) == [("received", 10)]


def test_breakdown_by_channel_is_not_a_total() -> None:
    assert kinds("其中，通过网上渠道收到政府信息公开申请6件。") == []


@pytest.mark.parametrize(
    "text",
    [
        "共收到政府信息公开申请约100件。",
        "共收到政府信息公开申请近30件。",
        "共收到政府信息公开申请超过20件。",
        "共收到政府信息公开申请100余件。",
        "共收到政府信息公开申请30多件。",
        "共收到政府信息公开申请20件左右。",
        "共收到政府信息公开申请50件以上。",
        "共收到政府信息公开申请数十件。",
    ],
)
def test_approximate_numbers_are_marked(text: str) -> None:
    facts = facts_of(text, DISTRICT, 1)
    assert [f.kind for f in facts] == ["received"]
    assert facts[0].approximate
    assert not facts[0].comparable


def test_a_range_is_not_a_count() -> None:
    fact = only("共收到政府信息公开申请三五件。", "received")
    assert fact.value is None and not fact.comparable


@pytest.mark.parametrize(
    "text",
    [
        # hotline, mailbox and online-message figures are another population (§8.4)
        "12345市民热线受理1200件，办结率100%，“区长信箱”受理网民来信60件，办结58件，其余转入下一年度办理。",
        "收到群众网上留言办理数量90条，已全部办结。",
        "全年受理群众来信来访中涉及政府信息公开的诉求15件。",
        # a difference, not a count
        "收到政府信息公开申请较上年增加5件。",
        # a duration
        "答复期限为十五个工作日。",
        "依法在收到政府信息公开申请之日起20个工作日内予以答复。",
        # figures inside a title
        "印发《关于受理政府信息公开申请3件以内的工作规程》。",
    ],
)
def test_look_alikes_give_no_fact(text: str) -> None:
    assert kinds(text) == []


def test_closed_needs_the_request_context() -> None:
    assert kinds("本年度办结5件。") == []
    assert kinds("收到政府信息公开申请6件，依法办结5件。") == [("received", 6), ("closed", 5)]
    assert kinds("收到政府信息公开申请4件，依法答复4个。") == [("received", 4), ("closed", 4)]


def test_closed_after_a_case_is_not_a_request_figure() -> None:
    text = "发生政府信息公开行政复议3件，已办结2件。"
    assert ("closed", 2) not in kinds(text)


def test_carried_over() -> None:
    text = "受理政府信息公开申请7件，上年结转1件，办结6件，结转至2025年2件。"
    assert kinds(text) == [("received", 7), ("carried_in", 1), ("closed", 6), ("carried_out", 2)]
    assert kinds("新收政府信息公开申请3件，结转下一年度继续办理1件。") == [("new", 3), ("carried_out", 1)]


def test_outcomes() -> None:
    text = "收到政府信息公开申请9件，其中予以公开3件，部分公开1件，不予公开2件，无法提供2件，不予处理1件。"
    facts = [(f.category, f.value) for f in facts_of(text, DISTRICT, 1) if f.kind == "outcome"]
    assert facts == [("granted", 3), ("partial", 1), ("denied", 2), ("unable", 2), ("not_processed", 1)]


def test_outcome_list_in_part_three_stands_alone() -> None:
    facts = facts_of("从办理结果看，予以公开2件，无法提供1件。", DISTRICT, part=3)
    assert [(f.category, f.value) for f in facts] == [("granted", 2), ("unable", 1)]


# --- negative forms -----------------------------------------------------------------------------------
def test_none_received() -> None:
    fact = only("（二）依申请公开。2023年未收到政府信息公开申请。", "none_received")
    assert fact.text == "未收到政府信息公开申请"
    assert kinds("本年度没有收到依申请公开申请。") == [("none_received", None)]


def test_none_received_about_cases_is_a_case_statement() -> None:
    text = "未收到针对政府信息公开申请答复的行政复议。"
    assert [f.kind for f in facts_of(text, DISTRICT, 1)] == ["none_case"]


def test_none_case_reads_the_clause_for_both_case_types() -> None:
    fact = only("全年未发生政府信息公开行政复议、行政诉讼案件。", "none_case")
    assert fact.cases == ("review", "lit_direct", "lit_after_review")
    fact = only("本年度未发生因政府信息公开被申请行政复议的情况，被提起行政诉讼1件。", "none_case")
    assert fact.cases == ("review",)


def test_none_case_about_outcomes_is_ignored() -> None:
    assert kinds("政府信息公开工作未发生行政复议被纠错的情况。") == []


def test_all_closed_needs_a_case_as_last_object() -> None:
    fact = only("全区针对政府信息公开事务的行政复议申请1起，已全部办结。", "all_closed")
    assert fact.cases == ("review",)
    assert [f.kind for f in facts_of("收到群众留言50条，已全部办结。", DISTRICT, 1)] == []
    text = "未发生政府信息公开行政复议，收到政府信息公开申请5件，已全部办结。"
    assert "all_closed" not in [f.kind for f in facts_of(text, DISTRICT, 1)]


# --- table 四 and table 二 ---------------------------------------------------------------------------
def test_case_counts() -> None:
    text = "发生有关政府信息公开事务的行政复议2件，已全部处理。行政诉讼案件0件。"
    assert kinds(text) == [("review", 2), ("all_closed", None), ("litigation", 0)]
    assert kinds("因政府信息公开被申请行政复议两起。") == [("review", 2)]


def test_case_counts_that_are_not_totals() -> None:
    assert kinds("政府信息公开行政复议纠错0件。") == []
    assert ("litigation", 1) not in kinds("政府信息公开行政复议后提起行政诉讼1件。")


def test_case_counts_need_disclosure_context() -> None:
    # A general rule-of-law paragraph about all reconsiderations of the government.
    assert kinds("全年办理行政复议案件120件。") == []
    assert kinds("全年办理行政复议案件1件。", part=4) == [("review", 1)]


def test_stock() -> None:
    assert kinds("截至年底，现行有效行政规范性文件47件。") == [("stock", 47)]


# --- populations --------------------------------------------------------------------------------------
def test_scope_words_that_name_another_body() -> None:
    fact = only("区政府办代表区政府受理政府信息公开申请17件。", "received")
    assert set(fact.scope) == {"政府办", "代表"}


def test_scope_word_naming_the_issuer_is_not_a_scope_change() -> None:
    fact = only("2023年，区政府办公室共受理政府信息公开申请5件。", "received", OFFICE)
    assert fact.scope == ()


def test_whole_area_words() -> None:
    text = "全县针对政府信息公开事务的行政复议申请1起。"
    assert only(text, "review", COUNTY).scope == ()
    assert only(text, "review", DISTRICT).scope == ("全县",)
    assert only(text, "review", Issuer("白石县交通运输局", "department")).scope == ("全县",)


# --- offsets ------------------------------------------------------------------------------------------
def test_spans_point_at_the_original_text() -> None:
    line = Line(7, "全年收到 “政府信息公开” 申请 1 3 件。", "")
    prose = normalise([line], part=1)
    [fact] = facts_of(line.text, DISTRICT, 1)
    span = prose.span(fact.start, fact.end)
    assert (span.line, span.column) == (7, line.text.index("1") + 1)
    assert span.end_column == line.text.index("件") + 2
    assert prose.original(fact.start, fact.end) == "1 3 件"


def test_full_width_digits_keep_their_columns() -> None:
    line = Line(3, "收到政府信息公开申请１２件", "")
    prose = normalise([line])
    assert prose.text == "收到政府信息公开申请12件"
    assert prose.original(10, 13) == "１２件"


def test_joined_lines_map_to_both_lines() -> None:
    first, second = Line(4, "全年共收到政府信息", ""), Line(6, "公开申请7件。", "")
    prose = normalise([first, second])
    assert prose.text == "全年共收到政府信息公开申请7件。"
    start = prose.text.index("7")
    span = prose.span(start, start + 2)
    assert (span.line, span.column, span.end_column) == (6, 5, 7)
    whole = prose.span(0, len(prose.text))
    assert (whole.line, whole.end_line) == (4, 6)


def test_titles_are_masked_but_keep_offsets() -> None:
    line = Line(1, "按照《2024年工作要点》，受理政府信息公开申请3件。", "")
    prose = normalise([line])
    assert prose.text == "按照《》，受理政府信息公开申请3件。"
    start = prose.text.index("3")
    assert prose.original(start, start + 2) == "3件"


def test_characters_outside_the_fast_path_keep_their_offsets() -> None:
    line = Line(2, "共 １，２３４ 件…㈠，1,234件", "")
    prose = normalise([line])
    assert prose.text == "共1234件...(一)，1234件"
    dots = prose.text.index("...")
    assert prose.original(dots, dots + 3) == "…"
    assert prose.original(dots + 3, dots + 6) == "㈠"
    assert prose.original(1, 6) == "１，２３４ 件"
    assert prose.span(len(prose.text) - 5, len(prose.text)).column == line.text.index("1,234") + 1


def test_stable_characters_normalise_to_themselves() -> None:
    """normalise() copies runs of STABLE characters without looking at them: each must be one that
    the per-character rules (NFKC, drop whitespace and quotes, full-width ，；：！？) leave alone."""
    stable = re.compile(f"[{STABLE}]")
    full_width = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
    special = set("\"'“”‘’「」『』\u200b\u200c\u200d\ufeff《,")
    for code in range(0x10000):
        ch = chr(code)
        if stable.match(ch):
            out = "".join(full_width.get(c, c) for c in unicodedata.normalize("NFKC", ch) if not c.isspace())
            assert out == ch and ch not in special and not ch.isspace(), hex(code)
