// The desk's map: colours for the chosen day from /api/map, a slider and play button, a district
// panel from /api/districts/{id}. Report text is untrusted: it only ever becomes textContent.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("desk-data").textContent);
  // The geometry is one file for every day (/map.svg, cached by the browser); the day's colours
  // come from /api/map. It is khabar's own SVG, names escaped by the server.
  fetch(data.geometry).then(function (r) {
    if (!r.ok) throw new Error("map geometry: HTTP " + r.status);
    return r.text();
  }).then(function (text) {
    var doc = new DOMParser().parseFromString(text, "image/svg+xml");
    var node = doc.documentElement;
    if (node.nodeName !== "svg") throw new Error("map geometry: not an SVG");
    var wrap = document.getElementById("map-wrap");
    wrap.insertBefore(document.importNode(node, true), wrap.firstChild);
    document.getElementById("map-loading").remove();
    wrap.removeAttribute("aria-busy");
    start(data);
  }).catch(function (e) {
    var msg = document.getElementById("map-loading");
    if (msg) { msg.textContent = "The map could not be drawn: " + e.message; msg.className = "hint err"; }
  });

  function start(data) {
    var svg = document.getElementById("map");
    var wrap = document.getElementById("map-wrap");
    var tip = document.getElementById("tip");
    var hl = document.getElementById("hl");
    var sel = document.getElementById("sel");
    var detail = document.getElementById("detail");
    var slider = document.getElementById("slider");
    var dayOut = document.getElementById("day");
    var play = document.getElementById("play");
    var paths = document.querySelectorAll("#districts path");
    var view = window.khabarMapView(svg, function () { tip.hidden = true; });
    var controllers = [];
    var day = data.asOf, selected = null, seq = 0, timer = null, shown = "", panelSeq = 0;
    var DAY_MS = 86400000, first = Date.parse(data.first + "T00:00:00Z");

    function el(tag, cls, text) {
      var node = document.createElement(tag);
      if (cls) node.className = cls;
      if (text !== undefined && text !== null) node.textContent = String(text);
      return node;
    }
    function party(c) { return data.parties[c || "no_reports"] || data.parties.no_reports; }
    var lv = data.levels || { district: "district", districts: "districts", province: "province" };
    function cap(s) { return s.charAt(0).toUpperCase() + s.slice(1); }
    // the legend's rows: [key, depth]; a member's count is its own, a coalition's its total
    function countOf(c, key, depth) {
      if (depth) return ((c.members || {})[coalitionOf[key]] || {})[key] || 0;
      return c[key] || 0;
    }
    var coalitionOf = {};
    data.legend.forEach(function (r, i) {
      if (r[1]) { for (var j = i; j >= 0; j--) if (!data.legend[j][1]) { coalitionOf[r[0]] = data.legend[j][0]; break; } }
    });
    // the headline, as Counts.headline() writes it
    function headline(c) {
      var parts = [];
      data.legend.forEach(function (r) {
        var k = r[0];
        if (r[1] || k === "contested" || k === "no_reports") return;
        var n = countOf(c, k, 0);
        if (!n && k !== data.incumbent) return;
        var text = party(k).label + " " + n, shares = [];
        data.legend.forEach(function (m) {
          if (m[1] && coalitionOf[m[0]] === k && countOf(c, m[0], 1)) shares.push(party(m[0]).label + " " + countOf(c, m[0], 1));
        });
        if (shares.length) text += " (" + shares.join(", ") + ")";
        parts.push(text);
      });
      parts.push("contested " + c.contested, "no reports " + c.no_reports);
      return parts.join(", ") + " of " + c.total + " " + lv.districts + " as of " + c.as_of;
    }
    function dayAt(offset) { return new Date(first + offset * DAY_MS).toISOString().slice(0, 10); }
    function getJSON(url) {
      return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
        return r.json().then(function (j) { if (!r.ok) throw new Error(j.error || r.status); return j; });
      });
    }
    function reportLink(doc, id, text) {
      var a = el("a", "", text);
      a.href = "/reports/" + encodeURIComponent(doc) + "?hl=" + encodeURIComponent(id) + "#r-" + encodeURIComponent(id);
      return a;
    }

    // -- the day ---------------------------------------------------------------------------
    function applyDay(j) {
      controllers = j.controllers;
      var based = {};  // districts resting on a baseline's word (khabar baseline): drawn lighter
      (j.baseline || []).forEach(function (i) { based[i] = true; });
      for (var i = 0; i < paths.length; i++) {
        paths[i].setAttribute("class", "c-" + (controllers[i] || "no_reports") + (based[i] ? " baseline" : ""));
      }
      var c = j.counts;
      data.legend.forEach(function (r) {
        var n = document.getElementById("n-" + r[0]);
        if (n) n.textContent = countOf(c, r[0], r[1]);
      });
      document.getElementById("headline").textContent = headline(c);
      document.getElementById("counts-day").textContent = c.as_of;
      var claims = document.getElementById("claims-list");
      claims.replaceChildren();
      j.claims.forEach(function (cl) {
        var li = el("li");
        li.appendChild(el("strong", "", cl.claimant));
        li.appendChild(document.createTextNode(" " + cl.stance + ": " + cl.text + " "));
        li.appendChild(reportLink(cl.document_id, cl.id, cl.outlet || "report"));
        claims.appendChild(li);
      });
      if (!j.claims.length) claims.appendChild(el("li", "hint", "No claims dated " + c.as_of + "."));
      var assess = document.getElementById("assess-list");
      assess.replaceChildren();
      j.assessments.forEach(function (a) {
        var li = el("li");
        li.appendChild(el("strong", "", a.assessor));
        li.appendChild(document.createTextNode(": " + party(a.controller).label + " " + a.count +
          (a.of_total ? " of " + a.of_total : "") + " " + (a.unit || "districts") + " as of " + a.as_of + " "));
        if (a.document_id) li.appendChild(reportLink(a.document_id, a.id, "report"));
        else if (/^https?:\/\//i.test(a.url || "")) {  // a count the theatre's folder lists, with its source
          var src = el("a", "", "source");
          src.href = a.url;
          src.rel = "noopener noreferrer nofollow";
          src.target = "_blank";
          li.appendChild(src);
        }
        if (a.reports > 1) li.appendChild(el("span", "muted small", " (" + a.reports + " reports give it)"));
        assess.appendChild(li);
      });
      if (!j.assessments.length) assess.appendChild(el("li", "hint", "None in the two weeks to " + c.as_of + "."));
      drawEvents(j.event_layer);
      document.getElementById("geojson-link").href = "/api/control.geojson?as_of=" + c.as_of;
      document.getElementById("csv-link").href = "/api/export/control-" + c.as_of + ".csv";
      document.getElementById("ev-geojson-link").href = "/api/export/events.geojson?as_of=" + c.as_of;
      document.getElementById("plover-link").href = "/api/export/events.plover.jsonl?as_of=" + c.as_of;
    }
    function load(d, force) {
      day = d;
      dayOut.textContent = d;
      var mine = ++seq;
      history.replaceState(null, "", "?as_of=" + d);
      return getJSON("/api/map?as_of=" + d).then(function (j) {
        if (mine !== seq) return;
        applyDay(j);
        if (selected !== null) showDistrict(selected, force);
        document.body.dataset.loaded = d;
      });
    }
    // -- the sparkline above the slider: districts held by each party, day by day --------------
    var spark = document.getElementById("spark"), NS = "http://www.w3.org/2000/svg", sparkDays = 0;
    function drawSpark(days) {
      sparkDays = days.length;
      var n = Math.max(1, days.length - 1), top = 1;
      // one line per party counted on its own (a coalition's total) that holds something, and contested
      var keys = data.legend.filter(function (r) { return !r[1] && r[0] !== "no_reports"; }).map(function (r) { return r[0]; })
        .filter(function (k) { return days.some(function (d) { return d[k] > 0; }); });
      keys.forEach(function (k) {
        days.forEach(function (d) { top = Math.max(top, d[k]); });
      });
      spark.setAttribute("viewBox", "0 0 " + n + " 100");
      spark.replaceChildren();
      keys.slice().reverse().forEach(function (k) {
        var line = document.createElementNS(NS, "polyline");
        line.setAttribute("points", days.map(function (d, i) {
          return i + "," + (98 - 96 * d[k] / top).toFixed(1);
        }).join(" "));
        line.style.stroke = party(k).colour;
        spark.appendChild(line);
      });
      var now = document.createElementNS(NS, "line");
      now.id = "spark-now";
      now.setAttribute("y1", "0");
      now.setAttribute("y2", "100");
      spark.appendChild(now);
      markSpark();
    }
    function markSpark() {
      var now = document.getElementById("spark-now");
      if (!now) return;
      now.setAttribute("x1", slider.value);
      now.setAttribute("x2", slider.value);
    }
    function loadSpark() {
      return getJSON("/api/timeline?start=" + data.first + "&end=" + data.last).then(function (j) { drawSpark(j.days); });
    }
    slider.addEventListener("input", function () { markSpark(); load(dayAt(Number(slider.value))); });
    function stop() { clearInterval(timer); timer = null; play.textContent = "\u25B6"; play.title = "Play"; }
    play.addEventListener("click", function () {
      if (timer) { stop(); return; }
      if (Number(slider.value) >= Number(slider.max)) slider.value = 0;
      play.textContent = "\u275A\u275A"; play.title = "Pause";
      timer = setInterval(function () {
        if (Number(slider.value) >= Number(slider.max)) { stop(); return; }
        slider.value = Number(slider.value) + 1;
        markSpark();
        load(dayAt(Number(slider.value)));
      }, 350);
    });

    // -- events of the day: one marker per district they involve, a list of them on a click ----------
    var evLayer = document.createElementNS(NS, "g");
    evLayer.id = "evlayer";
    svg.appendChild(evLayer);
    var evToggle = document.getElementById("ev-toggle"), evN = document.getElementById("ev-n");
    var evPop = document.getElementById("evpop"), markers = [];
    function unitPx() { var ctm = svg.getScreenCTM(); return ctm && ctm.a > 0 ? ctm.a : 1; }
    function placeMarkers() {  // the same size on screen at every zoom
      var k = (1 / unitPx()).toFixed(4);
      markers.forEach(function (m) { m.node.setAttribute("transform", "translate(" + m.x + " " + m.y + ") scale(" + k + ")"); });
    }
    function drawEvents(list) {
      evLayer.replaceChildren();
      markers = [];
      evPop.hidden = true;
      var n = 0;
      (list || []).forEach(function (m) {
        n += m.events.length;
        var g = document.createElementNS(NS, "g"), shape;
        g.setAttribute("class", "evm q" + m.quad);
        g.setAttribute("tabindex", "0");
        g.setAttribute("role", "button");
        g.setAttribute("aria-label", m.events.length + " event" + (m.events.length === 1 ? "" : "s") + " in " + m.district);
        if (m.quad === 4) {
          shape = document.createElementNS(NS, "path");
          shape.setAttribute("d", "M0 -8.5L8.5 0L0 8.5L-8.5 0Z");
        } else {
          shape = document.createElementNS(NS, "circle");
          shape.setAttribute("r", "6.5");
        }
        g.appendChild(shape);
        if (m.events.length > 1) g.appendChild(svgText(String(m.events.length)));
        g.addEventListener("click", function (ev) { ev.stopPropagation(); openEvents(m, g); });
        g.addEventListener("keydown", function (ev) {
          if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); openEvents(m, g); }
        });
        evLayer.appendChild(g);
        markers.push({ node: g, x: m.x, y: m.y });
      });
      evN.textContent = "(" + n + ")";
      placeMarkers();
    }
    function svgText(s) { var t = document.createElementNS(NS, "text"); t.textContent = s; return t; }
    function openEvents(m, node) {
      evPop.replaceChildren();
      var close = el("button", "close", "\u00d7");
      close.type = "button";
      close.title = "Close";
      close.addEventListener("click", function () { evPop.hidden = true; });
      evPop.appendChild(close);
      evPop.appendChild(el("h3", "", m.district));
      evPop.appendChild(el("p", "small muted", m.province + " " + lv.province + " \u00b7 " + day));
      var ul = el("ul", "plain");
      m.events.forEach(function (e) {
        var li = el("li");
        li.appendChild(el("span", "tag", e.plover));
        var who = (e.actors.length ? e.actors.join(", ") : "unnamed actors") +
          (e.targets.length ? " \u2192 " + e.targets.join(", ") : "");
        li.appendChild(document.createTextNode(" " + who + (e.place ? " at " + e.place : "") +
          (e.status && e.status !== "happened" ? " (" + e.status + ")" : "")));
        var meta = el("div", "small muted", (e.grade ? "grade " + e.grade + ", " : "") + e.reports +
          " report" + (e.reports === 1 ? "" : "s") + (e.parties.length ? ", " + e.parties.join(", ") : "") + " \u00b7 ");
        var a = el("a", "", "the event and its reports");
        if (String(e.url).charAt(0) === "/") a.href = e.url;
        meta.appendChild(a);
        li.appendChild(meta);
        ul.appendChild(li);
      });
      evPop.appendChild(ul);
      evPop.hidden = false;
      var r = wrap.getBoundingClientRect(), b = node.getBoundingClientRect();
      evPop.style.left = Math.max(6, Math.min(b.right - r.left + 8, r.width - evPop.offsetWidth - 6)) + "px";
      evPop.style.top = Math.max(6, Math.min(b.top - r.top - 10, r.height - evPop.offsetHeight - 6)) + "px";
      close.focus();
    }
    evToggle.addEventListener("change", function () {
      evLayer.style.display = evToggle.checked ? "" : "none";
      evPop.hidden = true;
    });

    // -- district names at the country's zoom: those that fit inside their district ---------
    var dlabels = document.getElementById("dlabels"), plabels = document.getElementById("plabels");
    var pathBoxes = null;
    function overlaps(a, b) { return a.x0 < b.x1 && a.x1 > b.x0 && a.y0 < b.y1 && a.y1 > b.y0; }
    function countryLabels() {
      var zoomed = svg.classList.contains("zoomed");
      svg.classList.toggle("country", !zoomed);
      if (zoomed || !data.labelOrder) return;  // zoomed in: every name, decluttered by map_view.js
      var px = unitPx(), pad = 2 / px, vb = svg.viewBox.baseVal;
      dlabels.setAttribute("font-size", (9.5 / px).toFixed(3));
      if (!pathBoxes) pathBoxes = Array.prototype.map.call(paths, function (p) { return p.getBBox(); });
      var kept = [];
      Array.prototype.forEach.call(plabels.children, function (t) {
        if (t.getAttribute("visibility") === "hidden") return;
        var b = t.getBBox();
        kept.push({ x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height });
      });
      Array.prototype.forEach.call(dlabels.children, function (t, k) {
        t.removeAttribute("visibility");
        var b = t.getBBox(), pb = pathBoxes[data.labelOrder[k]];
        var box = { x0: b.x - pad, y0: b.y - pad, x1: b.x + b.width + pad, y1: b.y + b.height + pad };
        var inView = box.x1 > vb.x && box.x0 < vb.x + vb.width && box.y1 > vb.y && box.y0 < vb.y + vb.height;
        var fits = pb && b.width <= pb.width * 0.9 && b.height * 2.2 <= pb.height;
        if (!inView || !fits || kept.some(function (o) { return overlaps(box, o); })) t.setAttribute("visibility", "hidden");
        else kept.push(box);
      });
    }
    new MutationObserver(function () { placeMarkers(); countryLabels(); })
      .observe(svg, { attributes: true, attributeFilter: ["viewBox"] });

    // -- district panel ----------------------------------------------------------------------
    function evidenceWithSpan(o) {
      // The sentence, with the record's own words marked: spans are offsets in the report text.
      var q = el("blockquote"), ev = String(o.evidence || "");
      var a = o.span_start - o.ev_start, b = o.span_end - o.ev_start;
      if (a >= 0 && b <= ev.length && a < b) {
        q.appendChild(document.createTextNode(ev.slice(0, a)));
        q.appendChild(el("mark", "", ev.slice(a, b)));
        q.appendChild(document.createTextNode(ev.slice(b)));
      } else {
        q.textContent = ev;
      }
      return q;
    }
    function reviewForm(o) {
      var f = el("form", "review");
      f.dataset.kind = "control_changes";
      f.dataset.id = o.id;
      var s = el("select");
      s.name = "action";
      s.setAttribute("aria-label", "Action");
      ["confirm", "reject", "correct"].forEach(function (a) { var op = el("option", "", a); op.value = a; s.appendChild(op); });
      var fields = el("input", "fields"); fields.name = "fields"; fields.placeholder = "controller=" + (data.incumbent || data.legend[0][0]);
      var note = el("input"); note.name = "note"; note.placeholder = "note (why)"; note.required = true;
      f.appendChild(s); f.appendChild(fields); f.appendChild(note);
      f.appendChild(el("button", "", "Save")).type = "submit";
      f.appendChild(el("output", "status"));
      window.khabarDesk.bind(f, function (j) {
        // the panel is drawn again: the answer stays here, with the counts of the day the record speaks of
        var said = document.getElementById("review-said");
        said.textContent = "Saved (" + s.value + ") " + o.id + ": " + j.headline;
        said.hidden = false;
        load(day, true);
        loadSpark();
      });
      return f;
    }
    function showDistrict(i, force) {
      // Re-render only for another district or day, or after a review: never under a typing analyst.
      var id = data.ids[i], key = id + "@" + day;
      if (!force && key === shown) return Promise.resolve();
      var mine = ++panelSeq;
      shown = key;
      return getJSON("/api/districts/" + encodeURIComponent(id) + "?as_of=" + day).then(function (j) {
        if (selected !== i || mine !== panelSeq) return;
        var st = j.state || {}, p = party(st.controller);
        detail.replaceChildren();
        detail.appendChild(el("h2", "", cap(lv.district)));
        detail.appendChild(el("h3", "", j.district.name));
        detail.appendChild(el("p", "prov", j.district.province + " " + lv.province));
        var badge = el("span", "badge", p.label + (j.baseline ? " " + j.baseline.text + ", since unknown"  // khabar baseline
          : st.since ? " since " + st.since
          : st.held_as_of ? " held as of " + st.held_as_of + ", since unknown" : ""));
        badge.style.background = p.colour;
        if (!st.controller) badge.style.color = "#1d2327";
        detail.appendChild(badge);
        var about = [];
        if (st.grade) about.push("grade " + st.grade);
        if (st.confidence) about.push(st.confidence + " confidence");
        if (j.baseline) about.push("baseline " + j.baseline.name + (st.sources > 1 ? " and " + (st.sources - 1) + " report"
          + (st.sources === 2 ? "" : "s") : "") + " behind it");  // khabar baseline
        else if (st.sources) about.push(st.sources + " report" + (st.sources === 1 ? "" : "s") + " behind it");
        if (about.length) detail.appendChild(el("p", "small muted", about.join(", ")));
        if (st.claimed_by) detail.appendChild(el("p", "small", "Claimed by " + party(st.claimed_by).label + ", not confirmed"));
        if (st.conflict && st.conflict.length) detail.appendChild(el("p", "small", "Reports disagree: " + st.conflict.map(function (e) { return party(e.controller).label; }).join(" vs ")));
        (st.conflict || []).forEach(function (e) {  // the denial that disputes the change, in its own words
          var o = e.sources && e.sources[0] && e.sources[0].observation;
          if (!o || String(o.trigger || "").indexOf("denied ") !== 0) return;
          detail.appendChild(el("p", "small denial", "Disputed by a denial (" + (o.outlet || "unknown outlet") + ", record " +
            o.record_id + "): \u201c" + o.evidence + "\u201d"));
        });
        var cur = st.observation ? st.observation.record_id : null;
        var h = el("h2", "", "History (" + j.history.length + " report" + (j.history.length === 1 ? "" : "s") + ")");
        h.style.marginTop = "12px";
        detail.appendChild(h);
        if (!j.history.length) detail.appendChild(el("p", "hint", "No report names this " + lv.district + "."));
        j.history.forEach(function (o) {
          var box = el("div", "obs" + (o.id === cur ? " current" : "") + (o.review ? " rev-" + o.review : ""));
          var top = el("div");
          top.appendChild(el("span", "when", o.effective + " "));
          var b = el("span", "badge", party(o.controller).label);
          b.style.background = party(o.controller).colour;
          top.appendChild(b);
          if (o.grade) top.appendChild(el("span", "tag", " grade " + o.grade));
          if (o.review) top.appendChild(el("span", "badge rv-" + o.review, o.review));
          if (o.effective > day) top.appendChild(el("span", "muted", " (after " + day + ")"));
          box.appendChild(top);
          box.appendChild(evidenceWithSpan(o));
          var src = el("div", "small");
          src.appendChild(document.createTextNode((o.outlet || "Unknown outlet") + ", " + (o.published || "undated") + ": "));
          src.appendChild(reportLink(o.document_id, o.id, o.title || "the report"));
          box.appendChild(src);
          if (o.review_note) box.appendChild(el("div", "small muted", "Note: " + o.review_note));
          if (data.writable) box.appendChild(reviewForm(o));
          detail.appendChild(box);
        });
      });
    }
    function select(i) {
      selected = i;
      sel.setAttribute("d", paths[i].getAttribute("d"));
      showDistrict(i);
    }

    // -- tooltip ---------------------------------------------------------------------------
    function index(target) {
      var i = target && target.getAttribute && target.getAttribute("data-i");
      return i === null || i === undefined ? null : Number(i);
    }
    function showTip(i, ev) {
      var n = data.names[i], p = party(controllers[i]);
      tip.replaceChildren();
      tip.appendChild(el("strong", "", n[0]));
      tip.appendChild(el("div", "", n[1] + " " + lv.province + " \u00b7 " + p.label));
      tip.hidden = false;
      var r = wrap.getBoundingClientRect();
      tip.style.left = Math.min(ev.clientX - r.left + 14, r.width - tip.offsetWidth - 6) + "px";
      tip.style.top = Math.min(ev.clientY - r.top + 14, r.height - tip.offsetHeight - 6) + "px";
    }

    svg.addEventListener("mouseover", function (ev) {
      var i = index(ev.target);
      if (i === null || view.dragging()) return;
      hl.setAttribute("d", paths[i].getAttribute("d"));
      showTip(i, ev);
    });
    svg.addEventListener("mouseout", function (ev) {
      if (index(ev.target) !== null) { tip.hidden = true; hl.setAttribute("d", ""); }
    });
    svg.addEventListener("click", function (ev) {
      if (view.endsDrag()) return;
      var i = index(ev.target);
      if (i !== null) select(i);
    });
    var names = {}, list = document.getElementById("district-names");
    data.names.forEach(function (n, i) {
      var label = n[0] + " (" + n[1] + ")";
      names[label.toLowerCase()] = i;
      var op = document.createElement("option");
      op.value = label;
      list.appendChild(op);
    });
    var find = document.getElementById("find");
    find.addEventListener("change", function () {
      var i = names[find.value.trim().toLowerCase()];
      if (i === undefined) {
        var hit = Object.keys(names).filter(function (k) { return k.indexOf(find.value.trim().toLowerCase()) === 0; });
        if (hit.length !== 1) return;
        i = names[hit[0]];
      }
      select(i);
      view.zoomTo(paths[i]);
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { sel.setAttribute("d", ""); tip.hidden = true; selected = null; shown = ""; evPop.hidden = true; }
    });
    view.apply();
    load(day);
    loadSpark();
  }
})();
