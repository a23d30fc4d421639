/* Drawing canvas: pointer events (finger, pen, mouse), colours, undo, clear.
   After each stroke the picture is sent to the server as a PNG (the form's
   data-drawing-url, field "drawing", with "question"); the contract is
   save_drawing() in participation/api.py. Keyboard users have the text alternative.
   Without a connection the latest picture stays in memory, the status says
   so plainly, and it is sent again (with backoff, and at once on "online").
   window.KuulluksiDrawing.pending() counts drawings not yet on the server. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-drawing-url]");
  if (!form) { return; }
  var url = form.getAttribute("data-drawing-url");
  var token = (form.querySelector("input[name=csrf_token]") || {}).value || "";
  var boxes = [];

  function setUp(box) {
    var canvas = box.querySelector("canvas");
    if (!canvas || !canvas.getContext) { return; }
    var question = box.getAttribute("data-question");
    var ctx = canvas.getContext("2d");
    var status = box.querySelector("[data-drawing-status]");
    var strokes = [];
    var current = null;
    var colour = "#1b1f24";
    var background = null;
    var uploadTimer = null;
    var retryTimer = null;
    var waiting = false;   // a stroke ended; its upload starts after a short pause
    var latest = null;     // {blob} not yet confirmed by the server
    var inFlight = 0;
    var retryDelay = 1000;

    box.querySelectorAll("[data-js-only]").forEach(function (el) { el.hidden = false; });
    box.querySelectorAll("[data-no-js-only]").forEach(function (el) { el.hidden = true; });
    var stored = box.querySelector("[data-stored]");

    function redraw() {
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      if (background) { ctx.drawImage(background, 0, 0, canvas.width, canvas.height); }
      ctx.lineCap = "round"; ctx.lineJoin = "round";
      strokes.forEach(function (s) {
        ctx.strokeStyle = s.colour; ctx.lineWidth = s.width;
        ctx.beginPath();
        s.points.forEach(function (p, i) { if (i === 0) { ctx.moveTo(p[0], p[1]); } else { ctx.lineTo(p[0], p[1]); } });
        if (s.points.length === 1) { ctx.lineTo(s.points[0][0] + 0.1, s.points[0][1] + 0.1); }
        ctx.stroke();
      });
    }

    var existing = box.getAttribute("data-existing");
    if (existing) {
      var img = new Image();
      img.onload = function () { background = img; redraw(); if (stored) { stored.hidden = true; } };
      img.src = existing;
    }
    redraw();

    function say(text, state) {
      if (status) { status.textContent = text || ""; }
      if (state) { box.setAttribute("data-state", state); }
    }

    function point(event) {
      var rect = canvas.getBoundingClientRect();
      return [(event.clientX - rect.left) * canvas.width / rect.width,
              (event.clientY - rect.top) * canvas.height / rect.height];
    }

    canvas.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      if (canvas.setPointerCapture) { try { canvas.setPointerCapture(event.pointerId); } catch (e) { /* ignore */ } }
      var width = event.pointerType === "pen" && event.pressure ? 3 + event.pressure * 6 : 6;
      current = { colour: colour, width: width, points: [point(event)] };
      strokes.push(current);
      redraw();
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!current) { return; }
      event.preventDefault();
      current.points.push(point(event));
      redraw();
    });
    function end() {
      if (!current) { return; }
      current = null;
      scheduleUpload();
    }
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
    canvas.addEventListener("pointerleave", end);

    box.querySelectorAll("[data-colour]").forEach(function (button) {
      button.addEventListener("click", function () {
        colour = button.getAttribute("data-colour");
        box.querySelectorAll("[data-colour]").forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
      });
    });
    box.querySelector("[data-undo]").addEventListener("click", function () {
      if (strokes.length) { strokes.pop(); redraw(); scheduleUpload(); }
    });
    box.querySelector("[data-clear]").addEventListener("click", function () {
      strokes = []; background = null; redraw();
      clearTimeout(uploadTimer); waiting = false;
      post(null);
    });

    function scheduleUpload() {
      clearTimeout(uploadTimer);
      waiting = true;
      uploadTimer = setTimeout(uploadNow, 400);
    }
    function uploadNow() {
      clearTimeout(uploadTimer);
      if (!waiting) { return; }
      waiting = false;
      if (!strokes.length && !background) { post(null); return; }
      waiting = true;  // still counted as pending while the PNG is made
      canvas.toBlob(function (blob) { waiting = false; post(blob); }, "image/png");
    }

    // The latest picture (a PNG Blob, or null for "clear") not yet confirmed by
    // the server. Only this one is ever sent: an older one is dropped when a
    // newer stroke comes. Kept in memory only, never in the browser's storage.
    function post(blob) {
      latest = { blob: blob };
      retryDelay = 1000;
      clearTimeout(retryTimer);
      send(latest);
    }
    function send(item) {
      if (item !== latest) { return; }
      var data = new FormData();
      data.append("question", question);
      if (item.blob) { data.append("drawing", item.blob, "drawing.png"); } else { data.append("clear", "1"); }
      if (box.getAttribute("data-state") !== "offline") { say(form.getAttribute("data-msg-saving"), "saving"); }
      box.setAttribute("data-saving", "1");
      inFlight++;
      fetch(url, { method: "POST", credentials: "same-origin", cache: "no-store", headers: { "X-CSRFToken": token }, body: data })
        .then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (body) { return { status: response.status, body: body }; });
        })
        .then(function (result) {
          inFlight--;
          if (item !== latest) { settled(); return; }
          if (result.status === 200) {
            latest = null;
            retryDelay = 1000;
            box.removeAttribute("data-saving");
            box.setAttribute("data-saved", result.body.url ? "1" : "0");
            box.setAttribute("data-uploads", String(Number(box.getAttribute("data-uploads") || 0) + 1));
            say(result.body.url ? form.getAttribute("data-msg-drawing-saved") : form.getAttribute("data-msg-saved"), "saved");
          } else if (result.status >= 500 || result.status === 408 || result.status === 429) {
            retry(item);
          } else {
            latest = null;
            box.removeAttribute("data-saving");
            say(result.body.error || form.getAttribute(result.status === 409 ? "data-msg-locked" : "data-msg-error"), "error");
          }
          settled();
        })
        .catch(function () { inFlight--; retry(item); settled(); });
    }
    function retry(item) {
      say(form.getAttribute("data-msg-drawing-offline") || form.getAttribute("data-msg-offline"), "offline");
      clearTimeout(retryTimer);
      retryTimer = setTimeout(function () { send(item); }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
    }
    window.addEventListener("online", function () {
      if (latest && !inFlight) { clearTimeout(retryTimer); retryDelay = 1000; send(latest); }
    });

    boxes.push({
      pending: function () { return (waiting || latest || inFlight) ? 1 : 0; },
      flush: uploadNow
    });
  }

  function pending() {
    return boxes.reduce(function (sum, b) { return sum + b.pending(); }, 0);
  }
  var waiters = [];
  function settled() {
    if (pending()) { return; }
    var now = waiters; waiters = [];
    now.forEach(function (fn) { fn(); });
  }

  window.KuulluksiDrawing = {
    /* drawings not yet confirmed by the server (being drawn, sent or waiting to be sent again) */
    pending: pending,
    /* send the drawings whose upload is still waiting for the short pause after a stroke */
    flush: function () { boxes.forEach(function (b) { b.flush(); }); }
  };

  // A normal submit (worker-assisted mode) waits until the drawings are on the
  // server, so that "Next" never leaves a stroke behind. (Tablet mode's own
  // submit handler waits for them before it lets the submit through.)
  form.addEventListener("submit", function (event) {
    if (!pending()) { return; }
    event.preventDefault();
    var submitter = event.submitter || null;
    window.KuulluksiDrawing.flush();
    waiters.push(function () {
      if (form.requestSubmit) { form.requestSubmit(submitter && submitter.form === form ? submitter : undefined); }
      else { form.submit(); }
    });
  });

  document.querySelectorAll("[data-drawing][data-question]").forEach(setUp);
})();
