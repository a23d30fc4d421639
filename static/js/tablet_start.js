/* Tablet start page. The QR code opens /t#code=ABCD-EFGH: a fragment never
   reaches the server (nor its logs). Here the code goes into the field and
   out of the address, so the tablet's history does not keep it either; the
   form then posts it. Without JavaScript the child types the code. */
(function () {
  "use strict";
  var field = document.getElementById("code");
  var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  var url = new URL(window.location.href);
  if (field && params.get("code") && !field.value) {
    field.value = params.get("code").slice(0, 40);
  }
  if (params.has("code") || url.searchParams.has("code")) {
    url.searchParams.delete("code");
    window.history.replaceState(null, "", url.pathname + url.search);
  }
  // changing the page's language keeps what was typed, again in a fragment only
  document.querySelectorAll(".tablet-page-langs a").forEach(function (link) {
    link.addEventListener("click", function () {
      if (field && field.value.trim()) {
        link.href = link.href.split("#")[0] + "#code=" + encodeURIComponent(field.value.trim());
      }
    });
  });
})();
