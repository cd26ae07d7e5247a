"""A minimal, valid, fictional annual report with chosen table figures and chosen prose.

Tables are written in layout B (one TAB-separated row per line). Table 三 puts every request in the
自然人 column, so each row's 总计 equals its 自然人 value; the caller keeps the balance
(新收 + 上年结转 = 总计 + 结转) when it matters to the test.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

T3_ROWS: list[tuple[str, str, str]] = [  # (key, category cell, label cell)
    ("new", "一、本年新收政府信息公开申请数量", ""),
    ("carried_in", "二、上年结转政府信息公开申请数量", ""),
    ("granted", "三、本年度办理结果", "（一）予以公开"),
    ("partial", "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied.state_secret", "（三）不予公开", "1.属于国家秘密"),
    ("denied.prohibited_by_law", "", "2.其他法律行政法规禁止公开"),
    ("denied.security_stability", "", "3.危及“三安全一稳定”"),
    ("denied.third_party", "", "4.保护第三方合法权益"),
    ("denied.internal_affairs", "", "5.属于三类内部事务信息"),
    ("denied.process_info", "", "6.属于四类过程性信息"),
    ("denied.enforcement_file", "", "7.属于行政执法案卷"),
    ("denied.inquiry_matter", "", "8.属于行政查询事项"),
    ("unable.not_held", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unable.needs_creation", "", "2.没有现成信息需要另行制作"),
    ("unable.still_unclear", "", "3.补正后申请内容仍不明确"),
    ("not_processed.petition", "（五）不予处理", "1.信访举报投诉类申请"),
    ("not_processed.repeat", "", "2.重复申请"),
    ("not_processed.publication", "", "3.要求提供公开出版物"),
    ("not_processed.mass_repeat", "", "4.无正当理由大量反复申请"),
    ("not_processed.confirm_reissue", "", "5.要求行政机关确认或重新出具已获取信息"),
    (
        "other.no_correction",
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    ("other.fee_unpaid", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other.other", "", "3.其他"),
    ("total", "", "（七）总计"),
    ("carried_out", "四、结转下年度继续办理", ""),
]
OUTCOME_ROWS = [key for key, _, _ in T3_ROWS[2:-2]]

# 新收 5 = 予以公开 3 + 无法提供 1 + 结转 1.
DEFAULT_T3: dict[str, int] = {"new": 5, "granted": 3, "unable.not_held": 1, "carried_out": 1}
T4_GROUPS = ("review", "lit_direct", "lit_after_review")


def table3_lines(t3: Mapping[str, int]) -> list[str]:
    values = {key: t3.get(key, 0) for key, _, _ in T3_ROWS}
    if "total" not in t3:
        values["total"] = sum(values[k] for k in OUTCOME_ROWS)
    out = [
        "\t".join(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "申请人情况"]),
        "\t".join(["", "", "自然人", "法人或其他组织", "", "", "", "", "总计"]),
        "\t".join(["", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]),
    ]
    for key, category, label in T3_ROWS:
        v = values[key]
        out.append("\t".join([category, label, str(v), "0", "0", "0", "0", "0", str(v)]))
    return out


def table4_lines(t4: Mapping[str, Sequence[int]]) -> list[str]:
    cells: list[str] = []
    for group in T4_GROUPS:
        upheld, corrected, other, pending = [*t4.get(group, ()), 0, 0, 0, 0][:4]
        cells += [str(v) for v in (upheld, corrected, other, pending, upheld + corrected + other + pending)]
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [
        "\t".join(["行政复议", "", "", "", "", "行政诉讼"]),
        "\t".join([*results, "未经复议直接起诉", "", "", "", "", "复议后起诉"]),
        "\t".join(["", "", "", "", "", *results, *results]),
        "\t".join(cells),
    ]


def table2_lines(in_force: int) -> list[str]:
    return [
        "第二十条第（一）项",
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
        "规章\t0\t0\t0",
        f"行政规范性文件\t2\t1\t{in_force}",
        "第二十条第（五）项",
        "信息内容\t本年处理决定数量",
        "行政许可\t12",
        "第二十条第（六）项",
        "信息内容\t本年处理决定数量",
        "行政处罚\t8",
        "行政强制\t0",
        "第二十条第（八）项",
        "信息内容\t本年收费金额（单位：万元）",
        "行政事业性收费\t0",
    ]


def report_text(
    *,
    part1: Sequence[str] = ("（二）依申请公开。全年依法规范办理政府信息公开申请。",),
    part2: Sequence[str] = (),
    part3: Sequence[str] = (),
    part4: Sequence[str] = (),
    t3: Mapping[str, int] | None = None,
    t4: Mapping[str, Sequence[int]] | None = None,
    normative_in_force: int = 9,
    year: int = 2023,
    issuer: str = "青禾市云溪区",
    signer: str = "青禾市云溪区人民政府",
    with_t4: bool = True,
) -> str:
    """A complete report; each prose argument is a list of paragraphs for that part."""
    lines: list[str] = [
        f"{issuer}{year}年政府信息公开工作年度报告",
        "",
        f"本报告依据《中华人民共和国政府信息公开条例》编制，所列数据的统计期限为{year}年1月1日至{year}年12月31日。",
        "",
        "一、总体情况",
        "",
        f"{year}年，{issuer}扎实推进政府信息公开工作。",
    ]

    def paras(texts: Sequence[str]) -> None:
        for text in texts:
            lines.extend(["", text])

    paras(part1)
    lines += ["", "二、主动公开政府信息情况"]
    paras(part2)
    lines += ["", *table2_lines(normative_in_force), "", "三、收到和处理政府信息公开申请情况"]
    paras(part3)
    lines += ["", *table3_lines(DEFAULT_T3 if t3 is None else t3)]
    if with_t4:
        lines += ["", "四、政府信息公开行政复议、行政诉讼情况"]
        paras(part4)
        lines += ["", *table4_lines(t4 or {})]
    lines += [
        "",
        "五、存在的主要问题及改进情况",
        "",
        "一是公开内容不够全面；二是解读形式较为单一。下一步将加强培训，提升公开质量。",
        "",
        "六、其他需要报告的事项",
        "",
        "本年度未收取信息处理费。",
        "",
        signer,
        f"{year + 1}年1月20日",
    ]
    return "\n".join(lines) + "\n"


def line_of(text: str, fragment: str) -> int:
    """The 1-based number of the first line containing ``fragment``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} is not in the text")
