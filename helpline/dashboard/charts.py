"""Server-rendered SVG charts (pure functions: no database, no JavaScript, no network).

Labels are real <text> elements so screen readers and translations work; for right-to-left
pages the charts are mirrored (labels on the right, bars growing leftwards).
"""
from markupsafe import Markup, escape

PALETTE = ("#0b5fff", "#c25e00", "#2d6a4f", "#b00020", "#6f42c1", "#0d9488", "#a16207",
           "#be185d", "#475569", "#15803d", "#7c3aed", "#0369a1", "#b45309", "#9f1239",
           "#4d7c0f", "#1e40af", "#78716c")
RESTRICTED_FILL = "#8a94a3"


def colour(index):
    return PALETTE[index % len(PALETTE)]


def _fmt(value):
    return f"{value:g}" if isinstance(value, float) else str(value)


def horizontal_bars(rows, title, rtl=False, width=560, bar_height=22, label_width=190,
                    suffix=""):
    """rows: [{"label", "value", "href"?, "restricted"?}] → an SVG bar chart (Markup)."""
    gap = 6
    height = max(1, len(rows)) * (bar_height + gap) + 10
    top = max([r["value"] or 0 for r in rows] + [1])
    plot = width - label_width - 60
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
             f'direction="ltr" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for i, row in enumerate(rows):
        y = 5 + i * (bar_height + gap)
        # None means "no data" (drawn as a dash), which is not the same as 0.
        value = row["value"]
        length = 0 if not value else plot * value / top
        # Physical positions (the SVG is direction="ltr"; RTL is mirrored by hand).
        if rtl:
            label_x, anchor_label = width - 4, "end"
            bar_x = width - label_width - length
            value_x, anchor_value = bar_x - 6, "end"
        else:
            label_x, anchor_label = label_width - 8, "end"
            bar_x = label_width
            value_x, anchor_value = bar_x + length + 6, "start"
        label = escape(row["label"])
        if row.get("href"):
            label = Markup(f'<a href="{escape(row["href"])}">{label}</a>')
        fill = RESTRICTED_FILL if row.get("restricted") else row.get("colour", PALETTE[0])
        shown = "–" if value is None else escape(_fmt(value) + suffix)
        mid = y + bar_height / 2 + 4
        parts.append(
            f'<text x="{label_x:.1f}" y="{mid:.1f}" text-anchor="{anchor_label}">{label}</text>'
            f'<rect x="{bar_x:.1f}" y="{y}" width="{max(length, 0.5):.1f}" '
            f'height="{bar_height}" fill="{fill}" rx="2"><title>{escape(row["label"])}: '
            f'{shown}</title></rect>'
            f'<text x="{value_x:.1f}" y="{mid:.1f}" text-anchor="{anchor_value}">'
            f'{shown}</text>')
    if not rows:
        parts.append(f'<text x="{width / 2}" y="20" text-anchor="middle">–</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def stacked_columns(columns, series, title, rtl=False, width=560, height=260):
    """columns: [{"label", "values": {series_key: n}}]; series: [{"key", "label", "colour"}].

    One column per week, stacked by category. Returns an SVG (Markup).
    """
    left, bottom, top_pad = 36, 40, 20
    plot_w, plot_h = width - left - 10, height - bottom - top_pad
    totals = [sum(c["values"].values()) for c in columns]
    top = max(totals + [1])
    n = max(len(columns), 1)
    slot = plot_w / n
    bar_w = slot * 0.7
    parts = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
             f'direction="ltr" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for tick in (0, top / 2, top):
        y = top_pad + plot_h - plot_h * tick / top
        parts.append(f'<line class="grid" x1="{left}" x2="{width - 10}" y1="{y:.1f}" '
                     f'y2="{y:.1f}"/><text x="{left - 4}" y="{y + 4:.1f}" '
                     f'text-anchor="end">{int(round(tick))}</text>')
    for i, column in enumerate(columns):
        position = (n - 1 - i) if rtl else i  # time runs right-to-left on RTL pages
        x = left + position * slot + (slot - bar_w) / 2
        y = top_pad + plot_h
        for s in series:
            value = column["values"].get(s["key"], 0)
            if not value:
                continue
            h = plot_h * value / top
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                         f'fill="{s["colour"]}"><title>{escape(column["label"])} · '
                         f'{escape(s["label"])}: {value}</title></rect>')
        parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{height - bottom + 16}" '
                     f'text-anchor="middle">{escape(column["label"])}</text>'
                     f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">'
                     f'{totals[i]}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
