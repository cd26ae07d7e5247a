"""``giplint parse``: the parse tree as indented text, each node with its source lines."""

from __future__ import annotations

from giplint.model import Report
from giplint.parser import token_runs

# Names of the line kinds inside a run of table lines (one token to the parser).
_TABLE_LINE_NAMES = {"C": "CELL", "O": "CONT", "R": "ROW", "E": "ROWEND"}


def render_tree(report: Report, width: int = 60) -> str:
    from lark import Token, Tree

    _codes, runs = token_runs(report.lines)
    out: list[str] = []

    def first_last(node: Tree) -> tuple[int, int]:
        toks = list(node.scan_values(lambda v: isinstance(v, Token)))
        if not toks:
            return (0, 0)
        return runs[toks[0].start_pos][0].number, runs[toks[-1].start_pos][-1].number

    def walk(node: Tree | Token, depth: int) -> None:
        pad = "  " * depth
        if isinstance(node, Token):
            run = runs[node.start_pos]
            for line in run:
                name = (
                    _TABLE_LINE_NAMES.get(line.kind, node.type)
                    if len(run) > 1 or line.kind in "COE"
                    else node.type
                )
                text = line.text.replace("\t", "→")
                text = text if len(text) <= width else text[: width - 1] + "…"
                out.append(f"{pad}{name:<10} {line.number:>5}  {text}")
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
