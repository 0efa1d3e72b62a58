"""A report as an Excel workbook: a summary sheet, then one sheet per table with a native chart."""

from __future__ import annotations

import io
import re
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from internhub.reports.content import ReportContent, Table

SUMMARY = "Сводка"


def sheet_title(title: str, taken: set[str]) -> str:
    # Excel allows 31 characters and none of []:*?/\ in a sheet's name, and names must differ.
    base = re.sub(r"[\[\]:*?/\\]", " ", title)[:31]
    name, n = base, 2
    while name in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def _text_safe(value: Any) -> Any:
    """Without the control characters no worksheet may hold (a name pulled from Bitrix24 can carry them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _append(sheet, values: list[Any]) -> None:
    """A row of values as they are: text stays text (openpyxl takes a string that starts with ``=`` for a formula)."""
    sheet.append([_text_safe(value) for value in values])
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def render(content: ReportContent) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = SUMMARY
    _append(summary, [content.title])
    summary["A1"].font = Font(bold=True, size=14)
    _append(summary, [f"Период: {content.period}"])
    summary.append([])
    for label, value in content.summary:
        _append(summary, [label, value])
    summary.column_dimensions["A"].width = 40
    summary.column_dimensions["B"].width = 16
    taken = {SUMMARY}
    for table in content.tables:
        _table_sheet(book.create_sheet(sheet_title(_text_safe(table.title), taken)), table)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _table_sheet(sheet, table: Table) -> None:
    _append(sheet, table.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        _append(sheet, row)
    for index, header in enumerate(table.headers, start=1):
        longest = max([len(str(header)), *(len(str(row[index - 1])) for row in table.rows)])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, longest + 2)
    if table.chart is None or not table.rows:
        return
    chart = BarChart() if table.chart.kind == "bar" else LineChart()
    chart.title = table.chart.title
    chart.height, chart.width = 8, 18
    last = len(table.rows) + 1
    for column in table.chart.value_columns:
        chart.add_data(Reference(sheet, min_col=column + 1, min_row=1, max_row=last), titles_from_data=True)
    column = table.chart.categories_column + 1
    chart.set_categories(Reference(sheet, min_col=column, min_row=2, max_row=last))
    sheet.add_chart(chart, f"{get_column_letter(len(table.headers) + 2)}2")
