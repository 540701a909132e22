// The quote picker of `brief serve` (served by generator/preview_app.py, never part of the published site).
// Select words in an archived source's text; press "Copy citation" (or the C key) and the clipboard holds
//   - {source: src-006, quote: "the selected words"}
// ready to paste as one more line of a claim's `cite:` list. The words are the archived text itself (the
// paragraph numbers left out), so the quote passes `brief check` by construction.
(function () {
  "use strict";
  var button = null;
  var picked = null;

  function sourceOf(node) {
    var element = node.nodeType === 1 ? node : node.parentElement;
    var box = element && element.closest(".source-text");
    return box && box.id.slice(-5) === "-text" ? box : null;
  }

  function selectedWords(range, box) {
    var walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    var parts = [];
    var paragraph = null;
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!range.intersectsNode(node) || node.parentElement.closest(".para-num")) continue;
      var text = node.data;
      if (node === range.endContainer) text = text.slice(0, range.endOffset);
      if (node === range.startContainer) text = text.slice(range.startOffset);
      var p = node.parentElement.closest("p");
      if (paragraph !== null && p !== paragraph) parts.push(" ");
      paragraph = p;
      parts.push(text);
    }
    return parts.join("").replace(/\s+/g, " ").trim();
  }

  function snippet() {
    return "- {source: " + picked.source + ", quote: " + JSON.stringify(picked.quote) + "}";
  }

  function hide() {
    if (button) button.hidden = true;
    picked = null;
  }

  function copy() {
    if (!picked) return;
    var text = snippet();
    navigator.clipboard.writeText(text).then(function () {
      button.textContent = "Copied: paste it into a claim's cite list";
      button.dataset.copied = text;
    }, function () {
      button.textContent = "Could not copy; allow the clipboard for this page";
    });
  }

  function update() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount !== 1) return hide();
    var range = selection.getRangeAt(0);
    var box = sourceOf(range.startContainer);
    if (!box || sourceOf(range.endContainer) !== box) return hide();
    var quote = selectedWords(range, box);
    if (!quote) return hide();
    picked = {source: box.id.slice(0, -5), quote: quote};
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "brief-quote-picker";
      button.style.cssText = "position:fixed;z-index:10;right:1em;bottom:1em;padding:0.6em 1em;" +
        "background:#283593;color:#fff;border:0;border-radius:4px;font-size:0.8rem;cursor:pointer";
      button.addEventListener("mousedown", function (event) { event.preventDefault(); });
      button.addEventListener("click", copy);
      document.body.appendChild(button);
    }
    button.hidden = false;
    button.textContent = "Copy citation (C): " + (quote.length > 40 ? quote.slice(0, 39) + "\u2026" : quote);
    delete button.dataset.copied;
  }

  document.addEventListener("selectionchange", update);
  document.addEventListener("keydown", function (event) {
    var typing = event.target.closest && event.target.closest("input, textarea, [contenteditable]");
    if (picked && !typing && !event.ctrlKey && !event.metaKey && !event.altKey && event.key.toLowerCase() === "c") {
      event.preventDefault();
      copy();
    }
  });
})();
