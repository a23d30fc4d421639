/* Small helpers of the questionnaire pages: character counters, questions
   shown only after a given answer, and dimming an answer the person declined. */
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

  function applyShowIf() {
    document.querySelectorAll("[data-show-if]").forEach(function (section) {
      var source = section.getAttribute("data-show-if");
      var values = section.getAttribute("data-show-values").split(" ");
      var radios = document.querySelectorAll("input[name='q-" + source + "-choice']");
      if (!radios.length) { return; }
      var chosen = document.querySelector("input[name='q-" + source + "-choice']:checked");
      section.hidden = !(chosen && values.indexOf(chosen.value) !== -1);
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
