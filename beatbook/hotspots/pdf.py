"""The printable patrol briefing as PDF (reportlab): bilingual text and a drawn map of the hotspots.

Chinese text uses reportlab's built-in CID font MSung-Light (Traditional Chinese, no font file to ship).
The map is drawn from the area polygon and the hotspot cells in HK1980 metres, so no tiles are needed.
"""

from __future__ import annotations

import io

from django.utils import timezone
from reportlab.graphics.shapes import Circle, Drawing, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "MSung-Light"


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def map_drawing(plan, hotspots, width: float = 170 * mm, height: float = 110 * mm) -> Drawing:
    """The area outline, the hotspot cells (numbered) and MTR stations, drawn to scale."""
    from beatbook.geo import geometry_to_hk1980, points_of_interest, wgs84_to_hk1980

    font = _font()
    area = geometry_to_hk1980(plan.boundary.polygon())
    minx, miny, maxx, maxy = area.bounds
    scale = min((width - 10) / (maxx - minx), (height - 10) / (maxy - miny))

    def pt(x: float, y: float) -> tuple[float, float]:
        return 5 + (x - minx) * scale, 5 + (y - miny) * scale

    d = Drawing(width, height)
    d.add(Rect(0, 0, width, height, strokeColor=colors.grey, fillColor=None, strokeWidth=0.5))
    parts = list(area.geoms) if hasattr(area, "geoms") else [area]
    for part in parts:
        coords = [c for xy in part.exterior.coords for c in pt(*xy)]
        d.add(
            Polygon(
                coords,
                strokeColor=colors.HexColor("#1f4e79"),
                fillColor=colors.HexColor("#eef3f8"),
                strokeWidth=0.8,
            )
        )
    stations = points_of_interest("mtr_station")
    xs, ys = wgs84_to_hk1980([p.lon for p in stations], [p.lat for p in stations])
    for p, x, y in zip(stations, xs, ys, strict=True):
        if minx <= x <= maxx and miny <= y <= maxy:
            px, py = pt(x, y)
            d.add(Circle(px, py, 2.2, fillColor=colors.HexColor("#6a1b9a"), strokeColor=None))
            d.add(
                String(
                    px + 3,
                    py - 2,
                    f"{p.name_zh} {p.name_en}",
                    fontName=font,
                    fontSize=5.5,
                    fillColor=colors.HexColor("#6a1b9a"),
                )
            )
    for h in hotspots:
        for x1, y1, x2, y2 in h.bounds or []:
            ax, ay = pt(x1, y1)
            bx, by = pt(x2, y2)
            d.add(
                Rect(
                    ax,
                    ay,
                    bx - ax,
                    by - ay,
                    fillColor=colors.Color(0.85, 0.1, 0.1, alpha=0.55),
                    strokeColor=colors.darkred,
                    strokeWidth=0.4,
                )
            )
        cx, cy = pt(h.x, h.y)
        d.add(String(cx - 4, cy + 4, h.code, fontName="Helvetica-Bold", fontSize=8, fillColor=colors.black))
    d.add(String(5, height - 10, "N ↑  500 m:", fontName=font, fontSize=6))
    d.add(Rect(45, height - 9, 500 * scale, 2, fillColor=colors.black, strokeColor=None))
    return d


def briefing_pdf(plan, hotspots, by_unit) -> bytes:
    """The briefing of ``plan`` as PDF bytes."""
    font = _font()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"Patrol briefing {plan.on_date} {plan.shift}",
    )
    h1 = ParagraphStyle("h1", fontName=font, fontSize=15, leading=19, spaceAfter=4)
    h2 = ParagraphStyle("h2", fontName=font, fontSize=11.5, leading=15, spaceBefore=6, spaceAfter=3)
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12.5)
    small = ParagraphStyle(
        "small", fontName=font, fontSize=7.5, leading=10, textColor=colors.HexColor("#444444")
    )
    story = [Paragraph(f"熱點巡邏簡報 Hotspot patrol briefing — {plan.on_date} {plan.shift}", h1)]
    if plan.is_synthetic:
        story.append(Paragraph("示範資料（合成），並非真實個案。 SYNTHETIC demo data, not real cases.", h2))
    if plan.is_restricted:
        story.append(Paragraph("限閱 RESTRICTED", h2))
    unit = plan.unit.tr("name") if plan.unit else "—"
    objectives = ", ".join(o.code for o in plan.objectives.all()) or "—"
    story.append(
        Paragraph(
            f"負責單位 Unit: {unit} · 巡邏小隊 Patrol units: {plan.units} · 熱點 Hotspots: {len(hotspots)} · "
            f"罪案類別 Categories: {', '.join(plan.categories)} · 計劃目標 Objectives: {objectives}",
            body,
        )
    )
    forecast = (plan.params or {}).get("forecast", {})
    period = forecast.get("input_period") or {}
    story.append(
        Paragraph(
            f"預測方法 Method: {forecast.get('method', plan.method)} · 參數 Parameters: {forecast.get('params', {})} · "
            f"資料期間 Input period: {period.get('start', '?')} – {period.get('end', '?')} · "
            f"個案數 Incidents used: {forecast.get('events_used', '?')}",
            small,
        )
    )
    story.append(Spacer(1, 4 * mm))
    story.append(map_drawing(plan, hotspots))
    story.append(
        Paragraph(
            "地圖：區域界線、熱點方格（紅色）及港鐵站。 Map: area outline, hotspot cells (red) and MTR "
            "stations.",
            small,
        )
    )
    story.append(Paragraph("熱點 Hotspots", h2))
    rows = [["熱點 Hotspot", "位置 Near", "風險 Risk", "方格 Cells"]]
    for h in hotspots:
        rows.append(
            [
                h.code,
                Paragraph(h.label or f"{h.lat:.5f}, {h.lon:.5f}", body),
                f"{h.risk:.3f}",
                str(len(h.cells)),
            ]
        )
    story.append(_table(rows, font, [22 * mm, 100 * mm, 22 * mm, 20 * mm]))
    for unit_code, visits in by_unit:
        story.append(Paragraph(f"巡邏小隊 Patrol unit {unit_code}", h2))
        rows = [["#", "熱點 Hotspot", "到達 Arrive", "離開 Leave", "分鐘 Minutes"]]
        for v in visits:
            start = timezone.localtime(v.planned_start)
            end = timezone.localtime(v.planned_end)
            rows.append(
                [str(v.order), v.hotspot.code, f"{start:%H:%M}", f"{end:%H:%M}", f"{v.planned_minutes:.0f}"]
            )
        story.append(_table(rows, font, [10 * mm, 30 * mm, 30 * mm, 30 * mm, 25 * mm]))
    story.append(Spacer(1, 4 * mm))
    story.append(
        Paragraph(
            "每次到訪12至16分鐘（Koper曲線），然後前往下一個熱點；次序已隨機編排，請依次執行並在手機上記錄到達及離開時間。"
            " Each visit lasts 12 to 16 minutes (the Koper curve); the order is randomised. Record arrival and "
            "departure on the phone page. Forecasts concern places only, never persons.",
            small,
        )
    )
    doc.build(story)
    return buffer.getvalue()


def _table(rows, font, widths) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table
