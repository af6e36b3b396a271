/* compact-site: glossary definition popovers. The HTML popover API opens them (click, tap, Enter, Space)
 * and closes them on Escape; this adds closing when focus leaves, and places each beside its button. */
(function () {
  "use strict";

  function place(button, popover) {
    var box = button.getBoundingClientRect();
    popover.style.inset = "auto";  // leave the browser's centred default: sit beside the button
    popover.style.margin = "0";
    var width = Math.min(popover.offsetWidth || 320, window.innerWidth - 16);
    popover.style.left = Math.max(8, Math.min(box.left, window.innerWidth - width - 8)) + "px";
    var below = box.bottom + 6;
    var fitsBelow = below + popover.offsetHeight < window.innerHeight - 8;
    popover.style.top = (fitsBelow ? below : Math.max(8, box.top - popover.offsetHeight - 6)) + "px";
  }

  function bind(button) {
    var popover = document.getElementById(button.getAttribute("popovertarget"));
    if (!popover || button.dataset.bound) { return; }
    button.dataset.bound = "1";
    // beforetoggle fires synchronously, so the expanded state is right the moment the popover opens or closes
    // ("toggle" is queued, and a screen reader could read the old state in between).
    popover.addEventListener("beforetoggle", function (event) {
      button.setAttribute("aria-expanded", event.newState === "open" ? "true" : "false");
    });
    popover.addEventListener("toggle", function (event) {
      if (event.newState === "open") { place(button, popover); }
    });
    function leave(event) {
      var next = event.relatedTarget;
      if (next && (popover.contains(next) || next === button)) { return; }
      if (popover.matches(":popover-open")) { popover.hidePopover(); }
    }
    button.addEventListener("focusout", leave);
    popover.addEventListener("focusout", leave);
    button.setAttribute("aria-expanded", "false");
  }

  function init() {
    if (!HTMLElement.prototype.hasOwnProperty("popover")) { return; }  // old browsers: definitions stay in the glossary
    Array.prototype.forEach.call(document.querySelectorAll("button.compact-term[popovertarget]"), bind);
  }

  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
