// Zoom, pan and label decluttering of khabar's SVG district map, shared by the static map page
// (khabar/render/map.py inlines it before map_script.js) and the desk (/static/map_view.js).
// The page gives the <svg id="map"> with #plabels, #dlabels and the #zin, #zout, #zreset buttons.
window.khabarMapView = function (svg, onDrag) {
  "use strict";
  var plabels = document.getElementById("plabels");
  var dlabels = document.getElementById("dlabels");
  var base = svg.viewBox.baseVal;
  var home = { x: base.x, y: base.y, w: base.width, h: base.height };
  var vb = { x: home.x, y: home.y, w: home.w, h: home.h };
  var drag = null, moved = false;

  function declutter(groups) {
    // Hide labels that would overlap one already placed; larger areas come first.
    var kept = [];
    groups.forEach(function (g) {
      Array.prototype.forEach.call(g.children, function (t) {
        t.removeAttribute("visibility");
        var b = t.getBBox(), pad = b.height * 0.15;
        var box = { x0: b.x - pad, y0: b.y, x1: b.x + b.width + pad, y1: b.y + b.height };
        var inView = box.x1 > vb.x && box.x0 < vb.x + vb.w && box.y1 > vb.y && box.y0 < vb.y + vb.h;
        var clash = !inView || kept.some(function (k) {
          return box.x0 < k.x1 && box.x1 > k.x0 && box.y0 < k.y1 && box.y1 > k.y0;
        });
        if (clash) t.setAttribute("visibility", "hidden"); else kept.push(box);
      });
    });
  }
  function apply() {
    svg.setAttribute("viewBox", vb.x + " " + vb.y + " " + vb.w + " " + vb.h);
    var ctm = svg.getScreenCTM();
    var px = ctm && ctm.a > 0 ? ctm.a : 1; // screen pixels per SVG unit
    plabels.setAttribute("font-size", (11.5 / px).toFixed(3));
    plabels.style.strokeWidth = (3 / px).toFixed(3) + "px";
    dlabels.setAttribute("font-size", (10.5 / px).toFixed(3));
    dlabels.style.strokeWidth = (2.4 / px).toFixed(3) + "px";
    var zoomed = px > 2.4;
    svg.classList.toggle("zoomed", zoomed);
    declutter(zoomed ? [plabels, dlabels] : [plabels]);
  }
  function zoomAt(k, cx, cy) {
    var w = Math.min(home.w * 1.2, Math.max(home.w / 40, vb.w / k));
    k = vb.w / w;
    var p = new DOMPoint(cx, cy).matrixTransform(svg.getScreenCTM().inverse());
    vb.x = p.x - (p.x - vb.x) / k;
    vb.y = p.y - (p.y - vb.y) / k;
    vb.w = w;
    vb.h = vb.h / k;
    apply();
  }
  function zoomCentre(k) {
    var r = svg.getBoundingClientRect();
    zoomAt(k, r.left + r.width / 2, r.top + r.height / 2);
  }
  function zoomTo(path) {
    var b = path.getBBox(), m = Math.max(Math.max(b.width, b.height * home.w / home.h) * 4, home.w / 12);
    vb.w = m;
    vb.h = m * home.h / home.w;
    vb.x = b.x + b.width / 2 - vb.w / 2;
    vb.y = b.y + b.height / 2 - vb.h / 2;
    apply();
  }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    zoomAt(Math.pow(1.0018, -ev.deltaY), ev.clientX, ev.clientY);
  }, { passive: false });
  svg.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0) return;
    drag = { x: ev.clientX, y: ev.clientY, vx: vb.x, vy: vb.y };
    moved = false;
  });
  window.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!moved) { moved = true; svg.classList.add("dragging"); if (onDrag) onDrag(); }
    var ctm = svg.getScreenCTM();
    vb.x = drag.vx - dx / ctm.a;
    vb.y = drag.vy - dy / ctm.d;
    apply();
  });
  window.addEventListener("pointerup", function () {
    drag = null;
    svg.classList.remove("dragging");
  });
  document.getElementById("zin").addEventListener("click", function () { zoomCentre(1.6); });
  document.getElementById("zout").addEventListener("click", function () { zoomCentre(1 / 1.6); });
  document.getElementById("zreset").addEventListener("click", function () {
    vb = { x: home.x, y: home.y, w: home.w, h: home.h };
    apply();
  });
  window.addEventListener("resize", apply);

  return {
    apply: apply,
    zoomTo: zoomTo,
    // whether the pointer is down on the map (a hover then changes nothing)
    dragging: function () { return drag !== null; },
    // whether a click ends a drag (and is no click): true once per drag
    endsDrag: function () { if (moved) { moved = false; return true; } return false; }
  };
};
