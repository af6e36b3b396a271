/* compact-site: the compare page (/compare/). No network beyond the site, no dependencies.
 * The page's inline <script type="application/json" id="compact-compare-data"> is only an index (slug, title,
 * area and data script of each compact); a chosen compact's clauses come from its own generated script,
 * assets/compact-site/compare/<slug>.js, added here as <script src> on demand: that also works opened from a
 * file share (file://), where fetch() and XHR of local files fail. A data script leaves its compact in
 * window.compactCompare[slug]; its load event says when.
 * Progressive enhancement: the form ships hidden (it cannot work without this script) and a <noscript> says so.
 * Alignment mirrors compact_site.core.concordance.align: every concordance match between the two compacts (either
 * direction; explicit see_also/derived_from links count as 1.0), paired one-to-one, best score first, shown in
 * a table: the pairs, best score first, then each compact's clauses without a counterpart. Matches are
 * [slug, clause id, score]. Word differences come from a longest common subsequence of the two texts.
 */
(function () {
  "use strict";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // Clause id -> position in the compact's page order. No prototype: an id may be "constructor".
  function positions(compact) {
    var found = Object.create(null);
    compact.clauses.forEach(function (clause, i) { found[clause.id] = i; });
    return found;
  }

  function align(left, right) {
    var pairs = [], leftAt = positions(left), rightAt = positions(right);
    function score(m) { return m[2] === null ? 1 : m[2]; }
    left.clauses.forEach(function (clause, i) {
      clause.matches.forEach(function (m) {
        if (m[0] === right.slug && m[1] in rightAt) { pairs.push([score(m), i, rightAt[m[1]]]); }
      });
    });
    right.clauses.forEach(function (clause, j) {  // a match seen only from the right-hand side still counts
      clause.matches.forEach(function (m) {
        if (m[0] === left.slug && m[1] in leftAt) { pairs.push([score(m), leftAt[m[1]], j]); }
      });
    });
    // Best first; ties in page order, as Python's stable sort keeps them.
    pairs.sort(function (x, y) { return y[0] - x[0] || x[1] - y[1] || x[2] - y[2]; });
    var paired = {}, used = {}, scores = {};
    pairs.forEach(function (p) {
      if (!(p[1] in paired) && !(p[2] in used)) { paired[p[1]] = p[2]; used[p[2]] = true; scores[p[1]] = p[0]; }
    });
    return { paired: paired, used: used, scores: scores };
  }

  // Word-level difference: [["same"|"del"|"ins", word], ...] from a longest common subsequence.
  function diff(before, after) {
    var a = before.split(/\s+/).filter(Boolean), b = after.split(/\s+/).filter(Boolean);
    var n = a.length, m = b.length, table = [], i, j;
    for (i = 0; i <= n; i += 1) { table.push(new Array(m + 1).fill(0)); }
    for (i = n - 1; i >= 0; i -= 1) {
      for (j = m - 1; j >= 0; j -= 1) {
        table[i][j] = a[i].toLowerCase() === b[j].toLowerCase() ? table[i + 1][j + 1] + 1
          : Math.max(table[i + 1][j], table[i][j + 1]);
      }
    }
    var out = [];
    i = 0; j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[i].toLowerCase() === b[j].toLowerCase()) { out.push(["same", b[j]]); i += 1; j += 1; }
      else if (j < m && (i === n || table[i][j + 1] >= table[i + 1][j])) { out.push(["ins", b[j]]); j += 1; }
      else { out.push(["del", a[i]]); i += 1; }
    }
    return out;
  }

  // <del>/<ins> alone are silent in most screen readers, hence the visually hidden words that say what changed.
  function marked(parts) {
    var cell = el("span");
    parts.forEach(function (part, k) {
      if (k) { cell.appendChild(document.createTextNode(" ")); }
      if (part[0] === "same") { cell.appendChild(document.createTextNode(part[1])); return; }
      var label = part[0] === "del" ? "deleted: " : "inserted: ";
      cell.appendChild(el(part[0], {}, [el("span", { "class": "compact-visually-hidden" }, [label]), part[1]]));
    });
    return cell;
  }

  function clauseLink(clause) {
    return el("a", { href: clause.href }, [clause.cite]);
  }

  // One group of rows under a heading row that spans the table ("Only in …"), or nothing when it has no rows.
  function group(heading, rows) {
    if (!rows.length) { return []; }
    return [el("tbody", {}, [el("tr", {}, [el("th", { scope: "colgroup", colspan: "3" }, [heading])])].concat(rows))];
  }

  // left, right: {slug, title, clauses}, the index entry joined with its loaded data. The table shows the pairs
  // first, best score first (ties in the first compact's order), then the first compact's clauses without a
  // counterpart, then the second's, each in page order; a summary line above it says how many are paired.
  function render(result, left, right) {
    result.textContent = "";
    var found = align(left, right), order = [];
    left.clauses.forEach(function (clause, i) { if (found.paired[i] !== undefined) { order.push(i); } });
    order.sort(function (x, y) { return found.scores[y] - found.scores[x] || x - y; });
    var none = function () { return el("td", {}, [el("em", {}, ["No counterpart"])]); };
    var pairs = order.map(function (i) {
      var clause = left.clauses[i], match = right.clauses[found.paired[i]];
      return el("tr", { "data-left": clause.id, "data-right": match.id, "data-score": String(found.scores[i]) }, [
        el("th", { scope: "row" }, [clauseLink(clause), " ", clause.text]),
        el("td", {}, [clauseLink(match), " ", marked(diff(clause.text, match.text))]),
        el("td", {}, [Math.round(found.scores[i] * 100) + "%"])]);
    });
    var leftOnly = left.clauses.filter(function (clause, i) { return found.paired[i] === undefined; });
    var rightOnly = right.clauses.filter(function (clause, j) { return !found.used[j]; });
    var summary = el("p", { id: "compact-compare-summary", "class": "compact-compare__summary" }, [
      order.length + " of " + left.clauses.length + " clauses of " + left.title + " have a counterpart in " +
      right.title + "; " + leftOnly.length + " only in the first, " + rightOnly.length + " only in the second."]);
    var caption = el("caption", {}, [left.title + " and " + right.title + ": pairs first, best match first, then " +
                                     "the clauses without a counterpart. Marked words: deleted from the first, " +
                                     "inserted in the second."]);
    var head = el("thead", {}, [el("tr", {}, [el("th", { scope: "col" }, [left.title]),
                                             el("th", { scope: "col" }, [right.title + " (differences marked)"]),
                                             el("th", { scope: "col" }, ["Similarity"])])]);
    var body = [el("tbody", {}, pairs)]
      .concat(group("Only in " + left.title + " (" + leftOnly.length + ")", leftOnly.map(function (clause) {
        return el("tr", { "data-left": clause.id, "data-right": "" },
                  [el("th", { scope: "row" }, [clauseLink(clause), " ", clause.text]), none(), el("td", {}, ["–"])]);
      })))
      .concat(group("Only in " + right.title + " (" + rightOnly.length + ")", rightOnly.map(function (clause) {
        return el("tr", { "data-left": "", "data-right": clause.id },
                  [none(), el("th", { scope: "row" }, [clauseLink(clause), " ", clause.text]), el("td", {}, ["–"])]);
      })));
    var wrap = el("div", { "class": "compact-compare__table", tabindex: "0", role: "region",
                           "aria-label": "Aligned clauses (scrolls sideways on small screens)" },
                  [el("table", {}, [caption, head].concat(body))]);
    result.appendChild(summary);
    result.appendChild(wrap);
  }

  // Data scripts by slug: loaded ones are in window.compactCompare; pending ones hold the callbacks waiting.
  var pending = {};

  // Calls done(clauses) once `entry`'s data script has run, or done(null) if it failed to load (or loaded but
  // left nothing). A failed script is removed, so choosing that compact again tries again.
  function load(entry, done) {
    var store = window.compactCompare = window.compactCompare || {};
    if (store[entry.slug]) { done(store[entry.slug].clauses); return; }
    if (pending[entry.slug]) { pending[entry.slug].push(done); return; }
    pending[entry.slug] = [done];
    var script = document.createElement("script");
    function finish() {
      var waiting = pending[entry.slug], data = store[entry.slug];
      delete pending[entry.slug];
      if (!data && script.parentNode) { script.parentNode.removeChild(script); }
      waiting.forEach(function (callback) { callback(data ? data.clauses : null); });
    }
    script.onload = finish;
    script.onerror = finish;
    script.src = entry.src;  // relative to the page, worked out at build time for either URL style
    document.head.appendChild(script);
  }

  function init() {
    var source = document.getElementById("compact-compare-data");
    var form = document.querySelector(".compact-compare");
    var result = document.getElementById("compact-compare-result");
    if (!source || !form || !result) { return; }
    var index = {};
    JSON.parse(source.textContent).compacts.forEach(function (compact) { index[compact.slug] = compact; });
    var left = document.getElementById("compare-left"), right = document.getElementById("compare-right");
    var status = document.getElementById("compact-compare-status");
    var latest = 0;  // a slow load finishing after a newer choice must not overwrite it
    function say(event, text) {
      if (event && status) { status.textContent = text; }  // not on page load: only a choice is announced
    }
    function update(event) {
      var a = index[left.value], b = index[right.value], ticket = latest += 1;
      if (a === b) {
        result.removeAttribute("aria-busy");
        result.textContent = "";
        result.appendChild(el("p", {}, ["Choose two different compacts."]));
        say(event, result.textContent);
        return;
      }
      var got = {}, failed = [], waiting = 2;
      result.setAttribute("aria-busy", "true");
      result.textContent = "";
      result.appendChild(el("p", {}, ["Loading the clauses of " + a.title + " and " + b.title + "…"]));
      say(event, "Loading…");
      [a, b].forEach(function (entry) {
        load(entry, function (clauses) {
          if (clauses === null) { failed.push(entry.title); } else { got[entry.slug] = clauses; }
          waiting -= 1;
          if (waiting || ticket !== latest) { return; }
          result.removeAttribute("aria-busy");
          if (failed.length) {
            result.textContent = "";
            result.appendChild(el("p", {}, ["Could not load the clauses of " + failed.join(" and ") +
                                            ". Reload the page to try again, or choose another compact."]));
            if (status) { status.textContent = result.textContent; }  // a failure is said even on page load
            return;
          }
          render(result, { slug: a.slug, title: a.title, clauses: got[a.slug] },
                 { slug: b.slug, title: b.title, clauses: got[b.slug] });
          var summary = document.getElementById("compact-compare-summary");
          say(event, summary ? summary.textContent : result.textContent);
        });
      });
    }
    form.hidden = false;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    left.addEventListener("change", update);
    right.addEventListener("change", update);
    update(null);
  }

  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
