// A "Print" button ([data-print], hidden without JavaScript: the browser's own print works anyway).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
