"""A report as a PDF: summary, tables and vector charts (reportlab), in a font that has Cyrillic."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from internhub.reports.content import Chart, ReportContent, Table

FONTS = Path(__file__).parent / "fonts"
SERIES_COLOURS = (colors.HexColor("#2563eb"), colors.HexColor("#16a34a"), colors.HexColor("#f59e0b"))


@cache
def _fonts() -> tuple[str, str]:
    # Shipped with the package: the standard PDF fonts have no Cyrillic, and nothing is fetched at run time.
    pdfmetrics.registerFont(TTFont("DejaVuSans", FONTS / "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", FONTS / "DejaVuSans-Bold.ttf"))
    return "DejaVuSans", "DejaVuSans-Bold"


def render(content: ReportContent) -> bytes:
    regular, bold = _fonts()
    title = ParagraphStyle("title", fontName=bold, fontSize=16, leading=20, spaceAfter=4)
    heading = ParagraphStyle("heading", fontName=bold, fontSize=12, leading=16, spaceBefore=10, spaceAfter=4)
    text = ParagraphStyle("text", fontName=regular, fontSize=9, leading=12)
    story = [Paragraph(content.title, title), Paragraph(f"Период: {content.period}", text), Spacer(1, 4 * mm)]
    story.append(_grid([[label, _cell(value)] for label, value in content.summary], regular, bold, header=False))
    for table in content.tables:
        story.append(Paragraph(table.title, heading))
        if not table.rows:
            story.append(Paragraph("Нет данных за период.", text))
            continue
        story.append(_grid([table.headers, *([_cell(v) for v in row] for row in table.rows)], regular, bold))
        if table.chart is not None:
            story.append(Spacer(1, 3 * mm))
            story.append(_chart(table, table.chart, regular))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm, bottomMargin=15 * mm
    )
    document.title = content.title
    document.build(story)
    return buffer.getvalue()


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _grid(rows: list[list[str]], regular: str, bold: str, header: bool = True) -> PdfTable:
    cell = ParagraphStyle("cell", fontName=regular, fontSize=8, leading=10)
    wrapped = [[Paragraph(str(value), cell) for value in row] for row in rows]
    grid = PdfTable(wrapped, hAlign="LEFT", repeatRows=1 if header else 0)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#cbd5e1")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e2e8f0")))
    grid.setStyle(TableStyle(style))
    return grid


def _chart(table: Table, spec: Chart, font: str) -> Drawing:
    drawing = Drawing(180 * mm, 70 * mm)
    chart = VerticalBarChart() if spec.kind == "bar" else HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 15 * mm, 15 * mm, 150 * mm, 45 * mm
    chart.data = [tuple(float(row[column]) for row in table.rows) for column in spec.value_columns]
    chart.categoryAxis.categoryNames = [str(row[spec.categories_column])[:14] for row in table.rows]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 6
    chart.categoryAxis.labels.angle = 30 if len(table.rows) > 6 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(table.rows) > 6 else "n"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 6
    chart.valueAxis.valueMin = 0
    for index in range(len(spec.value_columns)):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        if spec.kind == "bar":
            chart.bars[index].fillColor = colour
        else:
            chart.lines[index].strokeColor = colour
    drawing.add(chart)
    drawing.add(String(15 * mm, 65 * mm, spec.title, fontName=font, fontSize=9))
    if len(spec.value_columns) > 1:
        legend = Legend()
        legend.fontName, legend.fontSize = font, 7
        legend.x, legend.y = 120 * mm, 67 * mm
        legend.colorNamePairs = [
            (SERIES_COLOURS[i % len(SERIES_COLOURS)], table.headers[column])
            for i, column in enumerate(spec.value_columns)
        ]
        drawing.add(legend)
    return drawing
