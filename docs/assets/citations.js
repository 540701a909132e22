// Highlight the whole quoted passage a citation link points at (#q-...),
// including parts split by overlapping quotes. Without script, CSS still
// highlights the passage's first run.
(function () {
  function highlight() {
    document.querySelectorAll("mark.quoted.is-target").forEach(function (el) {
      el.classList.remove("is-target");
    });
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!/^q-[0-9a-f]+$/.test(id)) return;
    var marks = document.querySelectorAll("mark.quoted");
    var first = null;
    marks.forEach(function (el) {
      if ((" " + el.getAttribute("data-quotes") + " ").indexOf(" " + id + " ") !== -1) {
        el.classList.add("is-target");
        if (!first) first = el;
      }
    });
    if (first) first.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", highlight);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", highlight);
  } else {
    highlight();
  }
})();
