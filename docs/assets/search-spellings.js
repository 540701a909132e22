/* Search and spellings: the index holds every accented word also without its accents (see
   generator/spellings.py), so the query is searched without accents too: "Élysée" finds a page
   that wrote "Elysee", and "Elysee" one that wrote "Élysée". The box is folded as the reader types,
   before Material reads it (a capturing listener runs before the search box's own). */
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
  }
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.matches("[data-md-component=search-query]")) return;
    var folded = fold(box.value);
    if (folded === box.value) return;
    var caret = Math.min(box.selectionStart === null ? folded.length : box.selectionStart, folded.length);
    box.value = folded;
    box.setSelectionRange(caret, caret);
  }, true);
})();
