// A data table too wide for the screen scrolls inside its .table--responsive-scroll box (WCAG
// 1.4.10 allows it for data tables). Such a box must be reachable from the keyboard and named
// (WCAG 2.1.1, 4.1.2): it becomes a focusable region named by the table's caption, and stops being
// one when the table fits again, so that boxes that do not scroll add no tab stops.
(function () {
  var boxes = document.querySelectorAll(".table--responsive-scroll");
  if (!boxes.length) return;
  function mark() {
    boxes.forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      var caption = box.querySelector("caption");
      if (scrolls) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        if (caption && caption.textContent.trim()) {
          box.setAttribute("aria-label", caption.textContent.trim());
        }
      } else if (box.hasAttribute("tabindex")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  mark();
  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(mark, 150);
  });
})();
