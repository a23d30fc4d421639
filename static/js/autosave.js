/* Autosave: each answer goes to the server as it is given (JSON), with a
   visible state; unsent answers stay in memory only and are retried.
   Contract: autosave() in participation/api.py. Progressive enhancement: the form
   still posts normally. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave-url]");
  if (!form || !window.fetch) { return; }
  var url = form.getAttribute("data-autosave-url");
  var status = form.querySelector("[data-save-status]") || document.querySelector("[data-save-status]");
  var token = (form.querySelector("input[name=csrf_token]") || {}).value || "";
  var pending = {};   // question id -> payload not yet confirmed
  var refused = {};   // question id -> payload the server would not take (400): still on the page,
                      // it goes with the form's own submit; on the worker's device leaving the page
                      // before that asks first (never on a tablet: the idle end must not be held up)
  var asksBeforeLeaving = form.getAttribute("data-mode") !== "tablet";
  var timers = {};
  var inFlight = 0;
  var retryDelay = 1000;
  var retryTimer = null;

  function msg(name) { return form.getAttribute("data-msg-" + name) || ""; }
  function show(name, extra) {
    if (!status) { return; }
    status.textContent = extra ? msg(name) + " " + extra : msg(name);
    status.setAttribute("data-state", name);
  }

  function payloadOf(section) {
    var id = section.getAttribute("data-question");
    var prefix = "q-" + id + "-";
    var boxes = section.querySelectorAll("input[type=checkbox][name='" + prefix + "choice']");
    var choice = boxes.length
      ? Array.prototype.filter.call(boxes, function (box) { return box.checked; }).map(function (box) { return box.value; })
      : section.querySelector("input[name='" + prefix + "choice']:checked");
    var text = section.querySelector("[name='" + prefix + "text']");
    var declined = section.querySelector("[name='" + prefix + "declined']");
    var visibility = section.querySelector("input[name='" + prefix + "visibility']:checked");
    return {
      question: id,
      choice: boxes.length ? choice : (choice ? choice.value : null),
      text: text ? text.value : "",
      declined: !!(declined && declined.checked),
      visibility: visibility ? visibility.value : "panel"
    };
  }

  function send(id) {
    var payload = pending[id];
    if (!payload) { return; }
    inFlight++;
    show("saving");
    fetch(url, {
      method: "POST", credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token, "Accept": "application/json" },
      body: JSON.stringify(payload)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return { status: response.status, body: body };
      });
    }).then(function (result) {
      inFlight--;
      if (result.status === 200) {
        if (pending[id] === payload) { delete pending[id]; }
        delete refused[id];
        retryDelay = 1000;
        if (!Object.keys(pending).length && !inFlight) { show("saved"); }
      } else if (result.status === 409) {
        delete pending[id];
        show("locked");
      } else if (result.status >= 400 && result.status < 500 && result.status !== 408 && result.status !== 429) {
        if (pending[id] === payload) { delete pending[id]; }
        refused[id] = payload;
        show("error", (result.body.errors || []).join(" "));
      } else {
        scheduleRetry();
      }
    }).catch(function () {
      inFlight--;
      scheduleRetry();
    });
  }

  function scheduleRetry() {
    show("offline");
    if (retryTimer) { return; }
    retryTimer = setTimeout(function () {
      retryTimer = null;
      retryDelay = Math.min(retryDelay * 2, 15000);
      Object.keys(pending).forEach(send);
    }, retryDelay);
  }

  function queue(section, delay) {
    var id = section.getAttribute("data-question");
    pending[id] = payloadOf(section);
    clearTimeout(timers[id]);
    timers[id] = setTimeout(function () { send(id); }, delay);
  }

  form.addEventListener("input", function (event) {
    var section = event.target.closest("[data-question]");
    if (section && event.target.type !== "file") { queue(section, event.target.tagName === "TEXTAREA" ? 700 : 50); }
  });
  form.addEventListener("change", function (event) {
    var section = event.target.closest("[data-question]");
    if (section && event.target.type !== "file") { queue(section, 50); }
  });
  window.addEventListener("online", function () {
    clearTimeout(retryTimer); retryTimer = null; retryDelay = 1000;
    Object.keys(pending).forEach(send);
  });
  window.addEventListener("beforeunload", function (event) {
    if (Object.keys(pending).length || (asksBeforeLeaving && Object.keys(refused).length)) {
      event.preventDefault(); event.returnValue = "";
    }
  });
  // Before a normal submit, nothing is lost either way: the form carries every answer.
  form.addEventListener("submit", function () {
    Object.keys(timers).forEach(function (id) { clearTimeout(timers[id]); });
    pending = {};
    refused = {};
  });

  window.KuulluksiAutosave = {
    pending: function () { return Object.keys(pending).length + inFlight; },
    flush: function () { Object.keys(pending).forEach(function (id) { clearTimeout(timers[id]); send(id); }); }
  };
})();
