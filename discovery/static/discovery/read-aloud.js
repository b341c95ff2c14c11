/* 朗读: reads a page's main text aloud in Mandarin with the browser's own speech synthesis.
 *
 * No outside host and no inline script (the Content Security Policy forbids both). The control is
 * rendered hidden and shown only when the browser offers a Chinese voice. The text is read one
 * sentence at a time: short utterances survive browsers that stop long ones, and let the page
 * highlight the sentence being read (CSS Custom Highlight API where the browser has it, else the
 * paragraph it is in). */
(function () {
    "use strict";

    var BLOCKS = "h1, h2, h3, h4, p, li, dt, dd, figcaption, blockquote, legend, label, caption, th, td";
    var SKIP = ".read-aloud, [hidden], [aria-hidden='true'], .visually-hidden, nav, script, style, template, .form-honeypot";
    var SENTENCE = /[^。！？；!?;\n]+[。！？；!?;]*[”’」』）)]*|[。！？；!?;]+/g;
    var HIGHLIGHT = "read-aloud";

    var synth = window.speechSynthesis;
    var Utterance = window.SpeechSynthesisUtterance;

    function chineseVoice() {
        var voices = synth.getVoices() || [];
        var i;
        for (i = 0; i < voices.length; i++) {
            if (/^zh[-_]CN/i.test(voices[i].lang)) return voices[i];
        }
        for (i = 0; i < voices.length; i++) {
            if (/^(zh|cmn)/i.test(voices[i].lang)) return voices[i];
        }
        return null;
    }

    function isShown(element) {
        if (element.closest(SKIP)) return false;
        return element.getClientRects().length > 0;
    }

    /* Leaf blocks of text under the sources, in document order, each read once. */
    function collectBlocks(selector) {
        var blocks = [];
        var sources = document.querySelectorAll(selector);
        Array.prototype.forEach.call(sources, function (source) {
            var candidates = source.matches(BLOCKS) ? [source] : [];
            candidates = candidates.concat(Array.prototype.slice.call(source.querySelectorAll(BLOCKS)));
            candidates.forEach(function (element) {
                if (blocks.indexOf(element) !== -1 || !isShown(element)) return;
                if (element.querySelector(BLOCKS)) return; // read its inner blocks instead
                if (!element.textContent.trim()) return;
                blocks.push(element);
            });
        });
        return blocks;
    }

    function sentencesOf(block) {
        var text = block.textContent;
        var sentences = [];
        var match;
        SENTENCE.lastIndex = 0;
        while ((match = SENTENCE.exec(text)) !== null) {
            if (match[0].trim()) {
                sentences.push({ block: block, text: match[0].trim(), start: match.index, end: match.index + match[0].length });
            }
        }
        return sentences;
    }

    /* A DOM Range over characters [start, end) of the block's text. */
    function rangeFor(sentence) {
        var walker = document.createTreeWalker(sentence.block, NodeFilter.SHOW_TEXT);
        var range = document.createRange();
        var offset = 0;
        var started = false;
        var node;
        while ((node = walker.nextNode())) {
            var length = node.nodeValue.length;
            if (!started && sentence.start < offset + length) {
                range.setStart(node, sentence.start - offset);
                started = true;
            }
            if (started && sentence.end <= offset + length) {
                range.setEnd(node, sentence.end - offset);
                return range;
            }
            offset += length;
        }
        return null;
    }

    function Reader(control) {
        this.control = control;
        this.toggle = control.querySelector("[data-read-aloud-toggle]");
        this.label = control.querySelector("[data-read-aloud-label]");
        this.stopButton = control.querySelector("[data-read-aloud-stop]");
        this.status = control.querySelector("[data-read-aloud-status]");
        this.state = "idle";
        this.queue = [];
        this.index = 0;
        this.marked = null;
        this.toggle.addEventListener("click", this.onToggle.bind(this));
        this.stopButton.addEventListener("click", this.stop.bind(this));
        window.addEventListener("pagehide", this.stop.bind(this));
    }

    Reader.prototype.setState = function (state) {
        this.state = state;
        this.control.setAttribute("data-state", state);
        this.label.textContent = { idle: "朗读本页", reading: "暂停", paused: "继续朗读" }[state];
        this.stopButton.hidden = state === "idle";
        this.status.textContent = state === "paused" ? "已暂停" : "";
    };

    Reader.prototype.onToggle = function () {
        if (this.state === "idle") this.start();
        else if (this.state === "reading") this.pause();
        else this.resume();
    };

    Reader.prototype.start = function () {
        var selector = this.control.getAttribute("data-read-aloud-source") || "main";
        this.queue = [];
        collectBlocks(selector).forEach(function (block) {
            this.queue = this.queue.concat(sentencesOf(block));
        }, this);
        if (!this.queue.length) return;
        synth.cancel();
        this.index = 0;
        this.setState("reading");
        this.speakCurrent();
    };

    Reader.prototype.speakCurrent = function () {
        var self = this;
        var sentence = this.queue[this.index];
        if (!sentence || this.state === "idle") {
            this.stop();
            return;
        }
        var utterance = new Utterance(sentence.text);
        var voice = chineseVoice();
        utterance.lang = voice && /^zh[-_]CN/i.test(voice.lang) ? voice.lang.replace("_", "-") : "zh-CN";
        if (voice) utterance.voice = voice;
        utterance.rate = 0.9;
        utterance.onstart = function () {
            self.mark(sentence);
        };
        utterance.onend = function () {
            if (self.state === "idle" || self.queue[self.index] !== sentence) return;
            self.index += 1;
            self.speakCurrent();
        };
        utterance.onerror = function (event) {
            if (event && (event.error === "interrupted" || event.error === "canceled")) return;
            self.stop();
        };
        this.current = utterance; // kept referenced: some browsers drop events of collected utterances
        synth.speak(utterance);
    };

    Reader.prototype.pause = function () {
        synth.pause();
        this.setState("paused");
    };

    Reader.prototype.resume = function () {
        this.setState("reading");
        synth.resume();
        // Some mobile browsers end the utterance on pause instead of holding it: say it again.
        if (!synth.speaking) this.speakCurrent();
    };

    Reader.prototype.stop = function () {
        if (this.state === "idle" && !this.marked) return;
        this.setState("idle");
        this.queue = [];
        synth.cancel();
        this.unmark();
    };

    Reader.prototype.mark = function (sentence) {
        this.unmark();
        var range = window.CSS && CSS.highlights && window.Highlight ? rangeFor(sentence) : null;
        if (range) {
            CSS.highlights.set(HIGHLIGHT, new Highlight(range));
        }
        sentence.block.classList.add("is-being-read");
        this.marked = sentence.block;
        var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
        var box = sentence.block.getBoundingClientRect();
        if (box.top < 0 || box.bottom > window.innerHeight) {
            sentence.block.scrollIntoView({ block: "center", behavior: reduce ? "auto" : "smooth" });
        }
    };

    Reader.prototype.unmark = function () {
        if (window.CSS && CSS.highlights) CSS.highlights.delete(HIGHLIGHT);
        if (this.marked) this.marked.classList.remove("is-being-read");
        this.marked = null;
    };

    function init() {
        var controls = document.querySelectorAll("[data-read-aloud]");
        if (!controls.length || !synth || !Utterance) return;
        var shown = false;
        function showIfChinese() {
            if (shown || !chineseVoice()) return;
            shown = true;
            Array.prototype.forEach.call(controls, function (control) {
                new Reader(control).setState("idle");
                control.hidden = false;
            });
        }
        showIfChinese();
        // Voices often arrive after the page has loaded.
        if (synth.addEventListener) synth.addEventListener("voiceschanged", showIfChinese);
        else synth.onvoiceschanged = showIfChinese;
    }

    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
})();
