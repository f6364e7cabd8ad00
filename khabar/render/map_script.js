(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("khabar-data").textContent);
  var svg = document.getElementById("map");
  var wrap = document.getElementById("map-wrap");
  var tip = document.getElementById("tip");
  var hl = document.getElementById("hl");
  var sel = document.getElementById("sel");
  var detail = document.getElementById("detail");
  var paths = document.querySelectorAll("#districts path");
  var view = window.khabarMapView(svg, function () { tip.hidden = true; });

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  var lv = data.levels || { district: "district", districts: "districts", province: "province" };
  function cap(s) { return s.charAt(0).toUpperCase() + s.slice(1); }
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
  function heldText(d) {
    if (d.per) return " " + d.per + ", since unknown";  // a baseline's word (khabar baseline)
    return d.since ? " since " + d.since : d.asof ? " held as of " + d.asof + ", since unknown" : "";
  }
  function sinceText(d) {
    if (!d.since) return d.per ? "unknown (" + d.per + ")" : d.asof ? "unknown (held as of " + d.asof + ")" : "";
    var days = d.age === 1 ? "1 day" : d.age + " days";
    return d.since + (d.age > 0 ? " (" + days + " before " + data.asOf + ")" : "");
  }
  function gradeText(d) {
    if (d.per) return d.grade + " \u00b7 " + d.conf + " confidence \u00b7 a baseline" + (d.n > 1 ? " and " + (d.n - 1)
      + (d.n === 2 ? " report" : " reports") : "");
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
    tip.appendChild(el("div", "t-prov", d.province + " " + lv.province));
    var ctl = el("div", "t-ctl");
    var dot = el("span", "dot");
    dot.style.background = p.colour;
    ctl.appendChild(dot);
    ctl.appendChild(document.createTextNode(p.label + heldText(d)));
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
    detail.appendChild(el("h2", "", cap(lv.district)));
    detail.appendChild(el("h3", "", d.name));
    detail.appendChild(el("p", "prov", d.province + " " + lv.province));
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
      detail.appendChild(el("p", "hint", d.claim ? "Only a party's own claim names this " + lv.district + " on or before " + data.asOf + "; it does not change the map until a credible report confirms it."
        : "No report in the corpus names this " + lv.district + " on or before " + data.asOf + "."));
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
    detail.appendChild(el("h2", "", d.per ? "Baseline" : "Report")).style.marginTop = "14px";
    detail.appendChild(rep);
  }
  function select(hit) {
    sel.setAttribute("d", hit.path.getAttribute("d"));
    showDetail(hit);
  }


  // -- hover, click, search ------------------------------------------------------------
  svg.addEventListener("mouseover", function (ev) {
    var hit = district(ev.target);
    if (!hit || view.dragging()) return;
    hl.setAttribute("d", hit.path.getAttribute("d"));
    showTip(hit, ev);
  });
  svg.addEventListener("mousemove", function (ev) { if (!tip.hidden) moveTip(ev); });
  svg.addEventListener("mouseout", function (ev) {
    if (district(ev.target)) { tip.hidden = true; hl.setAttribute("d", ""); }
  });
  svg.addEventListener("click", function (ev) {
    if (view.endsDrag()) return;
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
    view.zoomTo(hit.path);
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { sel.setAttribute("d", ""); tip.hidden = true; }
  });
  view.apply();
})();
