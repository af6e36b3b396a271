/* compact-site: small behaviours for compact pages. No network, no dependencies.
 * - copy-link buttons: copy a clause's identifier URL; where the clipboard API is unavailable
 *   (plain-http intranets, old browsers) the URL is shown in a field, selected, for Ctrl+C.
 * - review notice: computed in the browser from the review date, so a static site never goes stale.
 * - a compact page's actions ("Print this compact", "Copy link" for the page): shown only here, as both need
 *   JavaScript; without it the page has neither, rather than buttons that do nothing.
 */
(function () {
  "use strict";

  // A clause's identifier URL. A fragment may give it (data-url); else its relative link (data-href) is resolved
  // against the page's public address, the canonical link MkDocs writes when site_url is set (Material keeps it
  // current through instant navigation), so a copy read over file:// or on a staging host still copies the public
  // URL, as data-url did when every button carried it (80 a page, 7 MB at national scale). Identifier URLs are
  // folders: an intranet copy's "index.html" is dropped. Without site_url, the page's own address.
  function clauseUrl(button) {
    var given = button.getAttribute("data-url"), href = button.getAttribute("data-href");
    var canonical = document.querySelector("link[rel=canonical]");
    if (given || !canonical) { return given || new URL(href, window.location.href).href; }
    var url = new URL(href, canonical.href);
    url.pathname = url.pathname.replace(/\/index\.html$/, "/");
    return url.href;
  }

  var liveRegion = null;  // one polite live region per page announces copy results to screen readers

  function announce(button, message) {
    if (!liveRegion) { return; }
    liveRegion.textContent = "";
    window.setTimeout(function () { liveRegion.textContent = message; }, 50);
  }

  function showField(button, url) {
    var field = button.parentNode.querySelector(".compact-copy__field");
    if (!field) {
      field = document.createElement("input");
      field.type = "text";
      field.readOnly = true;
      field.className = "compact-copy__field";
      field.setAttribute("aria-label",
        button.getAttribute("data-field-label") || "Link to this clause: press Control and C to copy");
      button.parentNode.insertBefore(field, button.nextSibling);
    }
    field.value = url;
    field.hidden = false;
    field.focus();
    field.select();
    announce(button, "Link shown: press Control and C to copy it.");
  }

  function copy(event) {
    var button = event.currentTarget;
    var url = clauseUrl(button);
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () {
        announce(button, "Link copied: " + url);
      }, function () { showField(button, url); });
    } else {
      showField(button, url);
    }
  }

  // Whether a review date (YYYY, YYYY-MM or YYYY-MM-DD) has passed by ``today``: due at the end of the stated
  // period, so "2013-10" is overdue from 1 November 2013. Shared with registers.js (the home page's register).
  function reviewOverdue(date, today) {
    var parts = (date || "").split("-").map(Number);
    if (!parts[0]) { return false; }
    var due = parts.length === 1 ? new Date(parts[0] + 1, 0, 1)
      : parts.length === 2 ? new Date(parts[0], parts[1], 1) : new Date(parts[0], parts[1] - 1, parts[2] + 1);
    return today >= due;
  }
  window.compactSite = window.compactSite || {};
  window.compactSite.reviewOverdue = reviewOverdue;

  function reviewNotice(box) {
    if (reviewOverdue(box.getAttribute("data-review"), new Date())) { box.hidden = false; }
  }

  function enablePrinting() {
    // "Print this form" is shown only where printing works (not in every embedded or kiosk browser).
    if (typeof window.print !== "function") { return; }
    Array.prototype.forEach.call(document.querySelectorAll(".compact-form__print"), function (box) {
      box.hidden = false;
      var button = box.querySelector("button.compact-print");
      if (button && !button.dataset.bound) {
        button.dataset.bound = "1";
        button.addEventListener("click", function () { window.print(); });
      }
    });
    // A compact page's "Print this compact": the browser's print, with print.css.
    Array.prototype.forEach.call(document.querySelectorAll("button.compact-actions__print"), function (button) {
      button.hidden = false;
      if (!button.dataset.bound) {
        button.dataset.bound = "1";
        button.addEventListener("click", function () { window.print(); });
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll("form.compact-form"), function (form) {
      form.addEventListener("submit", function (event) { event.preventDefault(); });  // nothing is ever sent
    });
  }

  function addCitations() {
    // For print: each clause shows its identifier URL (print.css writes data-cite after the clause).
    Array.prototype.forEach.call(document.querySelectorAll("button.compact-copy"), function (button) {
      var clause = button.closest(".compact-clause, .compact-steps > li, .compact-principle");
      if (clause) { clause.setAttribute("data-cite", clauseUrl(button)); }
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".compact-actions"), function (group) {
      group.hidden = false;  // "Copy link" works wherever this script runs; "Print" only where printing does
    });
    enablePrinting();
    addCitations();
    liveRegion = document.querySelector(".compact-live");
    if (!liveRegion) {
      liveRegion = document.createElement("div");
      liveRegion.className = "compact-live md-visually-hidden";
      liveRegion.setAttribute("role", "status");
      liveRegion.setAttribute("aria-live", "polite");
      document.body.appendChild(liveRegion);
    }
    Array.prototype.forEach.call(document.querySelectorAll("button.compact-copy"), function (button) {
      if (!button.dataset.bound) { button.addEventListener("click", copy); button.dataset.bound = "1"; }
    });
    Array.prototype.forEach.call(document.querySelectorAll(".compact-review-notice[data-review]"), reviewNotice);
  }

  // Material's instant navigation swaps pages without reloading; its document$ observable tells us.
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
