/* The page view's zoom and pan: buttons (and + / - keys) scale the printed page, dragging
   or scrolling moves it. Without JavaScript the page is shown at the column's width and
   every region still links to its article. */
(function () {
  "use strict";
  var LEVELS = [1, 1.5, 2, 3, 4];
  document.querySelectorAll("[data-print]").forEach(function (figure) {
    var viewport = figure.querySelector("[data-print-viewport]");
    var sheet = figure.querySelector("[data-print-sheet]");
    var label = figure.querySelector("[data-zoom-level]");
    var tools = figure.querySelector("[data-print-tools]");
    var level = 0;
    tools.hidden = false;

    function zoom(to, cx, cy) {
      var next = Math.max(0, Math.min(LEVELS.length - 1, to));
      if (next === level) return;
      var ratio = LEVELS[next] / LEVELS[level];
      var x = cx === undefined ? viewport.clientWidth / 2 : cx;
      var y = cy === undefined ? viewport.clientHeight / 2 : cy;
      var left = (viewport.scrollLeft + x) * ratio - x;
      var top = (viewport.scrollTop + y) * ratio - y;
      level = next;
      sheet.style.width = LEVELS[level] * 100 + "%";
      viewport.classList.toggle("is-zoomed", level > 0);
      viewport.scrollLeft = left;
      viewport.scrollTop = top;
      label.textContent = Math.round(LEVELS[level] * 100) + "%";
    }

    tools.addEventListener("click", function (event) {
      var button = event.target.closest("[data-zoom]");
      if (!button) return;
      var how = button.getAttribute("data-zoom");
      zoom(how === "in" ? level + 1 : how === "out" ? level - 1 : 0);
    });
    figure.addEventListener("keydown", function (event) {
      if (event.key === "+" || event.key === "=") zoom(level + 1);
      else if (event.key === "-") zoom(level - 1);
    });

    // Drag to pan once zoomed; a click without a drag still follows a region's link.
    var drag = null;
    viewport.addEventListener("pointerdown", function (event) {
      if (level === 0 || event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, left: viewport.scrollLeft, top: viewport.scrollTop, moved: false };
    });
    viewport.addEventListener("pointermove", function (event) {
      if (!drag) return;
      var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 4) drag.moved = true;
      viewport.scrollLeft = drag.left - dx;
      viewport.scrollTop = drag.top - dy;
    });
    ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
      viewport.addEventListener(name, function () {
        if (drag && drag.moved) {
          viewport.addEventListener("click", function stop(e) { e.preventDefault(); e.stopPropagation(); }, { capture: true, once: true });
        }
        drag = null;
      });
    });

    // Arriving at #region-17 from an article: bring its region into view.
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target && sheet.contains(target)) {
      var box = target.getBoundingClientRect(), port = viewport.getBoundingClientRect();
      viewport.scrollTop += box.top - port.top - 20;
    }
  });
})();
