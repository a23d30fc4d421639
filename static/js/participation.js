/* Small helpers of the questionnaire pages: character counters, questions
   shown only after a given answer (the show-if rule), and dimming an answer
   the person declined. */
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

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
