/* A child's or parent's feedback on the tablet: every screen is on one page;
   this shows one at a time (Back / Next change the screen without asking the
   server), the progress "2 / 6", and "Send" on the last screen only. Without
   JavaScript every screen shows at once, with "Send" at the end. The answers
   stay in the page: nothing is stored before "Send", and nothing is written
   to localStorage, sessionStorage or IndexedDB. */
(function () {
  "use strict";
  var form = document.querySelector("[data-feedback-screens]");
  if (!form) { return; }
  var screens = Array.prototype.slice.call(form.querySelectorAll("[data-screen]"));
  var send = form.querySelector("[data-send]");
  var progress = document.getElementById("feedback-progress");
  var template = form.getAttribute("data-msg-progress") || "{num} / {total}";
  var current = Math.max(0, Math.min(parseInt(form.getAttribute("data-current") || "0", 10) || 0, screens.length - 1));

  function show(index, focus) {
    current = index;
    screens.forEach(function (screen, i) { screen.hidden = i !== index; });
    send.hidden = index !== screens.length - 1;
    var num = String(index + 1), total = String(screens.length);
    progress.querySelector("[data-progress-short]").textContent = num + " / " + total;
    progress.querySelector("[data-progress-long]").textContent = template.replace("{num}", num).replace("{total}", total);
    progress.hidden = false;
    if (focus) {
      window.scrollTo(0, 0);
      var heading = screens[index].querySelector("h2");
      if (heading) {
        if (!heading.hasAttribute("tabindex")) { heading.setAttribute("tabindex", "-1"); }
        heading.focus();
      }
    }
  }

  form.querySelectorAll("[data-js-only]").forEach(function (el) { el.hidden = false; });
  form.addEventListener("click", function (event) {
    var button = event.target.closest("[data-nav]");
    if (!button) { return; }
    event.preventDefault();
    var step = button.getAttribute("data-nav") === "back" ? -1 : 1;
    show(Math.max(0, Math.min(current + step, screens.length - 1)), true);
  });
  show(current, false);
})();
