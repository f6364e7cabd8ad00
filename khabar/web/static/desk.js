// The desk's shared script: the review token (kept for this tab only) and review forms.
(function () {
  "use strict";
  var KEY = "khabar-token";
  var box = document.getElementById("token");
  if (box) {
    box.value = sessionStorage.getItem(KEY) || "";
    box.addEventListener("input", function () { sessionStorage.setItem(KEY, box.value.trim()); });
  }
  function token() { return box ? box.value.trim() : ""; }

  function parseFields(text) {
    // "controller=rebels, date=2021-07-01" -> {controller: "rebels", date: "2021-07-01"}
    var out = {};
    String(text || "").split(/[,;]/).forEach(function (part) {
      var i = part.indexOf("=");
      if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
    });
    return out;
  }

  // Send a review; resolve with the JSON answer, reject with its error line.
  function review(kind, id, action, note, fields) {
    var body = { kind: kind, record_id: id, action: action, note: note };
    if (action === "correct") body.fields = fields;
    var headers = { "Content-Type": "application/json" };
    if (token()) headers.Authorization = "Bearer " + token();
    return fetch("/api/review", { method: "POST", headers: headers, body: JSON.stringify(body) })
      .then(function (r) {
        return r.json().then(function (j) {
          if (!r.ok || !j.ok) throw new Error((j && j.error) || ("HTTP " + r.status));
          return j;
        });
      });
  }

  function bind(form, after) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var out = form.querySelector("output");
      var action = form.elements.action.value;
      out.className = "status";
      out.textContent = "saving\u2026";
      review(form.dataset.kind, form.dataset.id, action, form.elements.note.value,
             parseFields(form.elements.fields ? form.elements.fields.value : ""))
        .then(function (j) {
          out.className = "status ok";
          out.textContent = "Saved (" + action + "): " + (j.headline || ("as of " + j.counts.as_of));
          if (after) after(j);
        })
        .catch(function (e) { out.className = "status err"; out.textContent = e.message; });
    });
  }
  document.querySelectorAll("form.review").forEach(function (f) { bind(f); });
  window.khabarDesk = { review: review, bind: bind, token: token, parseFields: parseFields };
})();
