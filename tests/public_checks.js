// Layout checks run inside Chromium by tests/test_browser_public.py. Returns a list of problems
// (strings); an empty list means the page passes. `elder` turns on the elder-mode rules.
(elder) => {
    const problems = [];
    const viewportWidth = document.documentElement.clientWidth;
    const describe = (el) => {
        const text = (el.textContent || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 24);
        const cls = typeof el.className === "string" ? el.className.split(" ")[0] : "";
        return `<${el.tagName.toLowerCase()}${cls ? "." + cls : ""}> "${text}"`;
    };
    const shown = (el) => {
        if (el.checkVisibility && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) {
            return false;
        }
        if (el.closest("[aria-hidden='true'] .form-honeypot, .form-honeypot, .visually-hidden")) return false;
        const box = el.getBoundingClientRect();
        return box.width > 1 && box.height > 1 && box.right > 0 && box.left < viewportWidth;
    };

    // No sideways scrolling.
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth > viewportWidth) problems.push(`page is ${scrollWidth}px wide, screen ${viewportWidth}px`);

    // The header keeps to one row per part and to the screen: no wrapped name, nothing cut off.
    const header = document.querySelector(".site-header");
    if (header) {
        for (const el of header.querySelectorAll("*")) {
            if (!shown(el)) continue;
            const box = el.getBoundingClientRect();
            if (box.left < -0.5 || box.right > viewportWidth + 0.5) problems.push(`header: ${describe(el)} off screen`);
            if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible") {
                problems.push(`header: ${describe(el)} cut off`);
            }
        }
        for (const name of header.querySelectorAll(".site-brand__name")) {
            if (!shown(name)) continue;
            const style = getComputedStyle(name);
            const lines = name.getBoundingClientRect().height / parseFloat(style.lineHeight);
            if (lines > 1.5) problems.push(`header: site name wraps onto ${lines.toFixed(1)} lines`);
            const brand = name.closest(".site-brand").getBoundingClientRect();
            if (name.getBoundingClientRect().right > brand.right + 0.5) problems.push("header: site name is cut off");
        }
        // A placeholder the box cannot show whole is a cut-off hint.
        for (const input of header.querySelectorAll("input[placeholder]")) {
            if (!shown(input)) continue;
            const style = getComputedStyle(input);
            const context = document.createElement("canvas").getContext("2d");
            context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            const needed = context.measureText(input.placeholder).width;
            if (needed > room - 2) problems.push(`header: placeholder "${input.placeholder}" cut (${needed.toFixed(0)} > ${room.toFixed(0)}px)`);
        }
    }

    if (!elder) return problems;

    // Every visible text at least 20px (SVG text at the size it is drawn), line spacing >= 1.3.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const checked = new Set();
    let node;
    while ((node = walker.nextNode())) {
        const el = node.parentElement;
        if (!el || checked.has(el) || !node.nodeValue.trim()) continue;
        checked.add(el);
        if (["SCRIPT", "STYLE", "TITLE", "OPTION"].includes(el.tagName) || !shown(el)) continue;
        const style = getComputedStyle(el);
        let size = parseFloat(style.fontSize);
        if (el instanceof SVGElement) {
            const matrix = el.getScreenCTM();
            size *= matrix ? Math.hypot(matrix.a, matrix.b) : 1;
        } else {
            const leading = style.lineHeight === "normal" ? 1.2 : parseFloat(style.lineHeight) / size;
            if (leading < 1.295) problems.push(`line spacing ${leading.toFixed(2)}: ${describe(el)}`);
        }
        if (size < 19.95) problems.push(`${size.toFixed(1)}px text: ${describe(el)}`);
    }
    for (const control of document.querySelectorAll("input:not([type=hidden]), select, textarea, button")) {
        if (!shown(control) || ["checkbox", "radio"].includes(control.type)) continue;
        const size = parseFloat(getComputedStyle(control).fontSize);
        if (size < 19.95) problems.push(`${size.toFixed(1)}px control: ${describe(control)}`);
    }

    // Targets of at least 48px; a link inside a sentence is exempt (WCAG 2.5.5's inline exception).
    const targets = "a[href], button, summary, select, textarea, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), label.choice";
    for (const el of document.querySelectorAll(targets)) {
        if (!shown(el)) continue;
        const style = getComputedStyle(el);
        if (el.tagName === "A" && style.display === "inline") {
            const block = el.parentElement.closest("p, li, dd, td, th, span, h1, h2, h3");
            if (block && block.textContent.trim().length > el.textContent.trim().length) continue;
        }
        const box = el.getBoundingClientRect();
        if (box.height < 47.5 || box.width < 47.5) {
            problems.push(`target ${box.width.toFixed(0)}x${box.height.toFixed(0)}px: ${describe(el)}`);
        }
    }

    // Paragraphs of running text: the space between them at least 1.3 times the line spacing.
    for (const p of document.querySelectorAll("main .prose p + p")) {
        const previous = p.previousElementSibling;
        if (!shown(p) || !shown(previous)) continue;
        const gap = p.getBoundingClientRect().top - previous.getBoundingClientRect().bottom;
        const lineSpacing = parseFloat(getComputedStyle(previous).lineHeight);
        if (gap < 1.3 * lineSpacing - 0.5) {
            problems.push(`paragraph spacing ${gap.toFixed(0)}px < 1.3 × ${lineSpacing.toFixed(0)}px: ${describe(p)}`);
        }
    }
    return problems;
}
