/* compact-site: the compare page (/compare/). No network, no dependencies: the data is the page's inline
 * <script type="application/json" id="compact-compare-data">, so it also works opened from a file share.
 * Progressive enhancement: the form ships hidden (it cannot work without this script) and a <noscript> says so.
 * Alignment mirrors compact_site.concordance.align: every concordance match between the two compacts (either
 * direction; explicit see_also/derived_from links count as 1.0), paired one-to-one, best score first, shown in
 * the first compact's order. Word differences come from a longest common subsequence of the two texts.
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

  function align(data, a, b) {
    var left = data.compacts[a], right = data.compacts[b], pairs = [];
    left.clauses.forEach(function (clause, i) {
      clause.matches.forEach(function (m) { if (m[0] === b) { pairs.push([m[2] === null ? 1 : m[2], i, m[1]]); } });
    });
    right.clauses.forEach(function (clause, j) {
      clause.matches.forEach(function (m) { if (m[0] === a) { pairs.push([m[2] === null ? 1 : m[2], m[1], j]); } });
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

  function render(data, result, a, b) {
    result.textContent = "";
    var left = data.compacts[a], right = data.compacts[b];
    if (a === b) {
      result.appendChild(el("p", {}, ["Choose two different compacts."]));
      return;
    }
    var found = align(data, a, b), rows = [], count = 0;
    left.clauses.forEach(function (clause, i) {
      var other = found.paired[i], cells;
      if (other === undefined) {
        cells = [el("td", {}, [el("em", {}, ["No matching clause"])]), el("td", {}, ["–"])];
      } else {
        count += 1;
        var match = right.clauses[other];
        cells = [el("td", {}, [clauseLink(match), " ", marked(diff(clause.text, match.text))]),
                 el("td", {}, [Math.round(found.scores[i] * 100) + "%"])];
      }
      rows.push(el("tr", { "data-left": clause.id, "data-right": other === undefined ? "" : right.clauses[other].id },
                   [el("th", { scope: "row" }, [clauseLink(clause), " ", clause.text])].concat(cells)));
    });
    var caption = el("caption", {}, [left.title + " and " + right.title + ": " + count + " of " +
                                     left.clauses.length + " clauses paired. Marked words: deleted from the first, " +
                                     "inserted in the second."]);
    var head = el("thead", {}, [el("tr", {}, [el("th", { scope: "col" }, [left.title]),
                                             el("th", { scope: "col" }, [right.title + " (differences marked)"]),
                                             el("th", { scope: "col" }, ["Similarity"])])]);
    var wrap = el("div", { "class": "compact-compare__table", tabindex: "0", role: "region",
                           "aria-label": "Aligned clauses (scrolls sideways on small screens)" },
                  [el("table", {}, [caption, head, el("tbody", {}, rows)])]);
    result.appendChild(wrap);
    var only = right.clauses.filter(function (clause, j) { return !found.used[j]; });
    result.appendChild(el("h2", { id: "compare-unmatched" }, ["Only in " + right.title + " (" + only.length + ")"]));
    result.appendChild(only.length ? el("ul", { "class": "compact-compare__unmatched" }, only.map(function (clause) {
      return el("li", {}, [clauseLink(clause), " ", clause.text]);
    })) : el("p", {}, ["Every clause of " + right.title + " is paired."]));
  }

  function init() {
    var source = document.getElementById("compact-compare-data");
    var form = document.querySelector(".compact-compare");
    var result = document.getElementById("compact-compare-result");
    if (!source || !form || !result) { return; }
    var data = JSON.parse(source.textContent);
    var index = {};
    data.compacts.forEach(function (compact, i) { index[compact.slug] = i; });
    var left = document.getElementById("compare-left"), right = document.getElementById("compare-right");
    var status = document.getElementById("compact-compare-status");
    function update(event) {
      render(data, result, index[left.value], index[right.value]);
      var caption = result.querySelector("caption");
      if (event && status) { status.textContent = caption ? caption.textContent : result.textContent; }
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
