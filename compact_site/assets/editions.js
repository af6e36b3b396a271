/* compact-site: "Compare any two editions" on a compact's changes page (/<slug>/changes/). No dependencies, no
 * network: every pair of editions is already in the page (render/changes_pages.py), each a
 * <section data-edition-pair="from-<older>-to-<newer>">, the keys being the dates of the editions or "current".
 * Progressive enhancement: without this script the form stays hidden and a list of links leads to every pair,
 * each shown; with it, the list and the pairs are hidden, the form is shown, and choosing two editions shows
 * their pair (older to newer, whichever select holds which) and says so in a polite live region. Elsewhere it
 * does nothing.
 */
(function () {
  "use strict";

  function init() {
    var form = document.querySelector("form.compact-editions-picker");
    if (!form || form.dataset.bound) { return; }  // instant navigation may call init on the same page
    form.dataset.bound = "true";
    var from = document.getElementById("editions-from"), to = document.getElementById("editions-to");
    var status = document.getElementById("compact-editions-status");
    var note = document.querySelector(".compact-editions-note");
    var list = document.querySelector(".compact-editions-pairs");
    var pairs = Array.prototype.slice.call(document.querySelectorAll("section[data-edition-pair]"));
    if (!from || !to || !pairs.length) { return; }

    function update(event) {
      var a = from.selectedIndex, b = to.selectedIndex, shown = null;
      var key = "from-" + from.options[Math.min(a, b)].value + "-to-" + to.options[Math.max(a, b)].value;
      pairs.forEach(function (pair) {
        var chosen = a !== b && pair.getAttribute("data-edition-pair") === key;
        pair.hidden = !chosen;
        if (chosen) { shown = pair; }
      });
      if (note) { note.hidden = a !== b; }
      // Only a reader's choice is announced, not the page's first state.
      if (event && status) {
        status.textContent = shown ? "Showing " + shown.getAttribute("data-summary") : "Choose two different editions.";
      }
    }

    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (list) { list.hidden = true; }
    from.addEventListener("change", update);
    to.addEventListener("change", update);
    update(null);
  }

  // Material's instant navigation swaps pages without reloading; its document$ observable tells us.
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
