"""Pictures for the demo content, drawn with Pillow so nothing is downloaded.

Each kind of place looks like what it is: a good-people wall with its banner and portrait boards,
a family-motto hall in the red-brick, swallow-tail-ridged style of southern Fujian with its name
plaque, a stele with its inscription, a garden with its name stone, a corridor of display boards.
Mottos are written in columns, right to left, with a red seal; fictional people get an illustrated
portrait. Lettering uses a Chinese font when the machine has one (a Kai face for brush writing,
`make test` installs fonts-arphic-ukai); without one the pictures are drawn without lettering.
Every picture is deterministic: the same name always gives the same picture.
"""

import functools
import hashlib
import io
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

PALETTES = [
    ("#b3261e", "#f2c14e", "#fff4e0"),
    ("#8c1d18", "#e8a33d", "#fdf0ee"),
    ("#1e5f8c", "#f2c14e", "#eef5fb"),
    ("#2f6b3a", "#f6d77a", "#eff7ef"),
    ("#7a3e9d", "#f2c14e", "#f6eefb"),
    ("#a34a00", "#ffd54f", "#fff3e6"),
]
INK = "#1c1a18"
SEAL_RED = "#b3261e"
BRICK = "#b5452f"
BRICK_DARK = "#8e3323"
STONE = "#8d8680"
SKY_TOP = "#cfe6f5"
SKY_BOTTOM = "#fbf7ef"
GROUND = "#d9cfc7"

# Fonts looked for in this order (Debian's paths); the first that exists is used, a brush face
# for calligraphy and names carved in stone.
KAI_FONTS = [
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/usr/share/fonts/truetype/lxgw/LXGWWenKai-Regular.ttf",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
]
SANS_FONTS = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
]


def _seed(name):
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:12], 16)


def _palette(name):
    return PALETTES[_seed(name) % len(PALETTES)]


def _rgb(colour):
    if isinstance(colour, tuple):
        return colour
    hex_colour = colour.lstrip("#")
    return tuple(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a, b, t):
    return tuple(int(x + (y - x) * t) for x, y in zip(_rgb(a), _rgb(b), strict=True))


def _to_jpeg(image):
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=86, optimize=True)
    return buffer.getvalue()


@functools.cache
def _font_path(kind):
    """A font file with Chinese glyphs: `kai` (brush) or `sans`; None when the machine has none."""
    candidates = KAI_FONTS + SANS_FONTS if kind == "kai" else SANS_FONTS + KAI_FONTS
    for path in candidates:
        if Path(path).exists():
            return path
    return None


def _font(size, kind="sans"):
    path = _font_path(kind)
    if path is None:
        return None
    # Index 0 of a collection is the simplified-Chinese face of both UKai and WenQuanYi.
    return ImageFont.truetype(path, size=size, index=0)


def _sky(draw, size, top=SKY_TOP, bottom=SKY_BOTTOM, until=None):
    width, height = size
    until = until or height
    for y in range(until):
        draw.line([(0, y), (width, y)], fill=_mix(top, bottom, y / max(until - 1, 1)))


def _text_centre(draw, box, text, font, fill):
    """Write `text` centred in box (x0, y0, x1, y1); no-op without a font."""
    if font is None or not text:
        return
    x0, y0, x1, y1 = box
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    x = x0 + (x1 - x0 - (right - left)) / 2 - left
    y = y0 + (y1 - y0 - (bottom - top)) / 2 - top
    draw.text((x, y), text, font=font, fill=fill)


def _fit(draw, text, width, start, kind="sans"):
    """The largest font size (from `start` down) at which `text` fits `width` pixels."""
    size = start
    while size > 12:
        font = _font(size, kind)
        if font is None:
            return None
        left, _, right, _ = draw.textbbox((0, 0), text, font=font)
        if right - left <= width:
            return font
        size -= 4
    return _font(12, kind)


def _vertical(draw, x, y, text, font, fill, spacing=1.1):
    """Characters top to bottom in one column centred on x; returns the y below the last."""
    if font is None:
        return y
    step = int(font.size * spacing)
    for char in text:
        left, top, right, _ = draw.textbbox((0, 0), char, font=font)
        draw.text((x - (right - left) / 2 - left, y - top), char, font=font, fill=fill)
        y += step
    return y


def _demo_mark(image, text="示意图"):
    """A small, quiet label in the corner: these pictures are drawings, not photographs."""
    draw = ImageDraw.Draw(image)
    font = _font(max(14, image.width // 48))
    if font is None:
        return
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    pad = font.size // 2
    # Inside what a 4:3 card crop and a 12:5 banner crop of a 3:2 picture both keep.
    x1, y1 = int(image.width * 0.92), int(image.height * 0.79)
    x0, y0 = x1 - (right - left) - 2 * pad, y1 - (bottom - top) - 2 * pad
    draw.rounded_rectangle([x0, y0, x1, y1], radius=pad, fill=(255, 255, 255))
    draw.text((x0 + pad - left, y0 + pad - top), text, font=font, fill=(90, 82, 78))


def _trees(draw, rng, ground, width, count, colour="#3f7d45", scale=1.0):
    for _ in range(count):
        x = rng.randrange(0, width)
        r = int(rng.randrange(45, 90) * scale)
        draw.rectangle([x - 7, ground - r, x + 7, ground + 6], fill="#6b4b2a")
        draw.ellipse([x - r, ground - 2.6 * r, x + r, ground - 0.6 * r], fill=colour)
        draw.ellipse(
            [x - 0.6 * r, ground - 3.0 * r, x + 0.7 * r, ground - 1.4 * r], fill=_mix(colour, "#ffffff", 0.12)
        )


def _paving(draw, ground, width, height):
    draw.rectangle([0, ground, width, height], fill=GROUND)
    for y in range(ground + 18, height, 36):
        draw.line([(0, y), (width, y)], fill="#cbbfb5", width=2)


# Scenes ----------------------------------------------------------------------------------------


def scene(name, kind, size=(1200, 800), label=""):
    """A cover picture of `kind`: wall, boards, corridor, stele, garden, square, hall, film,
    community (or story). `label` is lettered on it where such a place carries its name."""
    rng = random.Random(_seed(name))
    dark, accent, light = _palette(name)
    image = Image.new("RGB", size, light)
    draw = ImageDraw.Draw(image)
    ground = int(size[1] * 0.8)
    drawer = {
        "wall": _wall,
        "boards": _wall,
        "corridor": _corridor,
        "stele": _stele,
        "garden": _garden,
        "square": _garden,
        "hall": _hall,
        "film": _film,
    }.get(kind, _community)
    drawer(draw, rng, size, ground, label, (dark, accent, light))
    image = image.filter(ImageFilter.SMOOTH)
    if kind != "film":
        _demo_mark(image)
    return _to_jpeg(image)


def _wall(draw, rng, size, ground, label, colours):
    """A good-people wall: a long red wall on a stone base, a banner, rows of portrait boards."""
    width, height = size
    _sky(draw, size, until=ground)
    _trees(draw, rng, ground - 40, width, 6, colour="#4f8a55", scale=0.8)
    _paving(draw, ground, width, height)
    x0, x1 = 70, width - 70
    top = int(height * 0.2)
    draw.rectangle([x0, top, x1, ground], fill=BRICK)
    draw.rectangle([x0 - 14, top - 26, x1 + 14, top + 6], fill="#5b4a44")  # coping
    draw.rectangle([x0 - 10, ground - 40, x1 + 10, ground + 8], fill=STONE)  # base
    banner = (x0 + 60, top + 24, x1 - 60, top + 104)
    draw.rounded_rectangle(banner, radius=10, fill="#f6e7c1", outline=colours[1], width=4)
    font = _fit(draw, label or "身边好人", banner[2] - banner[0] - 80, 64, "kai")
    _text_centre(draw, banner, label or "身边好人", font, BRICK_DARK)
    boards = 5
    gap = 26
    board_w = (x1 - x0 - 80 - gap * (boards - 1)) // boards
    by0, by1 = top + 136, ground - 64
    name_font = _font(26)
    for i in range(boards):
        bx = x0 + 40 + i * (board_w + gap)
        draw.rounded_rectangle([bx, by0, bx + board_w, by1], radius=8, fill="#fffaf0")
        px0, py0, px1 = bx + 22, by0 + 20, bx + board_w - 22
        py1 = py0 + int((px1 - px0) * 1.05)
        tone = _mix(PALETTES[(i + rng.randrange(6)) % 6][0], "#ffffff", 0.55)
        draw.rectangle([px0, py0, px1, py1], fill=tone)
        cx = (px0 + px1) // 2
        head = (px1 - px0) // 5
        draw.ellipse([cx - head, py0 + head, cx + head, py0 + 3 * head], fill="#f1d2b5")
        draw.pieslice(
            [cx - 2.2 * head, py0 + 3 * head, cx + 2.2 * head, py1 + 2 * head],
            180,
            360,
            fill=_mix(tone, "#000000", 0.35),
        )
        _text_centre(draw, (bx, py1 + 8, bx + board_w, py1 + 44), "好人好事", name_font, BRICK_DARK)
        for line in range(3):
            ly = py1 + 56 + line * 18
            if ly < by1 - 12:
                draw.line(
                    [(bx + 24, ly), (bx + board_w - 24 - (line == 2) * 40, ly)], fill="#cfc4bb", width=6
                )


def _corridor(draw, rng, size, ground, label, colours):
    """A roofed corridor of display boards between red pillars."""
    width, height = size
    _sky(draw, size, until=ground)
    _paving(draw, ground, width, height)
    roof_y = int(height * 0.22)
    draw.polygon(
        [(20, roof_y + 60), (80, roof_y), (width - 80, roof_y), (width - 20, roof_y + 60)], fill="#5b3a2e"
    )
    draw.rectangle([40, roof_y + 56, width - 40, roof_y + 80], fill=BRICK_DARK)
    sign = (width // 2 - 260, roof_y + 92, width // 2 + 260, roof_y + 160)
    draw.rectangle(sign, fill="#2f2623")
    font = _fit(draw, label or "身边故事", sign[2] - sign[0] - 40, 52, "kai")
    _text_centre(draw, sign, label or "身边故事", font, "#f2c14e")
    pillars = 6
    span = (width - 120) / (pillars - 1)
    for i in range(pillars):
        x = int(60 + i * span)
        draw.rectangle([x - 14, roof_y + 80, x + 14, ground], fill="#a32b22")
        if i < pillars - 1:
            bx0, bx1 = x + 34, int(x + span) - 34
            by0 = roof_y + 190
            draw.rectangle([bx0, by0, bx1, ground - 70], fill="#fffaf0", outline="#d8c9b9", width=4)
            draw.rectangle([bx0 + 14, by0 + 14, bx1 - 14, by0 + 120], fill=_mix(colours[0], "#ffffff", 0.5))
            for line in range(4):
                ly = by0 + 140 + line * 22
                draw.line([(bx0 + 16, ly), (bx1 - 16 - 30 * (line == 3), ly)], fill="#cfc4bb", width=7)


def _stele(draw, rng, size, ground, label, colours):
    """A stone stele on a pedestal, its inscription cut in one column."""
    width, height = size
    _sky(draw, size, until=ground)
    _trees(draw, rng, ground, width, 7, colour="#3f6f47")
    _paving(draw, ground, width, height)
    cx = width // 2
    draw.rectangle([cx - 210, ground - 70, cx + 210, ground + 6], fill="#6f6862")  # pedestal
    draw.rectangle([cx - 180, ground - 100, cx + 180, ground - 66], fill="#7d766f")
    top = int(height * 0.1)
    draw.rounded_rectangle([cx - 120, top, cx + 120, ground - 96], radius=40, fill="#8a837c")
    draw.rectangle([cx - 120, top + 60, cx + 120, ground - 96], fill="#8a837c")
    draw.rectangle([cx - 96, top + 70, cx + 96, ground - 120], outline="#6a635d", width=5)
    text = label or "身边好人"
    room = ground - 140 - (top + 90)
    font = _font(min(88, int(room / (len(text) * 1.1))), "kai")
    _vertical(draw, cx, top + 92, text, font, "#3b3632", spacing=1.1)


def _garden(draw, rng, size, ground, label, colours):
    """A small park: trees, a path, benches and a landscape stone carved with the park's name."""
    width, height = size
    _sky(draw, size, until=ground)
    _trees(draw, rng, ground, width, 9)
    draw.rectangle([0, ground, width, height], fill="#9cc58e")
    draw.polygon(
        [
            (width // 2 - 80, height),
            (width // 2 + 80, height),
            (width // 2 + 30, ground),
            (width // 2 - 30, ground),
        ],
        fill="#e8dccb",
    )
    for bx in (150, width - 330):
        draw.rectangle([bx, ground + 40, bx + 180, ground + 56], fill="#8b5a2b")
        draw.rectangle([bx + 14, ground + 56, bx + 26, ground + 84], fill="#5e3d1d")
        draw.rectangle([bx + 154, ground + 56, bx + 166, ground + 84], fill="#5e3d1d")
    cx = width // 2 + (rng.randrange(-120, 120))
    stone = [
        (cx - 250, ground + 10),
        (cx - 270, ground - 120),
        (cx - 170, ground - 230),
        (cx + 60, ground - 250),
        (cx + 250, ground - 170),
        (cx + 270, ground + 10),
    ]
    draw.polygon(stone, fill="#b9b1a7")
    draw.polygon([(x + 12, y + 10) for x, y in stone[:3]] + [(cx - 150, ground)], fill="#a79e94")
    text = label or "向善"
    font = _fit(draw, text, 400, 96, "kai")
    _text_centre(draw, (cx - 230, ground - 210, cx + 230, ground - 30), text, font, "#b3261e")


def _hall(draw, rng, size, ground, label, colours):
    """A red-brick hall of southern Fujian (红砖厝): swallow-tail ridge, name plaque, lanterns."""
    width, height = size
    _sky(draw, size, until=ground)
    _trees(draw, rng, ground, width, 4, colour="#4c7f50", scale=0.9)
    _paving(draw, ground, width, height)
    cx = width // 2
    wall_top = int(height * 0.36)
    draw.rectangle([cx - 420, wall_top, cx + 420, ground], fill=BRICK)
    for y in range(wall_top + 20, ground, 26):  # brick courses
        draw.line([(cx - 420, y), (cx + 420, y)], fill=BRICK_DARK, width=2)
    draw.rectangle([cx - 420, ground - 60, cx + 420, ground], fill="#cfc6bd")  # granite footing
    roof = int(height * 0.2)
    draw.polygon(
        [(cx - 470, wall_top + 10), (cx - 400, roof + 40), (cx + 400, roof + 40), (cx + 470, wall_top + 10)],
        fill="#6e2a1f",
    )
    # The ridge curves up into swallow tails at both ends.
    draw.rectangle([cx - 380, roof + 22, cx + 380, roof + 42], fill="#4d1d15")
    for side in (-1, 1):
        tip = cx + side * 470
        draw.polygon(
            [
                (cx + side * 360, roof + 22),
                (tip, roof - 40),
                (tip - side * 10, roof - 20),
                (cx + side * 360, roof + 42),
            ],
            fill="#4d1d15",
        )
    door = (cx - 110, wall_top + 170, cx + 110, ground - 60)
    draw.rectangle(door, fill="#2f2623")
    draw.line([(cx, door[1]), (cx, door[3])], fill="#5a463e", width=4)
    plaque = (cx - 230, wall_top + 40, cx + 230, wall_top + 140)
    draw.rectangle(plaque, fill="#2f2623", outline="#c99a3a", width=6)
    font = _fit(draw, label or "家风家训馆", plaque[2] - plaque[0] - 50, 64, "kai")
    _text_centre(draw, plaque, label or "家风家训馆", font, "#f2c14e")
    for lx in (cx - 180, cx + 180):
        draw.line([(lx, wall_top + 150), (lx, wall_top + 176)], fill="#3a2a24", width=3)
        draw.ellipse([lx - 28, wall_top + 170, lx + 28, wall_top + 240], fill="#d8321f")
        draw.rectangle([lx - 14, wall_top + 236, lx + 14, wall_top + 246], fill="#f2c14e")
    for wx in (cx - 340, cx + 220):  # carved stone windows
        draw.rectangle([wx, wall_top + 190, wx + 120, wall_top + 300], fill="#cfc6bd")
        for i in range(5):
            draw.line(
                [(wx + 12 + i * 24, wall_top + 198), (wx + 12 + i * 24, wall_top + 292)],
                fill="#9b9188",
                width=6,
            )


def _film(draw, rng, size, ground, label, colours):
    """A film frame with the film's title."""
    width, height = size
    dark, accent, _ = colours
    draw.rectangle([0, 0, width, height], fill="#1b1b1b")
    for x in range(0, width, 80):
        draw.rectangle([x + 20, 20, x + 60, 60], fill="#3a3a3a")
        draw.rectangle([x + 20, height - 60, x + 60, height - 20], fill="#3a3a3a")
    draw.rectangle([60, 100, width - 60, height - 100], fill=dark)
    for i in range(10):  # a soft sunrise behind the title
        r = 520 - i * 40
        draw.ellipse(
            [width // 2 - r, height - 100 - r // 2, width // 2 + r, height - 100 + r // 2],
            fill=_mix(dark, accent, i / 14),
        )
    font = _fit(draw, label, width - 260, 110, "kai")
    _text_centre(draw, (60, 150, width - 60, 380), label, font, "#fff6e0")
    cx, cy = width // 2, int(height * 0.66)
    draw.ellipse([cx - 70, cy - 70, cx + 70, cy + 70], fill="#fff6e0")
    draw.polygon([(cx - 22, cy - 38), (cx - 22, cy + 38), (cx + 42, cy)], fill=dark)


def _community(draw, rng, size, ground, label, colours):
    """Homes of a community behind its station's sign."""
    width, height = size
    dark, accent, light = colours
    _sky(draw, size, until=ground)
    _paving(draw, ground, width, height)
    x = 0
    i = 0
    while x < width:
        w = rng.randrange(90, 200)
        h = rng.randrange(200, 430)
        fill = dark if i % 2 else "#c98a6b"
        draw.rectangle([x, ground - h, x + w - 12, ground], fill=fill)
        for wy in range(ground - h + 22, ground - 26, 40):
            for wx in range(x + 14, x + w - 34, 30):
                draw.rectangle([wx, wy, wx + 12, wy + 18], fill=light)
        x += w
        i += 1
    draw.ellipse([width - 220, 50, width - 110, 160], fill=accent)
    if label:
        # High enough that a wide banner crop of the picture keeps it.
        sign = (width // 2 - 300, ground - 250, width // 2 + 300, ground - 150)
        draw.rectangle([sign[0] + 30, sign[3], sign[0] + 44, ground + 20], fill="#5b4a44")
        draw.rectangle([sign[2] - 44, sign[3], sign[2] - 30, ground + 20], fill="#5b4a44")
        draw.rectangle(sign, fill="#fffaf0", outline=SEAL_RED, width=6)
        font = _fit(draw, label, sign[2] - sign[0] - 60, 54)
        _text_centre(draw, sign, label, font, SEAL_RED)


# People and calligraphy ---------------------------------------------------------------------------

SKIN = ["#f3d3b8", "#eac3a1", "#e0b590", "#f6dcc5"]
HAIR = ["#1f1a17", "#2b2320", "#3b2f29", "#8b8580", "#b9b4ae"]  # the last two: grey, white
CLOTHES = ["#b3261e", "#1e5f8c", "#2f6b3a", "#5b4a8a", "#a34a00", "#37474f", "#7b3f3f"]


def portrait(name, size=(600, 800)):
    """An illustrated head-and-shoulders portrait (a drawing, marked 示意图), unique to the name."""
    rng = random.Random(_seed(name))
    _, accent, light = _palette(name)
    width, height = size
    image = Image.new("RGB", size, light)
    draw = ImageDraw.Draw(image)
    _sky(draw, size, top=light, bottom=_mix(accent, "#ffffff", 0.55))
    cx = width // 2
    draw.ellipse([cx - 250, 90, cx + 250, 590], fill=_mix(accent, "#ffffff", 0.35))  # halo
    skin = rng.choice(SKIN)
    hair = rng.choice(HAIR)
    clothes = rng.choice(CLOTHES)
    style = rng.randrange(4)
    face_w, face_h = 132 + rng.randrange(0, 16), 168 + rng.randrange(0, 14)
    face_top = 210
    # Shoulders and clothes, with a collar.
    draw.rounded_rectangle([cx - 260, 540, cx + 260, height + 120], radius=190, fill=clothes)
    draw.rectangle([cx - 44, 470, cx + 44, 560], fill=_mix(skin, "#000000", 0.08))  # neck
    draw.polygon([(cx - 70, 540), (cx, 640), (cx + 70, 540)], fill="#fdfbf7")  # shirt
    draw.polygon([(cx - 70, 540), (cx - 10, 640), (cx - 120, 600)], fill=_mix(clothes, "#000000", 0.2))
    draw.polygon([(cx + 70, 540), (cx + 10, 640), (cx + 120, 600)], fill=_mix(clothes, "#000000", 0.2))
    # Hair behind the face.
    if style == 1:  # shoulder-length
        draw.rounded_rectangle(
            [cx - face_w - 26, face_top - 30, cx + face_w + 26, face_top + 2 * face_h - 10],
            radius=120,
            fill=hair,
        )
    elif style == 2:  # bun
        draw.ellipse([cx - 62, face_top - 96, cx + 62, face_top + 20], fill=hair)
    draw.ellipse([cx - face_w, face_top, cx + face_w, face_top + 2 * face_h], fill=skin)
    draw.ellipse(
        [cx - face_w - 14, face_top + face_h - 22, cx - face_w + 16, face_top + face_h + 34], fill=skin
    )  # ears
    draw.ellipse(
        [cx + face_w - 16, face_top + face_h - 22, cx + face_w + 14, face_top + face_h + 34], fill=skin
    )
    # Hair on top: a fringe, hair over the temples, and for some a side parting.
    fringe_bottom = face_top + int(face_h * 0.62)
    draw.chord(
        [cx - face_w - 10, face_top - 30, cx + face_w + 10, 2 * fringe_bottom - face_top + 30],
        180,
        360,
        fill=hair,
    )
    for side in (-1, 1):
        x_outer = cx + side * (face_w + 8)
        x_inner = cx + side * (face_w - 26)
        draw.polygon(
            [
                (x_outer, fringe_bottom),
                (x_inner, fringe_bottom),
                (x_outer - side * 4, face_top + int(face_h * 0.95)),
            ],
            fill=hair,
        )
    if style == 3:
        part = cx - face_w // 3
        draw.polygon(
            [
                (part, face_top - 10),
                (part + 40, fringe_bottom),
                (cx + face_w, fringe_bottom + 6),
                (cx + face_w + 10, face_top + 40),
            ],
            fill=hair,
        )
    # A calm, friendly face: brows, eyes, cheeks, smile.
    eye_y = face_top + int(face_h * 1.0)
    for side in (-1, 1):
        ex = cx + side * int(face_w * 0.42)
        draw.arc(
            [ex - 26, eye_y - 40, ex + 26, eye_y - 16], 200, 340, fill=_mix(hair, "#000000", 0.2), width=6
        )
        draw.ellipse([ex - 9, eye_y - 9, ex + 9, eye_y + 9], fill="#2a211d")
        draw.ellipse(
            [ex - 30, eye_y + 34, ex + 6, eye_y + 58]
            if side < 0
            else [ex - 6, eye_y + 34, ex + 30, eye_y + 58],
            fill=_mix(skin, "#e07a6a", 0.35),
        )
    draw.arc([cx - 42, eye_y + 40, cx + 42, eye_y + 92], 20, 160, fill="#8c3b2e", width=6)
    if rng.random() < 0.4:  # glasses
        for side in (-1, 1):
            ex = cx + side * int(face_w * 0.42)
            draw.ellipse([ex - 34, eye_y - 28, ex + 34, eye_y + 26], outline="#3a3330", width=5)
        draw.line(
            [(cx - int(face_w * 0.42) + 34, eye_y - 4), (cx + int(face_w * 0.42) - 34, eye_y - 4)],
            fill="#3a3330",
            width=5,
        )
    image = image.filter(ImageFilter.SMOOTH)
    _demo_mark(image, "演示画像")
    return _to_jpeg(image)


def portrait_focal_point(size=(600, 800)):
    """Where the face is in `portrait`'s drawings: (x, y, width, height) for Wagtail's focal point."""
    width, _ = size
    return width // 2, 390, 320, 380


def calligraphy(text, size=(800, 1000), signature=""):
    """The motto brushed in columns, right to left, on rice paper, with a red seal.

    Without a Chinese font: brush-like strokes in the same layout (no lettering).
    """
    rng = random.Random(_seed(text))
    width, height = size
    image = Image.new("RGB", size, "#f3ead6")
    draw = ImageDraw.Draw(image)
    for _ in range(900):  # paper fibres
        x, y = rng.randrange(width), rng.randrange(height)
        length = rng.randrange(6, 26)
        angle = rng.random() * math.pi
        draw.line(
            [(x, y), (x + length * math.cos(angle), y + length * math.sin(angle))],
            fill=(226, 214, 188),
            width=1,
        )
    draw.rectangle([30, 30, width - 30, height - 30], outline="#c9b48a", width=3)
    chars = [c for c in text if c.strip() and c not in "，。、；：！？,.;:!?"]
    columns = 2 if len(chars) > 5 else 1
    per_column = math.ceil(len(chars) / columns)
    room = height - 240
    font = _font(min(190, int(room / (per_column * 1.08))), "kai")
    column_x = [width - 250 - i * 250 for i in range(columns)] if columns == 2 else [width // 2 + 60]
    if font is not None:
        for i, x in enumerate(column_x):
            _vertical(
                draw, x, 110, "".join(chars[i * per_column : (i + 1) * per_column]), font, INK, spacing=1.08
            )
        small = _font(44, "kai")
        _vertical(draw, 110, 140, signature or "家训", small, "#3b3632", spacing=1.15)
    else:  # strokes where the characters would be
        for x in column_x:
            y = 120
            for _ in range(per_column):
                draw.line([(x - 60, y + 30), (x + 60, y + 40)], fill=INK, width=20)
                draw.line([(x, y), (x + 8, y + 120)], fill=INK, width=22)
                y += int(room / per_column)
    # The seal under the signature: a red square with two characters cut in white.
    sx, sy = 80, height - 250
    draw.rectangle([sx, sy, sx + 120, sy + 120], fill=SEAL_RED)
    draw.rectangle([sx + 10, sy + 10, sx + 110, sy + 110], outline="#f3ead6", width=5)
    seal_font = _font(46, "kai")
    if seal_font is not None:
        _vertical(draw, sx + 60, sy + 14, "家风", seal_font, "#f3ead6", spacing=1.0)
    return _to_jpeg(image.filter(ImageFilter.GaussianBlur(0.6)))


def consent_form_pdf(name):
    """A one-page stand-in for a signed consent form, as a PDF."""
    page = Image.new("RGB", (620, 877), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle([40, 40, 580, 110], outline="#444", width=3)
    _text_centre(draw, (40, 40, 580, 110), "知情同意书（演示）", _font(30), "#222")
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
