/* Tablet start page: the code from a QR link is taken out of the address
   (and so out of the tablet's history) once it is in the field. */
(function () {
  "use strict";
  var url = new URL(window.location.href);
  if (url.searchParams.has("code")) {
    url.searchParams.delete("code");
    window.history.replaceState(null, "", url.pathname + (url.search || ""));
  }
})();
