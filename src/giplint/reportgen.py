"""Deterministic generator of fictional annual reports, valid or with one known defect.

The reports follow the 2021 format (国办公开办函〔2021〕30号) as it looks after conversion to plain text:
layout A (one table cell per line, as HTML tables become) or layout B (one TAB-separated row per line, as
PDF tables become). Issuers, places and figures are invented. Every valid report satisfies the arithmetic
identities of tables 三 and 四 and states narrative figures that agree with the tables, so the linter
should report nothing on it; a defective report carries exactly one injected defect whose expected code
and line are recorded, which makes the generator both a test oracle and a benchmark corpus.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

# Defect name -> the code the linter must report for it.
DEFECTS: dict[str, str] = {
    "part-missing": "GIP101",
    "t3-outcome-sum": "GIP211",
    "t4-group-total": "GIP220",
    "narrative-received": "GIP301",
    "fee-missing": "GIP401",
    "period-year": "GIP501",
    "bookmark": "GIP701",
    "placeholder": "GIP703",
}

SIZES: dict[str, tuple[int, int]] = {  # target UTF-8 size in bytes, (low, high)
    "small": (4_400, 5_400),
    "typical": (7_600, 8_600),
    "large": (38_000, 42_000),
}


@dataclass
class GeneratedReport:
    """A generated report and what the linter must find in it.

    ``tables`` holds the figures as printed in ``text`` (a table defect is included):
    ``{"t2": {row_key: [values]}, "t3": {row_key: [7 ints]}, "t4": {group: [5 ints]}}``; the table 二
    fee amount is a string in 万元 exactly as printed.
    """

    text: str
    year: int
    layout: str  # "A" or "B"
    issuer: str
    issuer_kind: str  # "department" | "government"
    defect: str | None
    expected_code: str | None
    defect_line: int | None  # 1-based line in ``text``
    tables: dict = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Template labels

T3_ROWS: list[str] = [
    "new",
    "carried_in",
    "granted",
    "partial",
    "denied.state_secret",
    "denied.prohibited_by_law",
    "denied.security_stability",
    "denied.third_party",
    "denied.internal_affairs",
    "denied.process_info",
    "denied.enforcement_file",
    "denied.inquiry_matter",
    "unable.not_held",
    "unable.needs_creation",
    "unable.still_unclear",
    "not_processed.petition",
    "not_processed.repeat",
    "not_processed.publication",
    "not_processed.mass_repeat",
    "not_processed.confirm_reissue",
    "other.no_correction",
    "other.fee_unpaid",
    "other.other",
    "total",
    "carried_out",
]
OUTCOME_ROWS: list[str] = T3_ROWS[2:23]
T4_GROUPS: list[str] = ["review", "lit_direct", "lit_after_review"]

# (category label or None, row label) per table-三 row, full-width punctuation (layout A).
_T3_LABELS: dict[str, tuple[str | None, str]] = {
    "new": (None, "一、本年新收政府信息公开申请数量"),
    "carried_in": (None, "二、上年结转政府信息公开申请数量"),
    "granted": ("三、本年度办理结果", "（一）予以公开"),
    "partial": (None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    "denied.state_secret": ("（三）不予公开", "1.属于国家秘密"),
    "denied.prohibited_by_law": (None, "2.其他法律行政法规禁止公开"),
    "denied.security_stability": (None, "3.危及“三安全一稳定”"),
    "denied.third_party": (None, "4.保护第三方合法权益"),
    "denied.internal_affairs": (None, "5.属于三类内部事务信息"),
    "denied.process_info": (None, "6.属于四类过程性信息"),
    "denied.enforcement_file": (None, "7.属于行政执法案卷"),
    "denied.inquiry_matter": (None, "8.属于行政查询事项"),
    "unable.not_held": ("（四）无法提供", "1.本机关不掌握相关政府信息"),
    "unable.needs_creation": (None, "2.没有现成信息需要另行制作"),
    "unable.still_unclear": (None, "3.补正后申请内容仍不明确"),
    "not_processed.petition": ("（五）不予处理", "1.信访举报投诉类申请"),
    "not_processed.repeat": (None, "2.重复申请"),
    "not_processed.publication": (None, "3.要求提供公开出版物"),
    "not_processed.mass_repeat": (None, "4.无正当理由大量反复申请"),
    "not_processed.confirm_reissue": (None, "5.要求行政机关确认或重新出具已获取信息"),
    "other.no_correction": (
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    "other.fee_unpaid": (None, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    "other.other": (None, "3.其他"),
    "total": (None, "（七）总计"),
    "carried_out": (None, "四、结转下年度继续办理"),
}
_BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

_PART_TITLES: dict[int, list[str]] = {  # canonical first, then the silent variants
    1: ["总体情况", "政府信息公开总体情况", "政府信息公开工作总体情况"],
    2: ["主动公开政府信息情况", "主动公开政府信息的情况"],
    3: ["收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请的情况"],
    4: ["政府信息公开行政复议、行政诉讼情况", "因政府信息公开工作被申请行政复议、提起行政诉讼情况"],
    5: ["存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况"],
    6: ["其他需要报告的事项", "其它需要报告的事项"],
}
_ORDINALS = "一二三四五六"


def _ascii_label(label: str) -> str:
    """Layout-B spelling of a label, as PDF extraction leaves it: "(一) 予以公开", "1. 属于国家秘密"."""
    label = label.replace("（", "(").replace("）", ")").replace("，", ", ")
    label = re.sub(r"^(\([一二三四五六七]\))", r"\1 ", label)
    return re.sub(r"^(\d)\.", r"\1. ", label)


# ---------------------------------------------------------------------------------------------
# Issuers (fictional)

_CITIES = ["青禾市", "岚川市", "临渚市", "雁汀市", "枫屿市", "芷阳市", "澄岭市", "望桥市"]
_DISTRICTS = ["云溪区", "澜湾区", "桐林区", "栖鹭区", "鹤汀区", "清埠区", "柳港区"]
_COUNTIES = ["白石县", "芦湾县", "柘岭县", "望澜县", "苇塘县", "梧屿县", "杉口县", "蒲川县"]
_DEPARTMENTS = [
    ("交通运输局", "局"),
    ("医疗保障局", "局"),
    ("生态环境局", "局"),
    ("市场监督管理局", "局"),
    ("自然资源和规划局", "局"),
    ("农业农村局", "局"),
    ("人力资源和社会保障局", "局"),
    ("住房和城乡建设局", "局"),
    ("文化和旅游局", "局"),
    ("应急管理局", "局"),
    ("统计局", "局"),
    ("水利局", "局"),
    ("民政局", "局"),
    ("发展和改革委员会", "委"),
    ("卫生健康委员会", "委"),
    ("教育体育委员会", "委"),
    ("人民防空办公室", "办"),
    ("地方志办公室", "办"),
    ("机关事务管理办公室", "办"),
]
_FOCUS = [
    "优化营商环境",
    "乡村振兴",
    "民生保障",
    "安全生产",
    "重大项目建设",
    "惠企政策落实",
    "基层治理",
    "生态环境保护",
    "教育医疗服务",
    "就业和社会保障",
    "城市更新",
    "防汛救灾",
    "食品药品安全",
    "养老服务",
]


@dataclass
class _Issuer:
    name: str  # as in the title and the signature of a department
    kind: str
    area: str  # the area the issuer serves, e.g. 青禾市云溪区
    we: str  # 我局 / 我委 / 我办 / 我区 / 我县 / 我市
    signature: str  # name on the closing line
    level: str  # 市 / 区 / 县 of the area
    site: str  # the portal that carries the disclosure column


def _pick_issuer(rng: random.Random, kind: str) -> _Issuer:
    city = rng.choice(_CITIES)
    level = rng.choice(["区", "县", "县", "市"])
    if level == "区":
        area = city + rng.choice(_DISTRICTS)
    elif level == "县":
        area = rng.choice(_COUNTIES) if rng.random() < 0.6 else city + rng.choice(_COUNTIES)
    else:
        area = city
    site = f"{area}人民政府门户网站"
    if kind == "government":
        return _Issuer(area, kind, area, "我" + level, area + "人民政府", level, site)
    dept, short = rng.choice(_DEPARTMENTS)
    name = area + dept
    return _Issuer(name, kind, area, "我" + short, name, level, site)


# ---------------------------------------------------------------------------------------------
# Numbers

_ZH_DIGITS = "零一二三四五六七八九"
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def zh_numeral(n: int) -> str:
    """Chinese numeral for 1..99 as reports write counts: 两 (2), 十二 (12), 二十一 (21)."""
    if not 1 <= n <= 99:
        raise ValueError(n)
    if n == 2:
        return "两"
    tens, ones = divmod(n, 10)
    unit = _ZH_DIGITS[ones] if ones else ""
    if tens == 0:
        return unit
    return ("" if tens == 1 else _ZH_DIGITS[tens]) + "十" + unit


def _count(n: int, style: str) -> str:
    if style == "zh" and 1 <= n <= 99:
        return zh_numeral(n)
    if style == "fw":
        return str(n).translate(_FULLWIDTH)
    return str(n)


# ---------------------------------------------------------------------------------------------
# Tables


def _make_t3(rng: random.Random, scale: int) -> dict[str, list[int]]:
    """Random table 三 satisfying I1, I2 and I3 (counts per applicant column, then totals)."""
    rows: dict[str, list[int]] = {key: [0] * 7 for key in T3_ROWS}
    # How often each applicant column is active: natural persons dominate, as in real reports.
    activity = [0.95, 0.45, 0.12, 0.12, 0.3, 0.2]
    # Outcome weights: disclosure and "not held" are by far the most frequent answers.
    weights = [30, 8, 1, 1, 1, 2, 1, 1, 1, 1, 20, 3, 3, 3, 2, 1, 1, 1, 2, 1, 2]
    for col in range(6):
        if rng.random() > activity[col]:
            continue
        new = rng.randint(0, scale if col == 0 else max(1, scale // 4))
        carried_in = rng.choice([0, 0, 0, rng.randint(0, 3)])
        available = new + carried_in
        carried_out = min(available, rng.choice([0, 0, 0, rng.randint(0, 3)]))
        concluded = available - carried_out
        rows["new"][col] = new
        rows["carried_in"][col] = carried_in
        rows["carried_out"][col] = carried_out
        rows["total"][col] = concluded
        for _ in range(concluded):
            key = rng.choices(OUTCOME_ROWS, weights=weights)[0]
            rows[key][col] += 1
    for values in rows.values():
        values[6] = sum(values[:6])
    return rows


def _make_t4(rng: random.Random, requests: int) -> dict[str, list[int]]:
    """Random table 四; cases are rarer than requests, as a reconsideration presupposes an answer."""
    t4: dict[str, list[int]] = {}
    busy = rng.random() < min(0.6, 0.08 + requests / 30)
    most = max(1, requests // 4)
    for group in T4_GROUPS:
        parts = [0, 0, 0, 0]
        if busy and rng.random() < (0.8 if group == "review" else 0.35):
            for _ in range(rng.randint(1, most)):
                parts[rng.choices(range(4), weights=[5, 2, 2, 2])[0]] += 1
        t4[group] = [*parts, sum(parts)]
    return t4


def _make_t2(rng: random.Random, issuer: _Issuer, scale: int) -> dict[str, list]:
    # 规章 are made only by governments of 设区的市 and above (立法法); counties and departments have none.
    rules = [0, 0, 0]
    if issuer.kind == "government" and issuer.level == "市" and rng.random() < 0.6:
        issued = rng.randint(0, 3)
        repealed = rng.randint(0, 2)
        rules = [issued, repealed, issued + rng.randint(5, 60)]
    normative = [0, 0, 0]
    if issuer.kind == "government" or rng.random() < 0.6:
        issued = rng.randint(0, 12)
        repealed = rng.randint(0, 6)
        normative = [issued, repealed, issued + rng.randint(0, 80)]
    licensing = rng.choice([0, rng.randint(1, 40), rng.randint(100, 9000)])
    penalty = rng.choice([0, rng.randint(1, 30), rng.randint(50, 2500)])
    coercion = rng.choice([0, 0, rng.randint(1, 25)])
    fee = rng.choice(["0", "0", f"{rng.randint(1, 900)}.{rng.randint(0, 9999):04d}".rstrip("0").rstrip(".")])
    return {
        "art20_1.rules": rules,
        "art20_1.normative": normative,
        "art20_5.licensing": [licensing],
        "art20_6.penalty": [penalty],
        "art20_6.coercion": [coercion],
        "art20_8.admin_fees": [fee],
    }


# ---------------------------------------------------------------------------------------------
# Output with line marks


class _Out:
    """Lines of the report under construction, with named marks (0-based line indexes)."""

    def __init__(self, gap: bool) -> None:
        self.lines: list[str] = []
        self.marks: dict[str, int] = {}
        self.gap = gap

    def line(self, text: str, mark: str | None = None) -> None:
        if mark:
            self.marks[mark] = len(self.lines)
        self.lines.append(text)

    def blank(self) -> None:
        self.lines.append("")

    def ensure_blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def para(self, text: str, mark: str | None = None) -> None:
        self.line(text, mark)
        if self.gap:
            self.blank()


def _wrap(label: str, wrap: bool) -> list[str]:
    """A layout-A header cell, wrapped over two lines the way narrow HTML columns come out."""
    if wrap and len(label) == 4:
        return ["\t" + label[:2], label[2:]]
    return ["\t" + label]


def _render_t2_a(out: _Out, t2: dict[str, list]) -> None:
    sections = [
        (
            "第二十条第（一）项",
            ["本年制发件数", "本年废止件数", "现行有效件数"],
            [("规章", "art20_1.rules"), ("行政规范性文件", "art20_1.normative")],
        ),
        ("第二十条第（五）项", ["本年处理决定数量"], [("行政许可", "art20_5.licensing")]),
        (
            "第二十条第（六）项",
            ["本年处理决定数量"],
            [("行政处罚", "art20_6.penalty"), ("行政强制", "art20_6.coercion")],
        ),
        ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", "art20_8.admin_fees")]),
    ]
    for caption, header, rows in sections:
        out.line("\t" + caption)
        out.blank()
        out.line("\t信息内容")
        for label in header:
            out.line("\t" + label)
        out.blank()
        for label, key in rows:
            out.line("\t" + label)
            for value in t2[key]:
                out.line(f"\t{value}")
            out.blank()


def _render_t2_b(out: _Out, t2: dict[str, list]) -> None:
    def row(*cells: object) -> None:
        out.line("\t".join(str(c) for c in cells))

    row("第二十条第（一）项", "", "", "")
    row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
    row("规章", *t2["art20_1.rules"])
    row("行政规范性文件", *t2["art20_1.normative"])
    row("第二十条第（五）项", "", "", "")
    row("信息内容", "本年处理决定数量", "", "")
    row("行政许可", t2["art20_5.licensing"][0], "", "")
    row("第二十条第（六）项", "", "", "")
    row("信息内容", "本年处理决定数量", "", "")
    row("行政处罚", t2["art20_6.penalty"][0], "", "")
    row("行政强制", t2["art20_6.coercion"][0], "", "")
    row("第二十条第（八）项", "", "", "")
    row("信息内容", "本年收费金额（单位：万元）", "", "")
    row("行政事业性收费", t2["art20_8.admin_fees"][0], "", "")


def _render_t3_a(out: _Out, rng: random.Random, t3: dict[str, list[int]]) -> None:
    wrap = rng.random() < 0.6
    out.line("\t" + _BALANCE_NOTE)
    out.line("\t申请人情况")
    out.blank()
    for cell in ["", "自然人", "法人或其他组织", "总计"]:
        out.line("\t" + cell)
    out.blank()
    out.line("\t")
    out.line("\t")
    for label in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]:
        out.lines.extend(_wrap(label, wrap))
    out.line("\t")
    out.blank()
    for key in T3_ROWS:
        category, label = _T3_LABELS[key]
        if key in ("new", "carried_in", "carried_out"):
            cells = [label]
        elif key in ("granted",):
            cells = [category or "", label]
        elif key in ("partial", "total"):
            cells = ["", label]
        else:
            cells = ["", category or "", label]
        for cell in cells:
            out.line("\t" + cell)
        for i, value in enumerate(t3[key]):
            out.line(f"\t{value}", mark=f"t3.{key}.total" if i == 6 else None)
        out.blank()


def _render_t3_b(out: _Out, t3: dict[str, list[int]]) -> None:
    out.line(
        "\t".join(
            [
                "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)",
                "",
                "申请人情况",
                "",
                "",
                "",
                "",
                "",
                "总计",
                "",
            ]
        )
    )
    out.line("\t".join(["", "", "自然人", "法人或其他组织", "", "", "", "", "", ""]))
    out.line("\t".join(["", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "", ""]))
    for key in T3_ROWS:
        category, label = _T3_LABELS[key]
        label = _ascii_label(label)
        values = [str(v) for v in t3[key]]
        if key in ("new", "carried_in", "carried_out"):
            cells = [label, "", *values, ""]
        elif key == "granted":
            cells = [category or "", label, *values, ""]
        elif key in ("partial", "total"):
            cells = ["", label, *values, ""]
        else:
            cells = ["", _ascii_label(category) if category else "", label, *values]
        out.line("\t".join(cells), mark=f"t3.{key}.total")


_T4_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def _render_t4_a(out: _Out, rng: random.Random, t4: dict[str, list[int]]) -> None:
    wrap = rng.random() < 0.6
    out.line("\t行政复议")
    out.line("\t行政诉讼")
    out.blank()
    for label in _T4_RESULTS:
        out.lines.extend(_wrap(label, wrap and label != "结果维持"))
    out.line("\t未经复议直接起诉")
    out.line("\t复议后起诉")
    out.blank()
    for _ in range(5):
        out.line("\t")
    for label in _T4_RESULTS * 2:
        out.lines.extend(_wrap(label, wrap))
    out.blank()
    for group in T4_GROUPS:
        for i, value in enumerate(t4[group]):
            out.line(f"\t{value}", mark=f"t4.{group}.total" if i == 4 else None)
    out.blank()


def _render_t4_b(out: _Out, t4: dict[str, list[int]]) -> None:
    out.line("\t".join(["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9))
    out.line("\t".join([*_T4_RESULTS, "未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""]))
    out.line("\t".join(["", "", "", "", "", *_T4_RESULTS, *_T4_RESULTS]))
    values = [str(v) for group in T4_GROUPS for v in t4[group]]
    out.line("\t".join(values))
    for group in T4_GROUPS:
        out.marks[f"t4.{group}.total"] = len(out.lines) - 1


# ---------------------------------------------------------------------------------------------
# Prose

_SUBSECTION_TITLES = [
    ["主动公开", "主动公开方面", "主动公开政府信息方面", "主动公开情况"],
    ["依申请公开", "依申请公开方面", "依申请公开情况"],
    ["政府信息管理", "政府信息管理方面", "政府信息管理情况"],
    ["政府信息公开平台建设", "平台建设方面", "政府信息公开平台建设方面"],
    ["监督保障", "监督保障方面", "监督保障情况"],
]

_ACTIVE = [
    "围绕{focus}等重点领域，及时发布政策措施、工作进展和办理结果，做到应公开尽公开。",
    "坚持把政策解读与文件制发同步考虑、同步部署，以图解、问答等形式增强解读效果。",
    "动态更新机构职能、领导分工、权责清单等基础信息，确保公开内容准确完整。",
    "按时公开部门预算、决算及“三公”经费情况，主动接受社会监督。",
    "通过政务新媒体同步推送重要政策和便民信息，扩大信息传播覆盖面。",
    "对涉及群众切身利益的重要政策，在出台前广泛征求社会意见，并公开意见采纳情况。",
    "做好行政许可、行政处罚等执法信息的公开，严格落实行政执法公示制度。",
]
_REQUEST = [
    "严格执行登记、审核、办理、答复、归档等工作流程，确保在法定期限内答复申请人。",
    "对申请内容不明确的，及时告知申请人补正，耐心做好沟通解释工作。",
    "加强与法律顾问的会商研判，提高答复文书的规范性和说理性。",
    "建立依申请公开办理台账，逐件跟踪办理进度，做到件件有回音。",
]
_MANAGE = [
    "严格落实政府信息公开属性源头认定机制，在公文拟制阶段明确公开属性。",
    "坚持“先审查、后公开”和“一事一审”原则，对拟公开信息进行保密审查。",
    "对已公开的行政规范性文件开展清理，及时标注失效和废止状态。",
    "建立健全政府信息公开工作台账，规范信息发布、更新和撤回程序。",
    "加强个人信息保护，对公开内容中的身份证号码、联系电话等敏感信息进行去标识化处理。",
]
_PLATFORM = [
    "持续加强{site}政府信息公开专栏建设，优化栏目设置，提升检索和浏览体验。",
    "加强政务新媒体日常监管，落实内容审核和安全防护责任。",
    "完善政府信息公开指南，及时更新受理机构、联系方式和办理流程。",
    "在政务服务大厅设置政府信息查阅点，为群众查阅信息提供便利。",
    "规范设置政府信息公开申请渠道，在线申请、信函申请和当面申请均能正常接收。",
]
_SUPERVISE = [
    "调整充实政府信息公开工作领导小组，明确分管领导和具体工作人员，形成一级抓一级的工作格局。",
    "定期组织政府信息公开业务培训，提升工作人员依法公开的意识和能力。",
    "主动接受社会公众和上级主管部门监督，对发现的问题立行立改。",
    "开展政府网站和政务新媒体常态化检查，及时整改错链、断链和更新不及时等问题。",
]
_ACCOUNTABILITY = [
    "将政务公开工作纳入年度绩效考核，考核结果作为评先评优的重要依据。",
    "通过发放问卷、网上征集等方式开展社会评议，广泛听取群众意见建议。",
    "对公开工作不到位的单位及时督促整改，情节严重的依规依纪追究责任，本年度未出现需要问责的情形。",
]
_ACCOUNTABILITY_SHORT = "将政务公开工作纳入绩效考核，开展社会评议，对工作不力的依规问责。"
_PROBLEMS = [
    "主动公开的深度和广度还不够，部分领域信息更新不够及时",
    "政策解读形式较为单一，图解、视频等解读方式运用不多",
    "工作人员业务能力有待提升，对《条例》的理解把握还不够精准",
    "政务新媒体内容更新频率不高，互动回应不够充分",
    "依申请公开答复文书的规范化水平仍需提高",
    "基层政务公开标准化规范化建设还存在薄弱环节",
    "公开专栏栏目设置与群众需求的契合度有待增强",
]
_FIXES = [
    "加大重点领域信息公开力度，及时准确发布与群众切身利益相关的信息",
    "丰富政策解读形式，提高解读材料的可读性和针对性",
    "定期组织业务培训，提升工作人员依法公开的意识和能力",
    "加强政务新媒体管理，提高信息更新频率和互动回应质量",
    "规范依申请公开办理程序，提升答复文书质量",
    "优化公开专栏栏目设置，方便群众查找和获取信息",
    "健全信息发布审核机制，确保公开内容合法、准确、及时",
]
_PLANS = [
    "继续围绕中心工作深化政府信息公开，进一步提升公开质量和实效",
    "认真落实上级政务公开工作部署，推动政府信息公开工作提质增效",
    "持续完善公开制度机制，以更高标准做好政府信息公开各项工作",
]
_OTHER_ITEMS = [
    "认真落实上级政务公开工作要点部署的各项任务，按要求完成年度工作目标。",
    "全年办理人大代表建议{a}件、政协提案{b}件，办理结果已按规定公开。",
    "积极探索政务公开工作创新，在政务服务大厅设置政策咨询窗口，方便企业群众现场咨询。",
]

# Building blocks of filler sentences for larger reports; combined, they give tens of thousands of
# distinct sentences, so a 40 KB report never repeats one.
_F_LEAD = ["围绕", "聚焦", "紧扣", "立足", "着眼"]
_F_ACTION = ["进一步完善", "持续优化", "健全", "细化", "梳理", "动态更新", "统筹推进", "认真落实", "深入推进"]
_F_OBJECT = [
    "公开目录",
    "发布审核流程",
    "政策解读机制",
    "信息发布台账",
    "专栏栏目设置",
    "依申请办理流程",
    "政务新媒体管理制度",
    "公开工作考评办法",
    "重点领域信息公开",
    "公众参与机制",
    "政务公开标准目录",
    "信息公开保密审查",
    "政策文件汇编",
    "基层政务公开工作",
]
_F_PURPOSE = [
    "切实提升公开质量",
    "确保信息发布及时准确",
    "方便群众查询获取",
    "增强政策知晓度",
    "回应社会关切",
    "提高工作规范化水平",
    "推动政策落地见效",
    "让群众看得到、听得懂、能监督",
    "更好服务企业和群众",
    "提升政府公信力",
    "营造良好的公开氛围",
    "夯实工作基础",
]
_F_OPEN = ["", "同时，", "此外，", "在此基础上，", "与此同时，", "全年，"]


def _filler_sentence(rng: random.Random) -> str:
    open_ = rng.choice(_F_OPEN)
    focus = rng.choice(_FOCUS)
    if rng.random() < 0.5:
        return (
            f"{open_}{rng.choice(_F_LEAD)}{focus}，{rng.choice(_F_ACTION)}{rng.choice(_F_OBJECT)}，"
            f"{rng.choice(_F_PURPOSE)}。"
        )
    return f"{open_}在{focus}领域，{rng.choice(_F_ACTION)}{rng.choice(_F_OBJECT)}，{rng.choice(_F_PURPOSE)}。"


# A reduplicated word would be flagged by GIP705; generated prose must never contain one by accident.
_REDUPLICATION = re.compile(r"([\u4e00-\u9fff]{2,4})\1")


class _Prose:
    """Hands out sentences, never the same one twice in a report."""

    def __init__(self, rng: random.Random, fill: dict[str, str]) -> None:
        self.rng = rng
        self.fill = fill
        self.used: set[str] = set()

    def pick(self, pool: list[str], k: int) -> list[str]:
        choices = [s for s in pool if s.format(**self.fill) not in self.used]
        out = [s.format(**self.fill) for s in self.rng.sample(choices, min(k, len(choices)))]
        self.used.update(out)
        return out

    def filler(self, sentences: int) -> str:
        out: list[str] = []
        while len(out) < sentences:
            s = _filler_sentence(self.rng)
            if s in self.used or _REDUPLICATION.search(s):
                continue
            self.used.add(s)
            out.append(s)
        return "".join(out)


# ---------------------------------------------------------------------------------------------
# Report assembly


@dataclass
class _Para:
    text: str
    mark: str | None = None


@dataclass
class _Content:
    title: list[str]
    preamble: list[_Para]
    part1_intro: list[_Para]
    subsections: list[tuple[str, bool, list[_Para]]]  # (title, inline, paragraphs)
    part_paras: dict[int, list[_Para]]  # parts 二–五 prose (before the table for 二–四)
    part6: list[_Para]
    closing: list[str]


def _received_sentence(
    rng: random.Random, issuer: _Issuer, year: int, t3: dict[str, list[int]], wrong: bool
) -> str:
    r1, r2, r24, r25 = (t3[k][6] for k in ("new", "carried_in", "total", "carried_out"))
    if wrong:
        return f"本年度共收到政府信息公开申请{r1 + r2 + 3}件，办结{r24}件，结转下年度继续办理{r25}件。"
    style = rng.choice(["d", "d", "zh", "fw"])

    def c(n: int) -> str:
        return _count(n, style)

    if r1 == 0 and r2 == 0:
        return rng.choice(
            ["本年度未收到政府信息公开申请。", f"{year}年，{issuer.we}未收到政府信息公开申请。"]
        )
    tail = f"，结转下年度继续办理{c(r25)}件。" if r25 else "，无结转下年度办理的申请。"
    carried = f"，上年结转{c(r2)}件" if r2 else ""
    forms = [
        f"本年度共收到政府信息公开申请{c(r1)}件{carried}，办结{c(r24)}件{tail}",
        f"{year}年，{issuer.we}共受理政府信息公开申请{c(r1)}件{carried}，已办结{c(r24)}件{tail}",
        f"全年新收政府信息公开申请{c(r1)}件{carried}，办结{c(r24)}件{tail}",
    ]
    if r1 == 0:
        forms = [f"本年度未收到新的政府信息公开申请，上年结转{c(r2)}件，办结{c(r24)}件{tail}"]
    return rng.choice(forms)


def _review_sentence(rng: random.Random, issuer: _Issuer, t4: dict[str, list[int]]) -> str:
    review = t4["review"][4]
    lawsuits = t4["lit_direct"][4] + t4["lit_after_review"][4]
    pending = sum(t4[g][3] for g in T4_GROUPS)
    if review == 0 and lawsuits == 0:
        return rng.choice(
            [
                "本年度未发生因政府信息公开工作引起的行政复议、行政诉讼案件。",
                "全年未发生政府信息公开行政复议、行政诉讼案件。",
            ]
        )
    text = f"本年度，{issuer.we}发生政府信息公开行政复议{review}件、行政诉讼{lawsuits}件"
    if pending == 0:
        return text + "，均已审结。"
    return text + f"。截至年底，尚有{pending}件案件在审理中。"


def _outcome_sentence(t3: dict[str, list[int]]) -> str | None:
    groups = [
        ("予以公开", ["granted"]),
        ("部分公开", ["partial"]),
        ("不予公开", [k for k in OUTCOME_ROWS if k.startswith("denied.")]),
        ("无法提供", [k for k in OUTCOME_ROWS if k.startswith("unable.")]),
        ("不予处理", [k for k in OUTCOME_ROWS if k.startswith("not_processed.")]),
        ("其他处理", [k for k in OUTCOME_ROWS if k.startswith("other.")]),
    ]
    parts = [f"{name}{sum(t3[k][6] for k in keys)}件" for name, keys in groups if sum(t3[k][6] for k in keys)]
    if len(parts) < 2:
        return None
    return "从办理结果看，" + "，".join(parts) + "。"


def _signature_date(rng: random.Random, issuer: _Issuer, year: int) -> str:
    if issuer.kind == "department":
        month, day = 1, rng.randint(6, 31)
    else:
        month = rng.choice([1, 1, 2, 3])
        day = rng.randint(6, 28) if month == 2 else rng.randint(6, 31)
    return f"{year + 1}年{month}月{day}日"


def _build_content(
    rng: random.Random, issuer: _Issuer, year: int, tables: dict, defect: str | None, prose: _Prose, size: str
) -> _Content:
    t2, t3, t4 = tables["t2"], tables["t3"], tables["t4"]
    generous = size != "small"
    # Title: three forms seen in real reports. The issuer stands on its own line only when its name
    # ends like an organisation (局, 办公室), which is how a title is told apart from the line above it.
    form = rng.randrange(3 if issuer.name.endswith(("局", "办公室")) else 2)
    if form == 0:
        title = [f"{issuer.name}{year}年政府信息公开工作年度报告"]
    elif form == 1:
        title = [f"{issuer.name} {year} 年政府信息公开工作年度报告"]
    else:
        title = [issuer.name, "", f"{year}年政府信息公开工作年度报告"]

    # Preamble: basis and composition, the 统计期限, sometimes a contact line.
    py = year - 1 if defect == "period-year" else year
    basis_forms = [
        "本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国"
        "政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制",
        "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和国办公开办函〔2021〕30号文件要求，"
        f"{issuer.we}编制本年度报告",
    ]
    basis = rng.choice(basis_forms) if generous else basis_forms[1]
    composition = (
        "，由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和"
        "行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六部分组成。"
    )
    period = rng.choice(
        [
            f"报告所列数据的统计期限自{py}年1月1日起至{py}年12月31日止。",
            f"本报告所列数据统计期限自{py}年1月1日起至{py}年12月31日止。",
            f"所列数据的统计期限为{py}年1月1日至{py}年12月31日。",
        ]
    )
    preamble: list[_Para] = []
    if rng.random() < 0.5:
        preamble.append(_Para(basis + composition + period, "period"))
    else:
        preamble += [_Para(basis + composition), _Para(period, "period")]
    if generous and rng.random() < 0.5:
        phone = f"0{rng.randint(300, 999)}-{rng.randint(2000000, 8999999)}"
        preamble.append(
            _Para(
                f"本报告电子版可在{issuer.site}政府信息公开专栏查阅下载。如对本报告有疑问，"
                f"请与{issuer.name}联系（电话：{phone}）。"
            )
        )

    fill = {
        "focus": rng.choice(_FOCUS),
        "site": issuer.site,
        "a": str(rng.randint(3, 40)),
        "b": str(rng.randint(3, 40)),
    }
    prose.fill = fill
    if generous:
        intro_text = (
            f"{year}年，{issuer.name}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民"
            f"共和国政府信息公开条例》，围绕{fill['focus']}等中心工作，扎实推进政府信息公开工作，各项工作"
            "取得新进展。"
        )
    else:
        intro_text = f"{year}年，{issuer.name}认真贯彻落实《条例》，扎实推进政府信息公开各项工作。"
    intro = _Para(intro_text, "issuer_prose")

    # Part 一 sub-sections.
    a, b, c = rng.randint(20, 400), rng.randint(30, 600), rng.randint(10, 300)
    extra = 1 if generous else 0
    active = [
        f"全年通过{issuer.site}主动公开政府信息{a + b + c}条，其中政策文件{a}条、工作动态{b}条、"
        f"通知公告{c}条。",
        *prose.pick(_ACTIVE, extra + 1),
    ]
    received = _received_sentence(rng, issuer, year, t3, defect == "narrative-received")
    review = _review_sentence(rng, issuer, t4)
    review_in_part1 = rng.random() < 0.5
    request_paras = [received, *prose.pick(_REQUEST, extra)]
    if review_in_part1:
        request_paras.append(review)
    manage = prose.pick(_MANAGE, extra + 1)
    platform = prose.pick(_PLATFORM, extra + 1)
    supervise = prose.pick(_SUPERVISE, extra + 1)
    if issuer.kind == "government":
        supervise += prose.pick(_ACCOUNTABILITY, 3) if generous else [_ACCOUNTABILITY_SHORT]
    bodies = [active, request_paras, manage, platform, supervise]
    subsections: list[tuple[str, bool, list[_Para]]] = []
    inline = rng.random() < 0.5
    for i, (titles, body) in enumerate(zip(_SUBSECTION_TITLES, bodies, strict=True)):
        title_text = f"（{_ORDINALS[i]}）{rng.choice(titles)}"
        # One sentence per paragraph sometimes, several per paragraph otherwise.
        paras = [_Para(s) for s in body] if rng.random() < 0.5 else [_Para("".join(body))]
        for p in paras:
            if received in p.text:
                p.mark = "received"
        subsections.append((title_text, inline, paras))

    part_paras: dict[int, list[_Para]] = {2: [], 3: [], 4: [], 5: []}
    issued, repealed, in_force = t2["art20_1.normative"]
    if in_force and rng.random() < 0.6:
        part_paras[2].append(
            _Para(
                f"本年度制发行政规范性文件{issued}件，废止{repealed}件，截至年底现行有效"
                f"行政规范性文件{in_force}件。"
            )
        )
    outcome = _outcome_sentence(t3)
    if outcome and rng.random() < 0.6:
        part_paras[3].append(_Para(outcome))
    if not review_in_part1:
        part_paras[4].append(_Para(review))

    # Part 五: problems, improvements, a plan for N+1. No year N here (GIP505).
    problems = prose.pick(_PROBLEMS, rng.randint(2, 3) if generous else 2)
    fixes = prose.pick(_FIXES, rng.randint(2, 4) if generous else 2)
    enum = "一二三四"
    problem_text = (
        "本年度，"
        + issuer.we
        + "政府信息公开工作取得了一定成效，但仍存在一些问题和不足："
        + "；".join(f"{enum[i]}是{p}" for i, p in enumerate(problems))
        + "。"
    )
    fix_text = (
        "针对上述问题，下一步"
        + issuer.we
        + "将重点做好以下工作："
        + "；".join(f"{enum[i]}是{f}" for i, f in enumerate(fixes))
        + "。"
    )
    plan_text = f"{year + 1}年，{issuer.we}将{rng.choice(_PLANS)}。"
    part_paras[5] = [_Para(problem_text, "part5_prose"), _Para(fix_text), _Para(plan_text)]

    # Part 六: the fee statement first, sometimes other items.
    if defect == "fee-missing":
        part6 = [_Para("无。", "fee")]
    else:
        if rng.random() < 0.75:
            fee = rng.choice(
                [
                    f"本机关{year}年度未收取信息处理费。"
                    if issuer.kind == "department"
                    else f"{issuer.name}各级行政机关{year}年度未收取政府信息公开信息处理费。",
                    f"本年度{issuer.we}未收取政府信息公开信息处理费。",
                    "全年收取政府信息公开信息处理费0元。",
                ]
            )
        else:
            fee = (
                f"本年度{issuer.we}依据《政府信息公开信息处理费管理办法》收取信息处理费"
                f"{rng.randint(1, 30) * 100}元。"
            )
        others = prose.pick(_OTHER_ITEMS, rng.randint(0, 2)) if generous else []
        part6 = [_Para(fee, "fee"), *[_Para(s) for s in others]]

    closing = [issuer.signature, _signature_date(rng, issuer, year)]
    return _Content(title, preamble, [intro], subsections, part_paras, part6, closing)


def _add_filler(content: _Content, rng: random.Random, prose: _Prose) -> None:
    """One more prose paragraph in part 一 or part 五 (parts that take free text naturally)."""
    paragraph = _Para(prose.filler(rng.randint(3, 6)))
    spot = rng.randrange(len(content.subsections) + 1)
    if spot == len(content.subsections):
        content.part_paras[5].insert(len(content.part_paras[5]) - 1, paragraph)  # before the plan
    else:
        content.subsections[spot][2].append(paragraph)


def _render(
    content: _Content,
    rng: random.Random,
    layout: str,
    tables: dict,
    defect: str | None,
    headings: dict[int, str],
    gap: bool,
) -> _Out:
    out = _Out(gap)
    for line in content.title:
        out.line(line)
    out.blank()
    for p in content.preamble:
        out.para(p.text, p.mark)
    out.ensure_blank()

    def heading(n: int) -> None:
        if n == 5 and defect == "part-missing":
            return
        out.line(f"{_ORDINALS[n - 1]}、{headings[n]}", mark=f"heading{n}")
        if gap or rng.random() < 0.5:
            out.blank()

    heading(1)
    for p in content.part1_intro:
        out.para(p.text, p.mark)
    for title, inline, paras in content.subsections:
        if inline:
            first, *rest = paras
            out.para(f"{title}。{first.text}" if not title.endswith("。") else title + first.text, first.mark)
        else:
            out.para(title)
            rest = paras
        for p in rest:
            out.para(p.text, p.mark)

    table_renderers: dict[int, Callable[[], None]] = {
        2: (lambda: _render_t2_a(out, tables["t2"]))
        if layout == "A"
        else (lambda: _render_t2_b(out, tables["t2"])),
        3: (lambda: _render_t3_a(out, rng, tables["t3"]))
        if layout == "A"
        else (lambda: _render_t3_b(out, tables["t3"])),
        4: (lambda: _render_t4_a(out, rng, tables["t4"]))
        if layout == "A"
        else (lambda: _render_t4_b(out, tables["t4"])),
    }
    for n in (2, 3, 4):
        out.ensure_blank()
        heading(n)
        for p in content.part_paras[n]:
            out.para(p.text, p.mark)
            if not gap:
                out.blank()  # a table is always set off from prose
        table_renderers[n]()
        out.ensure_blank()
        out.blank()

    while len(out.lines) > 1 and out.lines[-1] == "" and out.lines[-2] == "":
        out.lines.pop()
    heading(5)
    for p in content.part_paras[5]:
        out.para(p.text, p.mark)
    out.ensure_blank()
    heading(6)
    for p in content.part6:
        out.para(p.text, p.mark)
    if rng.random() < 0.5:
        out.ensure_blank()
    out.line(content.closing[0])
    if rng.random() < 0.6:
        out.blank()
    out.line(content.closing[1])
    out.blank()
    return out


def generate(
    seed: int,
    *,
    layout: str | None = None,
    year: int | None = None,
    issuer_kind: str | None = None,
    defect: str | None = None,
    crlf: bool = False,
    size: str = "typical",
) -> GeneratedReport:
    """A fictional annual report, identical for identical arguments.

    ``defect`` is None for a valid report or a key of :data:`DEFECTS`; ``size`` is a key of :data:`SIZES`.
    """
    if defect is not None and defect not in DEFECTS:
        raise ValueError(f"unknown defect {defect!r}; expected one of {sorted(DEFECTS)}")
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; expected one of {sorted(SIZES)}")
    rng = random.Random(seed)
    layout = layout or rng.choice(["A", "B"])
    if layout not in ("A", "B"):
        raise ValueError(f"unknown layout {layout!r}")
    year = year or rng.randint(2021, 2024)
    issuer_kind = issuer_kind or rng.choice(["department", "government"])
    issuer = _pick_issuer(rng, issuer_kind)

    scale = {"small": 6, "typical": 15, "large": 60}[size]
    tables = {"t2": _make_t2(rng, issuer, scale), "t3": _make_t3(rng, scale)}
    tables["t4"] = _make_t4(rng, tables["t3"]["new"][6] + tables["t3"]["carried_in"][6])
    if defect == "narrative-received" and tables["t3"]["new"][6] + tables["t3"]["carried_in"][6] == 0:
        # With no request at all, a stated count is a contradiction (GIP302), not a mismatch (GIP301).
        for key in ("new", "granted", "total"):
            tables["t3"][key][0] += 1
            tables["t3"][key][6] += 1
    if defect == "t3-outcome-sum":
        tables["t3"]["total"][6] += 1
    elif defect == "t4-group-total":
        tables["t4"]["review"][4] += 1

    headings = {
        n: rng.choice(titles) if rng.random() < 0.35 else titles[0] for n, titles in _PART_TITLES.items()
    }
    gap = rng.random() < 0.6
    prose = _Prose(rng, {})
    content = _build_content(rng, issuer, year, tables, defect, prose, size)

    low, high = SIZES[size]
    target = rng.randint(low, high)
    render_seed = rng.random()
    while True:
        out = _render(content, random.Random(render_seed), layout, tables, defect, headings, gap)
        text = "\n".join(out.lines)
        if len(text.encode()) >= target - 250 or len(prose.used) > 2000:
            break
        _add_filler(content, rng, prose)

    defect_line: int | None = None
    lines = out.lines
    if defect is not None:
        mark = {
            "part-missing": "heading6",
            "t3-outcome-sum": "t3.total.total",
            "t4-group-total": "t4.review.total",
            "narrative-received": "received",
            "fee-missing": "fee",
            "period-year": "period",
            "bookmark": "part5_prose",
            "placeholder": "issuer_prose",
        }[defect]
        index = out.marks[mark]
        if defect == "bookmark":
            lines[index] = "[bookmark: _GoBack]" + lines[index]
        elif defect == "placeholder":
            stand_in = "XX局" if issuer.kind == "department" else "XX" + issuer.level
            lines[index] = lines[index].replace(issuer.name, stand_in, 1)
        defect_line = index + 1
    text = "\n".join(lines)
    if crlf:
        text = text.replace("\n", "\r\n")
    return GeneratedReport(
        text=text,
        year=year,
        layout=layout,
        issuer=issuer.name,
        issuer_kind=issuer.kind,
        defect=defect,
        expected_code=DEFECTS[defect] if defect else None,
        defect_line=defect_line,
        tables=tables,
    )


def corpus(n: int, seed: int = 0) -> list[GeneratedReport]:
    """``n`` reports mixing layouts, issuer kinds, sizes and defects (about one in four defective)."""
    rng = random.Random(seed)
    names = sorted(DEFECTS)
    reports = []
    for i in range(n):
        defect = rng.choice(names) if rng.random() < 0.25 else None
        size = rng.choices(["small", "typical", "large"], weights=[3, 6, 1])[0]
        reports.append(generate(seed * 1_000_003 + i, defect=defect, size=size, crlf=rng.random() < 0.1))
    return reports
