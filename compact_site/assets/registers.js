/* compact-site: filters for the site-wide register of signatories and partners. No network, no dependencies.
 * Progressive enhancement: the page ships its filter form hidden and every row shown, so without JavaScript the
 * whole register is readable and no control is offered that could not work. This script reveals the form and
 * shows only the rows whose data-<filter> attribute matches every chosen <select data-filter="<filter>">,
 * then says how many rows are visible in the page's polite live region.
 */
(function () {
  "use strict";

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function apply(register, announce) {
    var selects = register.querySelectorAll("select[data-filter]");
    var rows = register.querySelectorAll("tbody tr");
    var shown = 0;
    each(rows, function (row) {
      var match = true;
      each(selects, function (select) {
        if (select.value && row.getAttribute("data-" + select.getAttribute("data-filter")) !== select.value) {
          match = false;
        }
      });
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    var status = register.querySelector(".compact-register__status");
    if (status && announce) {
      // Cleared first and refilled a moment later, so screen readers announce a count that repeats.
      status.textContent = "";
      window.setTimeout(function () {
        status.textContent = shown === 0 ? "No entries match these filters."
          : shown === rows.length ? "Showing all " + rows.length + " entries."
          : "Showing " + shown + " of " + rows.length + " entries.";
      }, 50);
    }
  }

  function init() {
    each(document.querySelectorAll("[data-register]"), function (register) {
      var form = register.querySelector(".compact-register__filters");
      if (!form || register.dataset.bound) { return; }  // instant navigation may call init on the same page
      register.dataset.bound = "1";
      form.hidden = false;
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      each(form.querySelectorAll("select[data-filter]"), function (select) {
        select.addEventListener("change", function () { apply(register, true); });
      });
      // The browser may restore chosen values on Back; show the rows they select, without announcing.
      apply(register, false);
    });
  }

  // Material's instant navigation swaps pages without reloading; its document$ observable tells us.
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
