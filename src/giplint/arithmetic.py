"""Evaluating the template's identities (rules/template-2021.toml) against a table.

An identity is ``sum(left) = sum(right)``, per column or per row. Cells that could not be aligned
(width errors, missing rows) leave the identity unevaluated for that column or row rather than
guess; blank and placeholder cells count as 0 and make a failure a warning, not an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from giplint.diagnostics import Bi
from giplint.model import Cell, Table
from giplint.template import Identity, Template


@dataclass(frozen=True, slots=True)
class Failure:
    identity: Identity
    where: Bi  # the column or row the identity was evaluated on
    found: int | Decimal  # the side that holds the stated total
    expected: int | Decimal  # the other side
    at: Cell  # the cell that states the total
    soft_cells: tuple[Cell, ...]  # blank or placeholder operands


def _terms(tpl: Template, table: Table, names: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for name in names:
        if table.number == 3 and name == "other.*" and table.collapsed_other:
            out.append(tpl.collapsed_other.key)
        elif table.number == 3:
            out.extend(tpl.t3_rows_matching(name))
        else:
            out.append(name)
    return out


def _sum(cells: list[Cell]) -> int | Decimal:
    return sum((c.as_count for c in cells), 0)


def evaluate(tpl: Template, table: Table, identity: Identity) -> Iterator[Failure]:
    if identity.per == "column":
        columns = tpl.t3_columns if table.number == 3 else tpl.t4_columns
        left_rows = _terms(tpl, table, identity.left)
        right_rows = _terms(tpl, table, identity.right)
        for col in columns:
            left = [table.cell(r, col.key) for r in left_rows]
            right = [table.cell(r, col.key) for r in right_rows]
            yield from _compare(
                identity, Bi(col.zh, col.en), left, right, identity.states_total, "row", col.key, table
            )
    else:
        names = {c.key: Bi(c.zh, c.en) for c in (tpl.t4_groups if table.number == 4 else [])}
        names |= {r.key: Bi(r.label, r.en) for r in tpl.t3_rows} if table.number == 3 else {}
        if table.number == 3 and table.collapsed_other:
            names[tpl.collapsed_other.key] = Bi(tpl.collapsed_other.label, tpl.collapsed_other.en)
        for row in table.rows.values():
            if row.width_error:
                continue
            left = [row.cells.get(c) for c in identity.left]
            right = [row.cells.get(c) for c in identity.right]
            where = names.get(row.key, Bi(row.label, row.label))
            yield from _compare(identity, where, left, right, identity.states_total, "col", row.key, table)


def _compare(
    identity: Identity,
    where: Bi,
    left: list[Cell | None],
    right: list[Cell | None],
    states_total: str,
    axis: str,
    other_key: str,
    table: Table,
) -> Iterator[Failure]:
    if any(c is None for c in left) or any(c is None for c in right):
        return  # a cell could not be aligned: GIP005/GIP116 report that, arithmetic stays silent
    lcells = [c for c in left if c is not None]
    rcells = [c for c in right if c is not None]
    if any(c.status == "text" for c in lcells + rcells):
        return  # GIP202 reports the text; a sum over it means nothing
    lsum, rsum = _sum(lcells), _sum(rcells)
    if lsum == rsum:
        return
    if axis == "row":
        total_cell = table.cell(states_total, other_key)
        total_on_left = states_total in identity.left
    else:
        total_cell = table.cell(other_key, states_total)
        total_on_left = states_total in identity.left
    at = total_cell if total_cell is not None else lcells[0]
    found, expected = (lsum, rsum) if total_on_left else (rsum, lsum)
    soft = tuple(c for c in lcells + rcells if c.is_soft)
    yield Failure(identity, where, found, expected, at, soft)
