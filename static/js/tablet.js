/* Tablet mode, one screen of the questionnaire.

   - "Are you still there?": after data-idle-seconds without a touch or a key
     the dialog opens; if nobody answers within data-grace-seconds the session
     ends (POST /t/timeout, the answers stay saved as a draft).
   - While the child is active, the server hears of it now and then
     (POST still-here), so the session does not end while they read or draw.
   - Back / Next: the answers are saved by autosave.js as they are given. The
     screen changes only when the server answers; without a connection the
     screen says so plainly, keeps everything on the page (in memory only)
     and tries again by itself, then goes on.
   - Nothing is ever written to localStorage, sessionStorage or IndexedDB.
   - A page shown again from the back/forward cache is reloaded, so the
     server decides (after hand-back it answers with the start page). */
(function () {
  "use strict";
  var root = document.getElementById("tablet");
  if (!root) { return; }
  var idleSeconds = parseFloat(root.getAttribute("data-idle-seconds") || "600");
  var graceSeconds = parseFloat(root.getAttribute("data-grace-seconds") || "60");
  var stillHereUrl = root.getAttribute("data-still-here-url");
  var startUrl = root.getAttribute("data-start-url");
  var dialog = document.getElementById("tablet-idle");
  var continueButton = document.getElementById("tablet-idle-continue");
  var timeoutForm = document.getElementById("tablet-timeout-form");
  var navStatus = document.getElementById("tablet-nav-status");
  var form = root.querySelector("form.tablet-form");
  var csrfInput = root.querySelector("input[name=csrf_token]");
  var csrf = csrfInput ? csrfInput.value : "";

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { window.location.reload(); }
  });

  // ---- talking to the server -------------------------------------------------
  function ping() {
    return fetch(stillHereUrl, {
      method: "POST", credentials: "same-origin", cache: "no-store",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    }).then(function (response) {
      if (response.status === 410) { window.location.replace(startUrl); throw new Error("ended"); }
      if (!response.ok) { throw new Error("status " + response.status); }
      return true;
    });
  }

  // ---- idle ----------------------------------------------------------------
  var idleTimer = null, graceTimer = null, lastBeat = Date.now(), ending = false;
  var beatEvery = Math.max(2, Math.min(30, idleSeconds / 3)) * 1000;

  function showDialog() {
    dialog.hidden = false;
    continueButton.focus();
    graceTimer = window.setTimeout(endSession, graceSeconds * 1000);
  }
  function endSession() {
    ending = true;
    timeoutForm.submit();
  }
  function activity() {
    if (ending) { return; }
    if (!dialog.hidden) { return; }  // only the button closes the dialog
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(showDialog, idleSeconds * 1000);
    if (Date.now() - lastBeat > beatEvery) {
      lastBeat = Date.now();
      ping().catch(function () { /* offline: the next touch tries again */ });
    }
  }
  continueButton.addEventListener("click", function () {
    window.clearTimeout(graceTimer);
    dialog.hidden = true;
    lastBeat = Date.now();
    ping().catch(function () {});
    activity();
  });
  ["pointerdown", "keydown", "input", "touchstart", "wheel"].forEach(function (name) {
    document.addEventListener(name, activity, { passive: true, capture: true });
  });
  activity();

  // ---- Back / Next only when everything is saved ------------------------------
  if (!form) { return; }
  var submitting = false, waiting = false, wasOffline = false;

  // Answers (autosave.js) and drawings (drawing.js) not yet confirmed by the server.
  function pending() {
    var autosave = window.KuulluksiAutosave, drawing = window.KuulluksiDrawing;
    return (autosave && typeof autosave.pending === "function" ? autosave.pending() : 0) +
      (drawing && typeof drawing.pending === "function" ? drawing.pending() : 0);
  }
  function say(text) { if (navStatus) { navStatus.textContent = text || ""; navStatus.setAttribute("data-state", text ? (wasOffline ? "offline" : "saved") : ""); } }

  function tryToGo(submitter, delay) {
    waiting = true;
    window.setTimeout(function () {
      ping().then(function () {
        if (pending() > 0) { return tryToGo(submitter, 500); }
        if (wasOffline) { wasOffline = false; say(root.getAttribute("data-msg-back")); navStatus.setAttribute("data-state", "saved"); }
        waiting = false;
        submitting = true;
        if (form.requestSubmit) { form.requestSubmit(submitter); }
        else {
          var hidden = document.createElement("input");
          hidden.type = "hidden"; hidden.name = submitter.name; hidden.value = submitter.value;
          form.appendChild(hidden); form.submit();
        }
      }).catch(function (error) {
        if (error && error.message === "ended") { return; }
        wasOffline = true;
        say(root.getAttribute("data-msg-offline"));
        navStatus.setAttribute("data-state", "offline");
        tryToGo(submitter, 2000);
      });
    }, delay || 0);
  }

  // Capture phase: runs before autosave.js's own submit handler, which is
  // only let through once the server is reachable and nothing is unsent.
  document.addEventListener("submit", function (event) {
    if (event.target !== form || submitting) { return; }
    event.preventDefault();
    event.stopPropagation();
    if (waiting) { return; }
    if (window.KuulluksiAutosave && window.KuulluksiAutosave.flush) { window.KuulluksiAutosave.flush(); }
    if (window.KuulluksiDrawing && window.KuulluksiDrawing.flush) { window.KuulluksiDrawing.flush(); }
    var submitter = event.submitter || form.querySelector("button[name=nav][value=next]");
    tryToGo(submitter, 0);
  }, true);
})();
