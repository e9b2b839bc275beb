// biennien web: small progressive enhancements; every page works without this file.
// - static export: filter the timeline in the browser (no server to ask);
// - sortable tables: click a header to sort rows (static export and server lists);
// - density strip: drag across it to zoom the timeline to that range.
(function () {
  "use strict";
  var isStatic = document.body.getAttribute("data-static") === "1";

  function bounds(v) {
    // TIMEX-like user input (2025, 2025-07, 2025-07-18) -> [first, last] ISO day strings
    if (!v) { return null; }
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(v);
    if (!m) { return null; }
    if (m[3]) { return [m[0], m[0]]; }
    if (m[2]) { return [m[1] + "-" + m[2] + "-01", m[1] + "-" + m[2] + "-31"]; }
    return [m[1] + "-01-01", m[1] + "-12-31"];
  }

  function staticFilter() {
    var form = document.getElementById("filters");
    var list = document.getElementById("timeline");
    if (!form || !list) { return; }
    var params = new URLSearchParams(window.location.search);
    ["from", "to", "type", "story", "entity"].forEach(function (k) {
      var input = form.elements.namedItem(k);
      if (input && params.get(k)) { input.value = params.get(k); }
    });
    var lo = bounds(params.get("from")), hi = bounds(params.get("to"));
    var type = params.get("type") || "", story = params.get("story") || "", entity = params.get("entity") || "";
    var shown = 0;
    list.querySelectorAll("li.ev").forEach(function (li) {
      var ok = true;
      if (type && li.getAttribute("data-type") !== type) { ok = false; }
      if (story && (" " + li.getAttribute("data-stories") + " ").indexOf(" " + story + " ") < 0) { ok = false; }
      if (entity && (" " + li.getAttribute("data-entities") + " ").indexOf(" " + entity + " ") < 0) { ok = false; }
      var d0 = li.getAttribute("data-date"), d1 = li.getAttribute("data-date-end");
      if ((lo || hi) && !d0) { ok = false; }
      if (lo && d1 < lo[0]) { ok = false; }
      if (hi && d0 > hi[1]) { ok = false; }
      li.classList.toggle("hidden", !ok);
      if (ok) { shown += 1; }
    });
    list.querySelectorAll("section.year").forEach(function (sec) {
      sec.hidden = sec.querySelectorAll("li.ev:not(.hidden)").length === 0;
    });
    var count = document.getElementById("count");
    if (count) { count.textContent = shown + " / " + list.querySelectorAll("li.ev").length; }
  }

  function sortableTables() {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      var heads = table.querySelectorAll("thead th");
      heads.forEach(function (th, col) {
        if (th.querySelector("a")) { return; } // the server sorts this one
        th.classList.add("sortable-js");
        th.addEventListener("click", function () {
          var body = table.tBodies[0];
          var asc = th.getAttribute("data-dir") !== "asc";
          heads.forEach(function (h) { h.removeAttribute("data-dir"); });
          th.setAttribute("data-dir", asc ? "asc" : "desc");
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = a.cells[col], y = b.cells[col];
            var xv = x.getAttribute("data-sort") || x.textContent.trim();
            var yv = y.getAttribute("data-sort") || y.textContent.trim();
            var xn = parseFloat(xv), yn = parseFloat(yv);
            var c = (!isNaN(xn) && !isNaN(yn) && th.classList.contains("num")) ? xn - yn : xv.localeCompare(yv, "vi");
            return asc ? c : -c;
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });
  }

  function dragZoom() {
    var svg = document.querySelector("figure.strip svg");
    if (!svg) { return; }
    var bars = Array.prototype.slice.call(svg.querySelectorAll("a.bar"));
    var start = null;
    function barAt(evt) {
      var box = svg.getBoundingClientRect();
      var i = Math.floor((evt.clientX - box.left) / box.width * bars.length);
      return bars[Math.max(0, Math.min(bars.length - 1, i))];
    }
    svg.addEventListener("pointerdown", function (evt) { start = barAt(evt); });
    svg.addEventListener("pointerup", function (evt) {
      var end = barAt(evt);
      if (!start || !end || start === end) { start = null; return; }
      evt.preventDefault();
      var a = new URL(start.getAttribute("href"), window.location.href);
      var b = new URL(end.getAttribute("href"), window.location.href);
      var from = a.searchParams.get("from"), to = b.searchParams.get("to");
      if (from > to) { var tmp = from; from = b.searchParams.get("from"); to = a.searchParams.get("to"); void tmp; }
      a.searchParams.set("from", from);
      a.searchParams.set("to", to);
      start = null;
      window.location.href = a.toString();
    });
  }

  if (isStatic) { staticFilter(); }
  sortableTables();
  dragZoom();
})();
