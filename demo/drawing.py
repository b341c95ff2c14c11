"""Pictures for the demo content, drawn with Pillow so nothing is downloaded.

They are deliberately abstract (no lettering: a fresh machine has no Chinese font) but each is
distinct and deterministic: the same name always gives the same picture.
"""

import hashlib
import io
import math

from PIL import Image, ImageDraw, ImageFilter

PALETTES = [
    ("#b3261e", "#f2c14e", "#fff4e0"),
    ("#8c1d18", "#e8a33d", "#fdf0ee"),
    ("#1e5f8c", "#f2c14e", "#eef5fb"),
    ("#2f6b3a", "#f6d77a", "#eff7ef"),
    ("#7a3e9d", "#f2c14e", "#f6eefb"),
    ("#a34a00", "#ffd54f", "#fff3e6"),
]


def _seed(name):
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:12], 16)


def _palette(name):
    return PALETTES[_seed(name) % len(PALETTES)]


def _to_jpeg(image):
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def _sky(draw, size, top, bottom):
    width, height = size
    for y in range(height):
        t = y / max(height - 1, 1)
        colour = tuple(int(a + (b - a) * t) for a, b in zip(_rgb(top), _rgb(bottom), strict=True))
        draw.line([(0, y), (width, y)], fill=colour)


def _rgb(hex_colour):
    hex_colour = hex_colour.lstrip("#")
    return tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))


def scene(name, kind, size=(1200, 800)):
    """A cover picture: a wall, stele, garden, hall, film frame or community skyline."""
    dark, accent, light = _palette(name)
    seed = _seed(name)
    image = Image.new("RGB", size, light)
    draw = ImageDraw.Draw(image)
    width, height = size
    _sky(draw, size, light, "#ffffff")
    ground = int(height * 0.78)
    draw.rectangle([0, ground, width, height], fill="#d9cfc7")

    if kind in {"wall", "corridor", "boards"}:
        panels = 5 if kind == "wall" else 7
        panel_w = width // (panels + 1)
        for i in range(panels):
            x = panel_w // 2 + i * panel_w + 6
            top = int(height * 0.28) + (seed >> i) % 40
            draw.rounded_rectangle([x, top, x + panel_w - 12, ground], radius=14, fill=dark)
            draw.rounded_rectangle(
                [x + 16, top + 16, x + panel_w - 28, top + int((ground - top) * 0.55)],
                radius=10,
                fill=light,
            )
            cx = x + (panel_w - 12) // 2
            draw.ellipse([cx - 26, top + 40, cx + 26, top + 92], fill=accent)
        draw.rectangle([0, int(height * 0.24), width, int(height * 0.27)], fill=accent)
    elif kind == "stele":
        cx = width // 2
        draw.polygon(
            [(cx - 120, ground), (cx - 100, 200), (cx, 130), (cx + 100, 200), (cx + 120, ground)],
            fill="#7d746f",
        )
        draw.rectangle([cx - 180, ground - 30, cx + 180, ground + 10], fill="#5e5753")
        for row in range(6):
            draw.line([(cx - 60, 240 + row * 50), (cx + 60, 240 + row * 50)], fill="#b8b0aa", width=6)
    elif kind in {"garden", "square"}:
        for i in range(9):
            x = (seed >> (i * 3)) % width
            r = 60 + (seed >> i) % 60
            draw.ellipse([x - r, ground - 2 * r, x + r, ground], fill="#3f7d45")
            draw.rectangle([x - 8, ground - 20, x + 8, ground + 20], fill="#6b4b2a")
        cx = width // 2
        draw.ellipse([cx - 140, ground - 60, cx + 140, ground + 40], fill=accent)
        draw.regular_polygon((cx, ground - 170, 80), 5, rotation=18, fill=dark)
    elif kind == "hall":
        cx = width // 2
        draw.polygon([(cx - 380, 300), (cx, 130), (cx + 380, 300)], fill=dark)
        draw.rectangle([cx - 330, 300, cx + 330, ground], fill="#f3e6d3")
        for i in range(5):
            x = cx - 280 + i * 140
            draw.rectangle([x, 330, x + 40, ground], fill=dark)
        draw.rectangle([cx - 90, 210, cx + 90, 270], fill=accent)
    elif kind == "film":
        draw.rectangle([0, 0, width, height], fill="#1b1b1b")
        for x in range(0, width, 80):
            draw.rectangle([x + 20, 20, x + 60, 60], fill="#3a3a3a")
            draw.rectangle([x + 20, height - 60, x + 60, height - 20], fill="#3a3a3a")
        draw.rectangle([60, 100, width - 60, height - 100], fill=dark)
        cx, cy = width // 2, height // 2
        draw.ellipse([cx - 110, cy - 110, cx + 110, cy + 110], fill=accent)
        draw.polygon([(cx - 35, cy - 60), (cx - 35, cy + 60), (cx + 65, cy)], fill=dark)
    else:  # community skyline or story
        x = 0
        i = 0
        while x < width:
            w = 80 + (seed >> (i % 30)) % 120
            h = 160 + (seed >> ((i + 7) % 30)) % 260
            draw.rectangle([x, ground - h, x + w - 10, ground], fill=dark if i % 2 else "#c98a6b")
            for wy in range(ground - h + 20, ground - 20, 40):
                for wx in range(x + 14, x + w - 24, 30):
                    draw.rectangle([wx, wy, wx + 12, wy + 18], fill=light)
            x += w
            i += 1
        draw.ellipse([width - 220, 60, width - 100, 180], fill=accent)
    return _to_jpeg(image.filter(ImageFilter.SMOOTH))


def portrait(name, size=(600, 800)):
    """A head-and-shoulders silhouette on a coloured ground, unique to the name."""
    dark, accent, light = _palette(name)
    seed = _seed(name)
    image = Image.new("RGB", size, light)
    draw = ImageDraw.Draw(image)
    width, height = size
    _sky(draw, size, light, accent)
    for i in range(6):
        angle = (seed >> i) % 360
        r = 500
        x = width // 2 + int(r * math.cos(math.radians(angle)))
        y = height // 3 + int(r * math.sin(math.radians(angle)))
        draw.line([(width // 2, height // 3), (x, y)], fill=light, width=30)
    cx = width // 2
    head_r = 120 + seed % 20
    draw.ellipse([cx - head_r, 170, cx + head_r, 170 + 2 * head_r + 30], fill=dark)
    draw.rounded_rectangle([cx - 250, 470, cx + 250, height + 80], radius=180, fill=dark)
    draw.polygon([(cx - 50, 470), (cx + 50, 470), (cx, 560)], fill=light)
    return _to_jpeg(image.filter(ImageFilter.SMOOTH_MORE))


def calligraphy(name, size=(800, 1000)):
    """Brush-like strokes on rice paper with a red seal: a stand-in for a calligraphy photo."""
    seed = _seed(name)
    image = Image.new("RGB", size, "#f4ecd8")
    draw = ImageDraw.Draw(image)
    width, height = size
    columns = 2 + seed % 2
    for column in range(columns):
        x = width - 200 - column * 220
        y = 120
        for stroke in range(7):
            length = 40 + (seed >> (stroke + column)) % 70
            if (seed >> (stroke * 2 + column)) % 3 == 0:
                draw.line([(x - 50, y), (x + 50, y + 10)], fill="#1c1a18", width=18)
            else:
                draw.line([(x, y), (x + 10, y + length)], fill="#1c1a18", width=20)
            draw.ellipse([x - 14, y - 10, x + 14, y + 14], fill="#1c1a18")
            y += length + 45
    draw.rectangle([90, height - 220, 190, height - 120], fill="#b3261e")
    draw.rectangle([110, height - 200, 170, height - 140], outline="#f4ecd8", width=6)
    return _to_jpeg(image.filter(ImageFilter.GaussianBlur(1)))


def consent_form_pdf(name):
    """A one-page stand-in for a signed consent form, as a PDF (no text: no font is assumed)."""
    page = Image.new("RGB", (620, 877), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle([40, 40, 580, 110], outline="#444", width=3)
    for y in range(160, 640, 36):
        draw.line([(60, y), (560, y)], fill="#bbb", width=2)
    seed = _seed(name)
    x, y = 380, 720
    for i in range(12):  # a scribbled signature
        nx, ny = x + 12 + (seed >> i) % 10, 720 + ((seed >> (i + 3)) % 30) - 15
        draw.line([(x, y), (nx, ny)], fill="#1a237e", width=3)
        x, y = nx, ny
    draw.ellipse([90, 690, 190, 790], outline="#b3261e", width=5)
    buffer = io.BytesIO()
    page.save(buffer, format="PDF", resolution=72)
    return buffer.getvalue()
