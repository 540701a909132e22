/* Search on the hosted site: Pagefind (see generator/publish/search_index.py), opened from a button in the
   header, in a dialog. Pagefind fetches only the pieces of its index a query needs, so the first
   search costs a few hundred kB however many briefs there are. Where the page already has a search
   of its own (Material's in the offline copy, Zensical's), this script does nothing.

   The query is searched without accents, as the offline copy's search does (search-spellings.js):
   every page holds each accented word also without accents, and the other spellings of its names. */
(function () {
  "use strict";
  if (document.querySelector("[data-md-component=search]")) return;
  var header = document.querySelector(".md-header__inner");
  var script = document.currentScript;
  if (!header || !script) return;
  var bundle = new URL("../pagefind/", script.src);
  var siteRoot = new URL("../", bundle);

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
  }

  var button = document.createElement("button");
  button.type = "button";
  button.className = "md-header__button md-icon brief-search__open";
  button.title = "Search (/ or S)";
  button.setAttribute("aria-label", "Search the briefs");
  button.setAttribute("aria-haspopup", "dialog");
  button.innerHTML = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true">' +
    '<path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 ' +
    '6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 ' +
    '9.5 5"/></svg>';
  header.insertBefore(button, header.querySelector(".md-header__source"));

  var dialog = document.createElement("dialog");
  dialog.className = "brief-search";
  dialog.setAttribute("aria-label", "Search the briefs");
  dialog.innerHTML = '<div class="brief-search__bar"><span class="brief-search__title">Search the briefs</span>' +
    '<button type="button" class="brief-search__close">Close</button></div><div class="brief-search__ui"></div>';
  document.body.appendChild(dialog);

  var started = null;
  function start() {
    if (started) return started;
    started = new Promise(function (resolve, reject) {
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = new URL("pagefind-ui.css", bundle).href;
      document.head.appendChild(style);
      var code = document.createElement("script");
      code.src = new URL("pagefind-ui.js", bundle).href;
      code.onload = function () {
        /* The index may come in parts (generator/publish/search_index.py): parts.json names the other
           parts' folders, merged into every search with the same options. */
        fetch(new URL("parts.json", bundle).href)
          .then(function (response) { return response.ok ? response.json() : []; })
          .catch(function () { return []; })
          .then(function (parts) {
            var ranking = { pageLength: 0.3 };
            /* global PagefindUI */
            new PagefindUI({
              element: dialog.querySelector(".brief-search__ui"),
              bundlePath: bundle.pathname,
              baseUrl: siteRoot.pathname,
              showSubResults: true,
              showImages: false,
              resetStyles: false,
              processTerm: fold,
              ranking: ranking,
              excerptLength: 12,
              mergeIndex: parts.map(function (folder) {
                return {
                  bundlePath: new URL(folder, bundle).pathname,
                  baseUrl: siteRoot.pathname,
                  ranking: ranking,
                  excerptLength: 12
                };
              }),
              translations: { placeholder: "Search names, places, topics" }
            });
            resolve();
          });
      };
      code.onerror = function () {
        dialog.querySelector(".brief-search__ui").textContent =
          "Search is built with the published site (make site); this preview has none.";
        reject(new Error("no Pagefind bundle at " + bundle.href));
      };
      document.head.appendChild(code);
    });
    return started;
  }

  function focusBox() {
    var box = dialog.querySelector(".pagefind-ui__search-input");
    if (box) box.focus();
  }
  function open() {
    if (!dialog.open) dialog.showModal();
    start().then(focusBox, function () {});
    focusBox();
  }
  button.addEventListener("click", open);
  dialog.querySelector(".brief-search__close").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close(); /* a click on the backdrop */
  });
  dialog.addEventListener("close", function () { button.focus(); });
  document.addEventListener("keydown", function (event) {
    var typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
    var shortcut = event.key === "/" || event.key === "s" || event.key === "S";  /* as Material's search */
    if (shortcut && !typing && !dialog.open && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      open();
    }
  });
})();
