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

/* compact-site: the register of compacts on the home page (compact-register.html). No network, no dependencies.
 * Progressive enhancement: the whole table ships in the HTML, sorted by title, and the filter form hidden. This
 * script reveals the form, turns each sortable header (th[data-sort]) into a button that sorts by its column
 * (aria-sort on the header says which and how), tags the rows whose review date has passed as "overdue" and
 * filters by status, overdue and text in the title or area, saying "N of M compacts shown" in the live region.
 * Overdue needs today's date, which a reproducible build cannot write: without this script the date alone shows.
 * Material's own table sorting loads tablesort from a CDN; this site sends no request anywhere, so it sorts here.
 */
(function () {
  "use strict";

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  // The rule of the compact page's review notice, from compact.js (loaded first on every page).
  function overdue(date, today) { return window.compactSite.reviewOverdue(date, today); }

  // A cell's sort key: a date cell's data-date, a number column's number, else its text in lower case.
  function key(cell, kind) {
    if (kind === "date") { return cell.getAttribute("data-date") || ""; }
    if (kind === "number") { var n = parseInt(cell.textContent, 10); return isNaN(n) ? 0 : n; }
    return cell.textContent.trim().toLowerCase();
  }

  function bind(list) {
    var table = list.querySelector("table"), body = table.tBodies[0], form = list.querySelector("form");
    var heads = table.querySelectorAll("th[data-sort]"), status = list.querySelector(".compact-register__status");
    var today = new Date(), rows = [], last = null, saying = null;
    var reviewAt = Array.prototype.indexOf.call(heads, table.querySelector("th[data-review]"));
    each(body.rows, function (row, i) {
      // Computed once: filtering then only compares strings (400 rows answer in a few milliseconds).
      var late = reviewAt >= 0 && overdue(row.cells[reviewAt].getAttribute("data-date"), today);
      if (late) {
        var tag = document.createElement("span");
        tag.className = "md-tag compact-tag--overdue";
        tag.textContent = "overdue";
        row.cells[reviewAt].appendChild(document.createTextNode(" "));
        row.cells[reviewAt].appendChild(tag);
      }
      rows.push({ row: row, at: i, late: late, status: row.getAttribute("data-status"),
                  text: (row.cells[0].textContent + " " + row.cells[1].textContent).toLowerCase() });
    });

    function filter(announce) {
      var text = form ? form.querySelector('[data-list-filter="text"]').value.trim().toLowerCase() : "";
      var chosen = form ? form.querySelector('[data-list-filter="status"]').value : "";
      var lateOnly = form ? form.querySelector('[data-list-filter="overdue"]').checked : false;
      var asked = text + "\n" + chosen + "\n" + lateOnly, shown = 0;
      if (asked === last) { return; }  // a select fires both input and change: answer once
      last = asked;
      rows.forEach(function (r) {
        var match = (!chosen || r.status === chosen) && (!lateOnly || r.late) && (!text || r.text.indexOf(text) >= 0);
        if (r.row.hidden === match) { r.row.hidden = !match; }  // touch the DOM only for rows that change
        if (match) { shown += 1; }
      });
      if (status && announce) {
        // Said once typing pauses, not at every key; cleared first so that a count that repeats is said again.
        window.clearTimeout(saying);
        status.textContent = "";
        saying = window.setTimeout(function () {
          status.textContent = shown + " of " + rows.length + " compacts shown.";
        }, 400);
      }
    }

    function sortBy(head, column) {
      var kind = head.getAttribute("data-sort");
      var ascending = head.getAttribute("aria-sort") !== "ascending";
      each(heads, function (other) { other.removeAttribute("aria-sort"); });
      head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var keyed = rows.map(function (r) { return { r: r, k: key(r.row.cells[column], kind) }; });
      keyed.sort(function (a, b) {
        // Empty dates ("not stated") go last either way; ties keep the title order the page came in.
        if ((a.k === "") !== (b.k === "")) { return a.k === "" ? 1 : -1; }
        var order = a.k < b.k ? -1 : a.k > b.k ? 1 : 0;
        return (ascending ? order : -order) || a.r.at - b.r.at;
      });
      var fragment = document.createDocumentFragment();
      keyed.forEach(function (item) { fragment.appendChild(item.r.row); });
      body.appendChild(fragment);
    }

    each(heads, function (head, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "compact-list__sort";
      while (head.firstChild) { button.appendChild(head.firstChild); }
      head.appendChild(button);
      button.addEventListener("click", function () { sortBy(head, column); });
    });
    if (form) {
      form.hidden = false;
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.addEventListener("input", function () { filter(true); });
      form.addEventListener("change", function () { filter(true); });
      filter(false);  // the browser may restore chosen values on Back: show the rows they select, unannounced
    }
  }

  function init() {
    each(document.querySelectorAll("[data-compact-list]"), function (list) {
      if (list.dataset.bound) { return; }  // instant navigation may call init on the same page
      list.dataset.bound = "1";
      bind(list);
    });
  }

  // Material's instant navigation swaps pages without reloading; its document$ observable tells us.
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
