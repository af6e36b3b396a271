"""Layout checks a person would make by eye, as code: nothing wider than the screen, no control drawn over
another, and no text in the page's article smaller than the site's base size (footnotes and superscripts aside).

Each returns a list of findings (empty when the page is fine), each naming the element, so a failure says what to
fix. They run on the page as it is, after transitions have ended (quality.settle)."""
from __future__ import annotations

# The page is no wider than the window (WCAG 1.4.10 asks this at 320 px; no width should scroll sideways).
# The culprits are the deepest elements whose right edge passes the window's, not inside a container that
# scrolls sideways by design (a wide table in its own scroll box) or an off-canvas drawer.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const scrolled = document.documentElement.scrollWidth;
  if (scrolled <= width + 1) return [];
  const scrolls = el => { for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (/(auto|scroll|hidden|clip)/.test(s.overflowX) && p !== document.body && p !== document.documentElement)
        return true; }
    return false; };
  const culprits = [...document.body.querySelectorAll('*')].filter(el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > width + 1 && box.left < width && !scrolls(el) &&
           ![...el.children].some(child => child.getBoundingClientRect().right > width + 1);
  });
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  return [`the page is ${scrolled} px wide in a ${width} px window` +
          (culprits.length ? ': ' + culprits.slice(0, 5).map(el =>
            `${name(el)} reaches ${Math.round(el.getBoundingClientRect().right)} px`).join(', ') : '')];
}"""

# Two controls (links, buttons, fields) whose boxes overlap, neither inside the other: one is drawn over the
# other, so a tap may hit the wrong one (and WCAG 2.5.8 asks for room around small targets). A link that wraps
# has a box per line (getClientRects), compared one by one: its bounding box would cover the words between.
# Left out: Material's search icon, inside the search field by design (the field's label, not a second target);
# its overlays (a full-screen label that closes search or the drawer when tapped beside them); and a control
# under another at its own centre (hidden beneath an open search or drawer: not what a tap reaches).
OVERLAPS = """() => {
  const width = document.documentElement.clientWidth;
  const shown = el => {
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    return box.width >= 1 && box.height >= 1 && box.right > 0 && box.left < width && box.bottom > 0 &&
           style.visibility !== 'hidden' && el.closest('[hidden], [inert], [aria-hidden="true"]') === null &&
           el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  };
  const onTop = el => {
    const box = el.getClientRects()[0] || el.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit === null || el.contains(hit) || hit.contains(el) || hit.control === el || el.control === hit;
  };
  const controls = [...document.querySelectorAll(
    'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="button"], label[for]')]
    .filter(el => !el.matches('.md-search__icon, .md-search__overlay, .md-overlay') && shown(el) && onTop(el));
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/)[0] : '') +
    ' "' + (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 30) + '"';
  const found = [];
  const boxes = controls.map(el => [...el.getClientRects()].filter(r => r.width >= 1 && r.height >= 1));
  for (let i = 0; i < controls.length && found.length < 10; i++) {
    for (let j = i + 1; j < controls.length; j++) {
      const a = controls[i], b = controls[j];
      if (a.contains(b) || b.contains(a) || a.control === b || b.control === a) continue;
      const hit = boxes[i].flatMap(p => boxes[j].map(q => [
        Math.min(p.right, q.right) - Math.max(p.left, q.left), Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top)]))
        .find(([x, y]) => x > 2 && y > 2);
      if (hit) found.push(`${name(a)} and ${name(b)} overlap by ${Math.round(hit[0])} x ${Math.round(hit[1])} px`);
    }
  }
  return found;
}"""

# Text in the article smaller than the article's own size (the site's base size). Superscripts and footnotes
# are small by convention; everything else a reader reads in the article should not be.
SMALL_TEXT = """() => {
  const article = document.querySelector('article') || document.querySelector('.md-content');
  if (!article) return [];
  const base = parseFloat(getComputedStyle(article).fontSize);
  const exempt = 'sup, sub, .footnote, .footnote-ref, .footnote-backref, [role="doc-endnotes"], ' +
                 '.md-source-file, .headerlink';
  const found = new Map();
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest(exempt) || !el.checkVisibility()) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < base - 0.05) {
      const key = el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className.trim()
        ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ` ${size.toFixed(1)} px`;
      if (!found.has(key)) found.set(key, node.textContent.trim().slice(0, 40));
    }
  }
  return [...found].slice(0, 10).map(([key, text]) => `${key} < ${base} px: "${text}"`);
}"""


def layout_findings(page) -> dict[str, list[str]]:
    """Every layout finding on the page as it is now, by check."""
    return {"wider than the window": page.evaluate(OVERFLOW),
            "controls drawn over each other": page.evaluate(OVERLAPS),
            "text smaller than the base size": page.evaluate(SMALL_TEXT)}
