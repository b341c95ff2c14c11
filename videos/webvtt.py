"""WebVTT caption files: checked on upload, and read back as plain text for search.

Only what browsers need is checked: UTF-8 text that starts with the `WEBVTT` signature and has at
least one cue with a valid timing line. Cue settings, styles and regions pass through untouched.
"""

import re

from django.core.exceptions import ValidationError

MAX_CAPTION_SIZE = 2 * 1024 * 1024

_TIMESTAMP = r"(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}"
TIMING_RE = re.compile(rf"^\s*({_TIMESTAMP})\s+-->\s+({_TIMESTAMP})(?:\s.*)?$")
# <v Speaker>, <c.class>, <b>, <00:00:01.000> and their closing tags.
_TAG_RE = re.compile(r"<[^>]*>")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&nbsp;": " ", "&lrm;": "", "&rlm;": ""}


def _seconds(timestamp):
    parts = timestamp.split(":")
    seconds = float(parts[-1])
    minutes = int(parts[-2])
    hours = int(parts[-3]) if len(parts) == 3 else 0
    return hours * 3600 + minutes * 60 + seconds


def decode(data):
    """The text of a caption file, or ValidationError (in Chinese) if it is not WebVTT."""
    if len(data) > MAX_CAPTION_SIZE:
        raise ValidationError(
            "字幕文件过大（不能超过 %(limit)s MB）。",
            code="caption_too_large",
            params={"limit": MAX_CAPTION_SIZE // (1024 * 1024)},
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            "字幕文件必须是 UTF-8 编码的 WebVTT（.vtt）文本，请在编辑器中另存为 UTF-8 后重新上传。",
            code="caption_not_utf8",
        ) from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first_line = text.split("\n", 1)[0]
    if not (first_line == "WEBVTT" or first_line.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise ValidationError(
            "这不是 WebVTT 字幕文件：文件第一行必须是“WEBVTT”。SRT 等格式请先转换为 WebVTT（.vtt）。",
            code="caption_not_webvtt",
        )
    return text


def parse_cues(text):
    """[(start seconds, end seconds, text)] of every cue, in file order."""
    cues = []
    for block in re.split(r"\n{2,}", text.strip("\n")):
        lines = block.split("\n")
        for index, line in enumerate(lines):
            match = TIMING_RE.match(line)
            if match:
                start, end = (_seconds(value) for value in match.groups())
                cues.append((start, end, "\n".join(lines[index + 1 :]).strip()))
                break
    return cues


def validate(data):
    """Raise ValidationError (in Chinese) unless `data` (bytes) is a usable WebVTT file."""
    text = decode(data)
    cues = parse_cues(text)
    if not cues:
        raise ValidationError(
            "字幕文件中没有找到有效的字幕条目（时间行格式应为 00:00:01.000 --> 00:00:03.000）。",
            code="caption_no_cues",
        )
    for number, (start, end, _) in enumerate(cues, start=1):
        if end <= start:
            raise ValidationError(
                "第 %(number)s 条字幕的结束时间早于或等于开始时间。",
                code="caption_bad_timing",
                params={"number": number},
            )
    return cues


def plain_text(text):
    """The words of every cue, without timings, tags or entities: what search should index."""
    lines = []
    for _start, _end, cue in parse_cues(text):
        cue = _TAG_RE.sub("", cue)
        for entity, replacement in _ENTITIES.items():
            cue = cue.replace(entity, replacement)
        lines.extend(line.strip() for line in cue.split("\n") if line.strip())
    return "\n".join(lines)


def validate_caption_file(field_file):
    """Model field validator for an uploaded .vtt file."""
    field_file.open("rb")
    field_file.seek(0)
    data = field_file.read(MAX_CAPTION_SIZE + 1)
    field_file.seek(0)
    validate(data)
