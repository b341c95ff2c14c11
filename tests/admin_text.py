"""Finding English words on an admin screen: what a Chinese-speaking member of staff would see.

The visible text is the page's title and `innerText` (which holds what is rendered, including
text for screen readers, but not hidden elements), each closed <select>'s chosen option only,
visible placeholders of empty fields and the labels of visible buttons. Addresses, file names,
slugs, codes and model labels are data, not words; a few names (Wagtail, PDF, URL, file formats)
are allowed.
"""

import re

ALLOWED = {
    # 闽ICP备…号: the licence number every Chinese website shows.
    "icp",
    "wagtail",
    "pdf",
    "url",
    "urls",
    "id",
    "jpeg",
    "jpg",
    "png",
    "webp",
    "avif",
    "gif",
    "svg",
    "mp4",
    "webm",
    "m4v",
    "mp3",
    "m4a",
    "vtt",
    "webvtt",
    "csv",
    "xlsx",
    "docx",
    "odt",
    "api",
    "qr",
    "html",
    "email",
    "ip",
    "kb",
    "mb",
    "gb",
    # A caption language's own name, like 繁體中文 beside it.
    "english",
}
NOISE = [
    re.compile(r"\S+://\S+"),  # addresses
    re.compile(r"\S+@\S+"),  # email addresses
    re.compile(r"(?<![\w])/[\w./?=&%-]*"),  # paths
    re.compile(r"\b[a-z_]+\.[a-z_]+\b"),  # model labels (exhibits.storypage)
    re.compile(
        r"\b[\w-]+\.(?:jpe?g|png|webp|avif|gif|pdf|docx|odt|xlsx|mp4|webm|m4v|mp3|m4a|vtt|csv)\b", re.I
    ),
    re.compile(r"\b[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)+\b"),  # slugs, user names, receipt codes
    re.compile(r"\b(?=[A-Za-z]*\d)[A-Za-z0-9]+\b"),  # words with digits (codes, versions)
    re.compile(r"X{3,}"),  # a number to fill in (闽ICP备XXXXXXXX号)
]
WORD = re.compile(r"[A-Za-z]{2,}")

VISIBLE_TEXT_JS = """() => {
    // A closed <select> shows its chosen option only; innerText would list them all.
    const swapped = [];
    for (const select of document.querySelectorAll('select')) {
        const shown = document.createElement('span');
        shown.textContent = select.selectedOptions.length ? select.selectedOptions[0].text : '';
        select.after(shown);
        const display = select.style.display;
        select.style.display = 'none';
        swapped.push([select, shown, display]);
    }
    const parts = [document.title, document.body.innerText];
    for (const [select, shown, display] of swapped) { shown.remove(); select.style.display = display; }
    const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
        if (visible(el) && !el.value) parts.push(el.placeholder);
    }
    for (const el of document.querySelectorAll('input[type=submit], input[type=button]')) {
        // Wagtail 8 hard-codes value="Search" on a submit button kept for screen readers only
        // (.w-sr-only) in its header and dashboard templates; not visible, and left alone.
        if (visible(el) && !el.closest('.w-sr-only')) parts.push(el.value);
    }
    return parts.join('\\n');
}"""


def english_words(text, extra_allowed=()):
    for pattern in NOISE:
        text = pattern.sub(" ", text)
    allowed = ALLOWED | {word.lower() for word in extra_allowed}
    return sorted({word for word in WORD.findall(text) if word.lower() not in allowed})


def english_lines(text, extra_allowed=()):
    """The lines holding English words, for a readable failure message."""
    return [line.strip() for line in text.splitlines() if english_words(line, extra_allowed)]
