"""Horizontal bar charts drawn on the server as SVG: no chart library, no script, no style attribute.

Colours and type come from classes in the stylesheet, so elder mode's contrast applies to charts
too; the numbers are repeated in a table next to each chart for screen readers and for copying.
"""

from dataclasses import dataclass

# Drawn for a phone held upright (about 1:1 at 360px wide) and scaled up a little on a desktop.
WIDTH = 360
ROW = 30
BAR = 20
TOP = 6
LABEL_WIDTH = 96
VALUE_SPACE = 40


@dataclass
class Bar:
    label: str
    value: int
    y: int
    width: int
    text_x: int
    text_y: int


def bar_chart(rows):
    """Geometry for a chart of [{"label", "value"}]; the template draws it."""
    peak = max((row["value"] for row in rows), default=0) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_SPACE
    bars = []
    for i, row in enumerate(rows):
        y = TOP + i * ROW
        width = round(room * row["value"] / peak) if row["value"] else 0
        bars.append(
            Bar(
                label=row["label"],
                value=row["value"],
                y=y,
                width=max(width, 2 if row["value"] else 0),
                text_x=LABEL_WIDTH + width + 8,
                text_y=y + BAR // 2 + 5,
            )
        )
    return {
        "bars": bars,
        "width": WIDTH,
        "height": TOP * 2 + ROW * len(rows),
        "label_x": LABEL_WIDTH - 10,
        "bar_x": LABEL_WIDTH,
        "bar_height": BAR,
        "room": room,
    }
