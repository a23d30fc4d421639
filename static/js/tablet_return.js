/* Thank-you screen of tablet mode: after a while, go back to the start page
   without leaving this screen in the history. */
(function () {
  "use strict";
  var link = document.getElementById("tablet-return");
  if (!link) { return; }
  var seconds = parseFloat(link.getAttribute("data-return-after") || "20");
  link.addEventListener("click", function (event) {
    event.preventDefault();
    window.location.replace(link.href);
  });
  window.setTimeout(function () { window.location.replace(link.href); }, seconds * 1000);
})();
