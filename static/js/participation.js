/* Small helpers of the questionnaire pages: character counters, questions
   shown only after a given answer (the show-if rule), dimming an answer
   the person declined; on the person's own screens (.pq-screen) a kind word
   for a skipped question and the focus on the new screen's heading. */
(function () {
  "use strict";
  document.querySelectorAll("textarea[data-counter]").forEach(function (area) {
    var counter = document.getElementById(area.getAttribute("data-counter"));
    var count = counter && counter.querySelector("[data-count]");
    if (!count) { return; }
    var update = function () {
      count.textContent = String(area.value.length);
      counter.classList.toggle("counter--full", area.value.length >= 5000);
    };
    area.addEventListener("input", update);
    update();
  });

  // The show-if rule (questionnaire/rules.py): shown when the other question's
  // answer chose one of the values. With the other question's inputs on this
  // page the choice is read from them; otherwise the server's answer stands.
  function chosenValues(question) {
    var inputs = document.querySelectorAll("input[name='q-" + question + "-choice']");
    if (!inputs.length) { return null; }
    return Array.prototype.filter.call(inputs, function (input) { return input.checked; })
      .map(function (input) { return input.value; });
  }

  function applyShowIf() {
    document.querySelectorAll("[data-show-if-question]").forEach(function (section) {
      var values = section.getAttribute("data-show-if-values").split(" ");
      var chosen = chosenValues(section.getAttribute("data-show-if-question"));
      section.hidden = chosen === null
        ? section.getAttribute("data-show-if-shown") !== "true"
        : !chosen.some(function (value) { return values.indexOf(value) !== -1; });
    });
  }
  document.addEventListener("change", applyShowIf);
  applyShowIf();

  function applyDeclined(box) {
    var section = box.closest("[data-question]");
    if (section) { section.classList.toggle("pq--declined", box.checked); }
  }
  document.querySelectorAll("input[name$='-declined']").forEach(function (box) {
    applyDeclined(box);
    box.addEventListener("change", function () { applyDeclined(box); });
  });

  // Our own file button (the browser's speaks the browser's language): the chosen file's name beside it.
  document.querySelectorAll(".file-pick").forEach(function (pick) {
    var input = pick.querySelector("input[type=file]");
    var chosen = pick.querySelector("[data-file-chosen]");
    if (!input || !chosen) { return; }
    var update = function () {
      chosen.textContent = input.files && input.files.length ? input.files[0].name : chosen.getAttribute("data-none");
    };
    input.addEventListener("change", update);
    update();
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // A skipped question on the person's own screen ([data-nudge]: required, in
  // the gentle mode) gets a kind word the first time "Next" is pressed, never
  // an error; the second press goes on. Window capture: before tablet.js.
  function answered(section) {
    var id = section.getAttribute("data-question");
    if (section.querySelector("input[name='q-" + id + "-choice']:checked")) { return true; }
    if (section.querySelector("input[name='q-" + id + "-declined']:checked")) { return true; }
    var text = section.querySelector("[name='q-" + id + "-text']");
    if (text && text.value.trim()) { return true; }
    var drawing = section.querySelector("[data-drawing]");
    return !!drawing && (drawing.getAttribute("data-saved") === "1" || drawing.hasAttribute("data-saving") ||
      drawing.getAttribute("data-state") === "offline" ||
      (drawing.hasAttribute("data-existing") && drawing.getAttribute("data-saved") !== "0"));
  }
  window.addEventListener("submit", function (event) {
    var submitter = event.submitter;  // (none, or the hidden default button: Enter goes forward)
    if (submitter && submitter.name === "nav" && submitter.value === "back") { return; }
    var skipped = Array.prototype.filter.call(event.target.querySelectorAll("[data-question]"), function (section) {
      var nudge = section.querySelector("[data-nudge]");
      return nudge && nudge.hidden && !section.hidden && !answered(section);
    });
    if (!skipped.length) { return; }
    event.preventDefault();
    event.stopPropagation();
    skipped.forEach(function (section) { section.querySelector("[data-nudge]").hidden = false; });
    var first = skipped[0].querySelector("[data-nudge]");
    first.setAttribute("tabindex", "-1");
    first.focus();
    var reader = window.KuulluksiReadAloud;
    if (reader && reader.used()) { reader.read([first]); }
  }, true);

  // The new screen: focus on its heading (a screen reader starts there) with
  // no frame for a pointer or a touch; the frame (:focus-visible) only when
  // the screen was reached with the keyboard, which the previous screen tells
  // by sending its form to an address ending in #k (a redirect keeps it).
  var screenForm = document.querySelector(".pq-screen form.pq-form");
  if (screenForm) {
    var base = screenForm.action.split("#")[0];
    var byKeyboard = window.location.hash === "#k";
    if (byKeyboard && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    }
    var heading = document.querySelector(".pq-screen [data-nudge]:not([hidden])") ||
      Array.prototype.find.call(document.querySelectorAll(".pq-screen h2"), function (h) { return !h.closest("[hidden]"); });
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      if (!byKeyboard) {
        heading.classList.add("focus-quiet");
        heading.addEventListener("blur", function () { heading.classList.remove("focus-quiet"); }, { once: true });
      }
      heading.focus({ preventScroll: true });
    }
    document.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { screenForm.action = base + "#k"; }
    }, true);
    document.addEventListener("pointerdown", function () { screenForm.action = base; }, true);
  }
})();
