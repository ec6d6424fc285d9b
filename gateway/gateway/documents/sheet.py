"""One printable sheet and its rendering to PDF (X-4).

A sheet is data only; `render_pdf` lays every sheet out the same way, the way the
paper forms are laid out: a title with the business number, the company, a block of
facts, a table of lines, notes and the signature boxes.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

# Debian's fonts-noto-cjk; fontconfig finds it by family name. The fallbacks keep Latin
# text readable on a machine without it (the test of the documents requires it).
FONTS = "'Noto Sans CJK SC', 'Noto Serif CJK SC', 'Noto Sans', sans-serif"


@dataclass(frozen=True)
class Sheet:
    title: str  # the form's Chinese name, e.g. 订单购销单
    number_label: str  # e.g. 合同号
    number: str
    company: str  # the issuing company, as printed
    facts: list[tuple[str, str]] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    lines: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    signatures: list[str] = field(default_factory=list)
    printed_at: str = ""


def money(value: Decimal | str | None) -> str:
    """¥1,234.50: money as printed in China (the value is Decimal end to end)."""
    if value is None:
        return "—"
    return f"¥{Decimal(value):,.2f}"


def number(value: Decimal | str | int | None) -> str:
    """A quantity without trailing zeros: 2, 12.5."""
    if value is None:
        return "—"
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def moment(value: datetime | str | None, zone: str) -> str:
    """A time in the company's zone, as 2026-12-01 14:05."""
    if value is None or value == "":
        return "—"
    instant = datetime.fromisoformat(value) if isinstance(value, str) else value
    return instant.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


def day(value: date | str | None) -> str:
    return "—" if value in (None, "") else str(value)


STYLE = f"""
@page {{ size: A4; margin: 16mm 14mm 18mm; @bottom-right {{ content: counter(page) " / "
  counter(pages); font-size: 8pt; color: #555; }} }}
body {{ font-family: {FONTS}; font-size: 10pt; color: #111; }}
header {{ border-bottom: 2px solid #111; padding-bottom: 4mm; margin-bottom: 4mm; }}
.company {{ font-size: 12pt; font-weight: bold; }}
h1 {{ font-size: 20pt; text-align: center; letter-spacing: 4pt; margin: 2mm 0; }}
.number {{ text-align: right; font-size: 11pt; }}
dl {{ display: flex; flex-wrap: wrap; margin: 0 0 4mm; }}
dt {{ width: 22%; color: #444; margin: 1mm 0; }}
dd {{ width: 28%; margin: 1mm 0; }}
table {{ width: 100%; border-collapse: collapse; margin: 3mm 0; }}
th, td {{ border: 0.6pt solid #333; padding: 1.5mm 2mm; text-align: left; }}
th {{ background: #eee; }}
.notes li {{ margin: 1mm 0; }}
.signatures {{ display: flex; gap: 6mm; margin-top: 10mm; }}
.signatures div {{ flex: 1; border-top: 0.6pt solid #333; padding-top: 1.5mm; }}
.printed {{ color: #555; font-size: 8pt; margin-top: 6mm; }}
"""


def to_html(sheet: Sheet) -> str:
    e = html.escape
    facts = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in sheet.facts)
    table = ""
    if sheet.columns:
        head = "".join(f"<th>{e(c)}</th>" for c in sheet.columns)
        body = "".join("<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>"
                       for row in sheet.lines)
        table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    notes = ("<ul class='notes'>" + "".join(f"<li>{e(n)}</li>" for n in sheet.notes)
             + "</ul>") if sheet.notes else ""
    signatures = ("<div class='signatures'>" + "".join(
        f"<div>{e(s)}</div>" for s in sheet.signatures) + "</div>") if sheet.signatures else ""
    printed = f"<p class='printed'>打印时间 {e(sheet.printed_at)}</p>" if sheet.printed_at else ""
    return (f"<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'>"
            f"<title>{e(sheet.title)} {e(sheet.number)}</title><style>{STYLE}</style></head>"
            f"<body><header><div class='company'>{e(sheet.company)}</div>"
            f"<h1>{e(sheet.title)}</h1>"
            f"<div class='number'>{e(sheet.number_label)}：{e(sheet.number)}</div></header>"
            f"<dl>{facts}</dl>{table}{notes}{signatures}{printed}</body></html>")


def render_pdf(sheet: Sheet) -> bytes:
    """The sheet as a PDF (WeasyPrint; CPU-bound: call it off the event loop)."""
    from weasyprint import HTML  # loads pango and the fonts: only when a document is asked for

    return HTML(string=to_html(sheet)).write_pdf()
