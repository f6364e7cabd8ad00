(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("khabar-data").textContent);
  var svg = document.getElementById("map");
  var wrap = document.getElementById("map-wrap");
  var tip = document.getElementById("tip");
  var hl = document.getElementById("hl");
  var sel = document.getElementById("sel");
  var detail = document.getElementById("detail");
  var plabels = document.getElementById("plabels");
  var dlabels = document.getElementById("dlabels");
  var paths = document.querySelectorAll("#districts path");
  var base = svg.viewBox.baseVal;
  var home = { x: base.x, y: base.y, w: base.width, h: base.height };
  var vb = { x: home.x, y: home.y, w: home.w, h: home.h };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function party(c) {
    return data.parties[c || "no_reports"] || data.parties.no_reports;
  }
  function safeUrl(u) {
    return typeof u === "string" && /^https?:\/\/[^\s]+$/i.test(u) ? u : "";
  }
  function clip(s, n) {
    s = String(s || "");
    return s.length > n ? s.slice(0, n - 1) + "\u2026" : s;
  }
  function sinceText(d) {
    if (!d.since) return "";
    var days = d.age === 1 ? "1 day" : d.age + " days";
    return d.since + (d.age > 0 ? " (" + days + " before " + data.asOf + ")" : "");
  }
  function gradeText(d) {
    return d.grade + " \u00b7 " + d.conf + " confidence \u00b7 " + d.n + (d.n === 1 ? " report" : " reports");
  }
  function quoteBlock(title, e) {
    var box = el("div");
    var p = party(e.c);
    var badge = el("span", "badge", p.label + " \u00b7 " + e.grade);
    badge.style.background = p.colour;
    box.appendChild(el("h2", "", title)).style.marginTop = "14px";
    box.appendChild(badge);
    box.appendChild(el("blockquote", "", e.evidence));
    var src = el("p", "muted", e.outlet || "");
    var url = safeUrl(e.url);
    if (url) {
      var a = el("a", "", " (report)");
      a.href = url;
      a.rel = "noopener noreferrer nofollow";
      a.target = "_blank";
      src.appendChild(a);
    }
    box.appendChild(src);
    return box;
  }
  function district(target) {
    var i = target && target.getAttribute && target.getAttribute("data-i");
    return i === null || i === undefined ? null : { i: Number(i), d: data.districts[Number(i)], path: target };
  }

  // -- tooltip -------------------------------------------------------------------------
  function showTip(hit, ev) {
    var d = hit.d, p = party(d.c);
    tip.replaceChildren();
    tip.appendChild(el("div", "t-name", d.name));
    tip.appendChild(el("div", "t-prov", d.province + " province"));
    var ctl = el("div", "t-ctl");
    var dot = el("span", "dot");
    dot.style.background = p.colour;
    ctl.appendChild(dot);
    ctl.appendChild(document.createTextNode(p.label + (d.since ? " since " + d.since : "")));
    tip.appendChild(ctl);
    if (d.grade) tip.appendChild(el("div", "t-prov", gradeText(d)));
    if (d.conflict) tip.appendChild(el("div", "t-prov", "Reports disagree: " + d.conflict.map(function (e) {
      return party(e.c).label + " " + e.grade;
    }).join(" vs ")));
    if (d.claim) tip.appendChild(el("div", "t-prov", "Claimed by " + party(d.claim.c).label + " (" + d.claim.grade + "), unconfirmed"));
    if (d.evidence) tip.appendChild(el("div", "t-ev", "\u201c" + clip(d.evidence, 180) + "\u201d"));
    tip.hidden = false;
    moveTip(ev);
  }
  function moveTip(ev) {
    var r = wrap.getBoundingClientRect();
    var x = ev.clientX - r.left + 14, y = ev.clientY - r.top + 14;
    if (x + tip.offsetWidth > r.width - 8) x = ev.clientX - r.left - tip.offsetWidth - 14;
    if (y + tip.offsetHeight > r.height - 8) y = ev.clientY - r.top - tip.offsetHeight - 14;
    tip.style.left = Math.max(4, x) + "px";
    tip.style.top = Math.max(4, y) + "px";
  }

  // -- side panel ----------------------------------------------------------------------
  function row(dl, label, value) {
    if (!value) return;
    dl.appendChild(el("dt", "", label));
    var dd = el("dd");
    if (typeof value === "string") dd.textContent = value; else dd.appendChild(value);
    dl.appendChild(dd);
  }
  function showDetail(hit) {
    var d = hit.d, p = party(d.c);
    detail.replaceChildren();
    detail.appendChild(el("h2", "", "District"));
    detail.appendChild(el("h3", "", d.name));
    detail.appendChild(el("p", "prov", d.province + " province"));
    var badge = el("span", "badge", p.label);
    badge.style.background = p.colour;
    if (!d.c) badge.className = "badge light";
    var dl = el("dl");
    row(dl, "Controller", badge);
    row(dl, "Since", sinceText(d));
    if (d.grade) row(dl, "Grade", gradeText(d));
    row(dl, "Event", d.event);
    detail.appendChild(dl);
    if (d.claim) detail.appendChild(quoteBlock("Claimed, unconfirmed (since " + d.claim.since + ")", d.claim));
    if (d.conflict) {
      d.conflict.forEach(function (e, i) {
        detail.appendChild(quoteBlock(i === 0 ? "Reports disagree" : "and", e));
      });
      return;
    }
    if (!d.c) {
      detail.appendChild(el("p", "hint", d.claim ? "Only a party's own claim names this district on or before " + data.asOf + "; it does not change the map until a credible report confirms it."
        : "No report in the corpus names this district on or before " + data.asOf + "."));
      return;
    }
    if (d.evidence) detail.appendChild(el("blockquote", "", d.evidence));
    var rep = el("dl");
    row(rep, "Outlet", d.outlet);
    row(rep, "Title", d.title);
    row(rep, "Published", d.published);
    var url = safeUrl(d.url);
    if (url) {
      var a = el("a", "", "Open the report");
      a.href = url;
      a.rel = "noopener noreferrer nofollow";
      a.target = "_blank";
      row(rep, "Link", a);
    }
    row(rep, "Document", d.doc);
    detail.appendChild(el("h2", "", "Report")).style.marginTop = "14px";
    detail.appendChild(rep);
  }
  function select(hit) {
    sel.setAttribute("d", hit.path.getAttribute("d"));
    showDetail(hit);
  }

  // -- zoom and pan --------------------------------------------------------------------
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
  function toSvg(cx, cy) {
    var pt = new DOMPoint(cx, cy).matrixTransform(svg.getScreenCTM().inverse());
    return pt;
  }
  function zoomAt(k, cx, cy) {
    var w = Math.min(home.w * 1.2, Math.max(home.w / 40, vb.w / k));
    k = vb.w / w;
    var p = toSvg(cx, cy);
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
    var b = path.getBBox(), m = Math.max(b.width, b.height * home.w / home.h) * 4;
    m = Math.max(m, home.w / 12);
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
  var drag = null, moved = false;
  svg.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0) return;
    drag = { x: ev.clientX, y: ev.clientY, vx: vb.x, vy: vb.y, k: vb.w / svg.getBoundingClientRect().width };
    moved = false;
  });
  window.addEventListener("pointermove", function (ev) {
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!moved) { moved = true; svg.classList.add("dragging"); tip.hidden = true; }
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

  // -- hover, click, search ------------------------------------------------------------
  svg.addEventListener("mouseover", function (ev) {
    var hit = district(ev.target);
    if (!hit || drag) return;
    hl.setAttribute("d", hit.path.getAttribute("d"));
    showTip(hit, ev);
  });
  svg.addEventListener("mousemove", function (ev) { if (!tip.hidden) moveTip(ev); });
  svg.addEventListener("mouseout", function (ev) {
    if (district(ev.target)) { tip.hidden = true; hl.setAttribute("d", ""); }
  });
  svg.addEventListener("click", function (ev) {
    if (moved) { moved = false; return; }
    var hit = district(ev.target);
    if (hit) select(hit);
  });
  var names = {};
  data.districts.forEach(function (d, i) { names[(d.name + " (" + d.province + ")").toLowerCase()] = i; });
  var find = document.getElementById("find");
  find.addEventListener("change", function () {
    var i = names[find.value.trim().toLowerCase()];
    if (i === undefined) return;
    var hit = district(paths[i]);
    select(hit);
    zoomTo(hit.path);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { sel.setAttribute("d", ""); tip.hidden = true; }
  });
  apply();
})();
