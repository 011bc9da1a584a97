"""Small PDFs for the reader tests: text placed at given points (reportlab, no font files needed)."""

from __future__ import annotations

import io


def make_pdf(pages: list[list[tuple[float, float, str, str]]]) -> bytes:
    """``pages``: per page a list of (x, y, text, how) with how "l" (left-aligned at x) or "r" (right-aligned)."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    for items in pages:
        c.setFont("Helvetica", 9)
        for x, y, text, how in items:
            (c.drawRightString if how == "r" else c.drawString)(x, y, text)
        c.showPage()
    c.save()
    return buf.getvalue()
