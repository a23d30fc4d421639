/* Read aloud with the browser's own speech synthesis, in the page's language.
   Buttons: <button data-read-aloud="id1 id2" hidden> — shown only when a voice
   for <html lang> exists; a click reads the text of the elements named. */
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  if (!synth || typeof synth.getVoices !== "function") { return; }
  var lang = (document.documentElement.lang || "fi").toLowerCase();

  function voiceFor() {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      var v = (voices[i].lang || "").toLowerCase().replace("_", "-");
      if (v === lang || v.indexOf(lang + "-") === 0) { return voices[i]; }
    }
    return null;
  }

  function textOf(ids) {
    return ids.split(/\s+/).map(function (id) {
      var el = document.getElementById(id);
      return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
    }).filter(Boolean).join(". ");
  }

  function speak(button) {
    var voice = voiceFor();
    if (!voice) { return; }
    synth.cancel();
    var utterance = typeof window.SpeechSynthesisUtterance === "function"
      ? new window.SpeechSynthesisUtterance(textOf(button.getAttribute("data-read-aloud")))
      : { text: textOf(button.getAttribute("data-read-aloud")) };
    utterance.lang = voice.lang;
    try { utterance.voice = voice; } catch (e) { /* a voice object from elsewhere: the language is enough */ }
    utterance.rate = 0.9;
    synth.speak(utterance);
  }

  function update() {
    var available = !!voiceFor();
    document.querySelectorAll("[data-read-aloud]").forEach(function (button) {
      button.hidden = !available;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-read-aloud]");
    if (button) { event.preventDefault(); speak(button); }
  });
  update();
  if (typeof synth.addEventListener === "function") {
    synth.addEventListener("voiceschanged", update);
  } else {
    synth.onvoiceschanged = update;
  }
})();
