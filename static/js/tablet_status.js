/* The worker's side of tablet mode: every [data-tablet-status-url] element
   asks its code's state every few seconds and shows it (a role=status region,
   so screen readers hear the change). Stops when the code is done. Without
   JavaScript the page's "Update" link reloads it. */
(function () {
  "use strict";
  function poll(el) {
    var url = el.getAttribute("data-tablet-status-url");
    var seconds = parseFloat(el.getAttribute("data-poll-seconds") || "4");
    function tick() {
      fetch(url, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data) { window.setTimeout(tick, seconds * 2000); return; }
          if (el.textContent.trim() !== data.label) { el.textContent = data.label; }
          el.setAttribute("data-state", data.state);
          if (!data.done) { window.setTimeout(tick, seconds * 1000); }
        })
        .catch(function () { window.setTimeout(tick, seconds * 2000); });
    }
    window.setTimeout(tick, seconds * 1000);
  }
  var els = document.querySelectorAll("[data-tablet-status-url]");
  for (var i = 0; i < els.length; i++) { poll(els[i]); }
})();
