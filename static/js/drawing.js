/* Drawing canvas: pointer events (finger, pen, mouse), colours, undo, clear.
   After each stroke the picture is sent to the server as a PNG (the form's
   data-drawing-url, field "drawing", with "question"); see
   notes/participation-api.md. Keyboard users have the text alternative. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-drawing-url]");
  if (!form) { return; }
  var url = form.getAttribute("data-drawing-url");
  var token = (form.querySelector("input[name=csrf_token]") || {}).value || "";

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
    var pendingBlob = null;
    var retryDelay = 1000;

    box.querySelectorAll("[data-js-only]").forEach(function (el) { el.hidden = false; });
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

    function say(text) { if (status) { status.textContent = text; } }

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
      clearTimeout(uploadTimer);
      post(null);
    });

    function scheduleUpload() {
      clearTimeout(uploadTimer);
      uploadTimer = setTimeout(function () {
        if (!strokes.length && !background) { post(null); return; }
        canvas.toBlob(function (blob) { post(blob); }, "image/png");
      }, 400);
    }

    function post(blob) {
      pendingBlob = blob;
      var data = new FormData();
      data.append("question", question);
      if (blob) { data.append("drawing", blob, "drawing.png"); } else { data.append("clear", "1"); }
      say(form.getAttribute("data-msg-saving"));
      box.setAttribute("data-saving", "1");
      fetch(url, { method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": token }, body: data })
        .then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (body) { return { status: response.status, body: body }; });
        })
        .then(function (result) {
          if (pendingBlob !== blob) { return; }
          if (result.status === 200) {
            retryDelay = 1000;
            box.removeAttribute("data-saving");
            box.setAttribute("data-saved", result.body.url ? "1" : "0");
            box.setAttribute("data-uploads", String(Number(box.getAttribute("data-uploads") || 0) + 1));
            say(result.body.url ? form.getAttribute("data-msg-drawing-saved") : form.getAttribute("data-msg-saved"));
          } else if (result.status >= 500) {
            retry(blob);
          } else {
            box.removeAttribute("data-saving");
            say(result.body.error || form.getAttribute(result.status === 409 ? "data-msg-locked" : "data-msg-error"));
          }
        })
        .catch(function () { retry(blob); });
    }
    function retry(blob) {
      say(form.getAttribute("data-msg-offline"));
      setTimeout(function () { if (pendingBlob === blob) { post(blob); } }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
    }
  }

  document.querySelectorAll("[data-drawing][data-question]").forEach(setUp);
})();
