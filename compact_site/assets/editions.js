/* compact-site: "Compare any two editions" on a compact's changes page (/<slug>/changes/). No dependencies, no
 * network: every pair of editions is already in the page (render/changes_pages.py), the keys being the dates of
 * the editions or "current": a consecutive pair as the "what changed" list above (<div data-edition-pair=
 * "from-<older>-to-<newer>">), any other as a <section data-edition-pair> of its own. This script copies each
 * consecutive pair into a section like the others, headed as they are, so the page need not hold it twice.
 * Progressive enhancement: without this script the form stays hidden and a list of links leads to every pair,
 * each shown; with it, the list and the pairs are hidden, the form is shown, and choosing two editions shows
 * their pair (older to newer, whichever select holds which) and says so in a polite live region. Elsewhere it
 * does nothing.
 */
(function () {
  "use strict";

  // A section for a consecutive pair, from its list above: headed "<older> to <newer>" as the page's own sections
  // are (the options' text), its headings a level down (h3 -> h4), as theirs are.
  function copyPair(above, from, after) {
    var key = above.getAttribute("data-edition-pair"), section = document.createElement("section");
    var keys = key.slice(5).split("-to-");  // "from-2012-04-01-to-current"
    var names = [keys[0], keys[1]].map(function (value) {
      return Array.prototype.filter.call(from.options, function (o) { return o.value === value; })[0].text;
    });
    section.className = "compact-changes compact-changes--pair";
    section.id = "compare-" + key;
    section.setAttribute("data-edition-pair", key);
    section.setAttribute("data-summary", above.getAttribute("data-summary"));
    section.innerHTML = above.innerHTML.replace(/<(\/?)h3>/g, "<$1h4>");
    var heading = document.createElement("h3");
    heading.textContent = names[0] + " to " + names[1];
    section.insertBefore(heading, section.firstChild);
    after.parentNode.insertBefore(section, after.nextSibling);
    return section;
  }

  function init() {
    var form = document.querySelector("form.compact-editions-picker");
    if (!form || form.dataset.bound) { return; }  // instant navigation may call init on the same page
    form.dataset.bound = "true";
    var from = document.getElementById("editions-from"), to = document.getElementById("editions-to");
    var status = document.getElementById("compact-editions-status");
    var note = document.querySelector(".compact-editions-note");
    var list = document.querySelector(".compact-editions-pairs");
    if (!from || !to || !status) { return; }
    var pairs = Array.prototype.slice.call(document.querySelectorAll("section[data-edition-pair]"));
    Array.prototype.forEach.call(document.querySelectorAll("div[data-edition-pair]"), function (above) {
      pairs.push(copyPair(above, from, status));
    });

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
