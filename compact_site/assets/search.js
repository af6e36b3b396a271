/* compact-site: search for copies opened from a file share (file://), where Material's search worker
 * cannot start. Data comes from search-index.js (a <script>, since fetch() fails over file://).
 * All query words must occur; an exact clause number ranks first. */
(function () {
  "use strict";
  var form = document.querySelector("form.compact-search");
  if (!form) { return; }
  var input = form.querySelector("input[name=q]");
  var list = document.querySelector(".compact-search__results");
  var count = document.querySelector(".compact-search__count");
  var root = form.getAttribute("data-root") || "";
  var index = (window.compactSearchIndex || []).map(function (entry) {
    entry.haystack = (entry.title + " " + entry.text).toLowerCase();
    return entry;
  });

  function score(entry, query, words) {
    if (entry.number && entry.number === query) { return 1000; }
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var at = entry.haystack.indexOf(words[i]);
      if (at < 0) { return 0; }
      total += entry.title.toLowerCase().indexOf(words[i]) >= 0 ? 20 : 10;
    }
    return entry.haystack.indexOf(query) >= 0 ? total + 50 : total;
  }

  function show(query) {
    query = query.trim().toLowerCase();
    list.textContent = "";
    if (!query) { count.textContent = ""; return; }
    var words = query.split(/\s+/);
    var found = index.map(function (entry) { return [score(entry, query, words), entry]; })
      .filter(function (pair) { return pair[0] > 0; })
      .sort(function (a, b) { return b[0] - a[0]; })
      .slice(0, 50);
    found.forEach(function (pair) {
      var entry = pair[1];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + entry.location;
      link.textContent = entry.title;
      var where = document.createElement("span");
      where.className = "compact-search__compact";
      where.textContent = " (" + entry.compact + ")";
      var snippet = document.createElement("p");
      snippet.textContent = entry.text.length > 200 ? entry.text.slice(0, 200) + "…" : entry.text;
      item.appendChild(link);
      item.appendChild(where);
      item.appendChild(snippet);
      list.appendChild(item);
    });
    count.textContent = found.length === 1 ? "1 result" : found.length + " results";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
  });
  input.addEventListener("input", function () { show(input.value); });
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) { input.value = params.get("q"); show(input.value); }
})();
