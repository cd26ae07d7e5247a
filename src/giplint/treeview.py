"""``giplint parse``: the parse tree as indented text, each node with its source lines."""

from __future__ import annotations

from giplint.model import Report
from giplint.parser import TOKEN_KINDS as _TOKEN_KINDS


def render_tree(report: Report, width: int = 60) -> str:
    from lark import Token, Tree

    lines_by_token = [ln for ln in report.lines if ln.kind in _TOKEN_KINDS]
    out: list[str] = []

    def first_last(node: Tree) -> tuple[int, int]:
        toks = [t for t in node.scan_values(lambda v: isinstance(v, Token))]
        if not toks:
            return (0, 0)
        return lines_by_token[toks[0].start_pos].number, lines_by_token[toks[-1].start_pos].number

    def walk(node: Tree | Token, depth: int) -> None:
        pad = "  " * depth
        if isinstance(node, Token):
            line = lines_by_token[node.start_pos]
            text = line.text.replace("\t", "→")
            text = text if len(text) <= width else text[: width - 1] + "…"
            out.append(f"{pad}{node.type:<10} {line.number:>5}  {text}")
            return
        a, b = first_last(node)
        out.append(f"{pad}{node.data}  [{a}-{b}]" if a else f"{pad}{node.data}")
        for child in node.children:
            walk(child, depth + 1)

    tree = report.tree
    if isinstance(tree, Tree):
        walk(tree, 0)
    out.append(
        f"# encoding {report.encoding}; year {report.year}; issuer {report.issuer} ({report.issuer_kind})"
    )
    for number, table in sorted(report.tables.items()):
        out.append(
            f"# table {number}: layout {table.layout}, {'dense' if table.dense else 'sparse'}, "
            f"{len(table.rows)} rows, lines {table.span.line}-{table.span.last_line}, under part {table.part}"
        )
    return "\n".join(out)
