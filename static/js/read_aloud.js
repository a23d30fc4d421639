/* Read aloud: every text a child sees can be heard, in the page's language.

   Markup (templates/_read_aloud.html):
   - [data-say]: one wording (a paragraph, the question, a choice, "I don't
     want to answer", who may see...). Each is read as its own item, each
     sentence of it as its own utterance, with a pause between sentences and
     a longer one between items. data-audio="url": a recording of it
     (web/read_aloud.py).
   - <button data-read-aloud="id1 id2" hidden>: reads the [data-say] items
     inside the named elements, in order (an element without any is read as
     one item), leaving out what is not shown (a question hidden by show-if,
     a closed "you can also draw").
   - [data-read-on-tap]: a tap on a choice card reads that choice (the tap
     chooses it too).
   With a voice for <html lang> the browser speaks; without one the
   recordings are played, and a button is shown only when it has something
   to play. While an item is read it carries the class "is-reading".

   window.KuulluksiReadAloud.read(elements) reads elements' items;
   .used() tells whether the person has listened on this page. */
(function () {
  "use strict";
  var synth = window.speechSynthesis && typeof window.speechSynthesis.getVoices === "function"
    ? window.speechSynthesis : null;
  var lang = (document.documentElement.lang || "fi").toLowerCase();
  // pauses in ms between sentences and between items (the browser tests shorten them)
  var pauses = window.KuulluksiReadAloudPauses || { sentence: 350, item: 650 };
  var run = 0, used = false, player = null, reading = null;

  function voiceFor() {
    if (!synth) { return null; }
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) {
      var v = (voices[i].lang || "").toLowerCase().replace("_", "-");
      if (v === lang || v.indexOf(lang + "-") === 0) { return voices[i]; }
    }
    return null;
  }

  function textOf(el) { return (el.textContent || "").replace(/\s+/g, " ").trim(); }

  function shown(el) {
    return !el.closest("[hidden]") && el.getClientRects().length > 0;
  }

  // The items of a button (or of elements): [data-say] inside each, in order.
  function itemsOf(elements, onlyShown) {
    var items = [];
    elements.forEach(function (el) {
      if (!el) { return; }
      var found = el.hasAttribute("data-say") ? [el] : Array.prototype.slice.call(el.querySelectorAll("[data-say]"));
      if (!found.length) { found = [el]; }
      found.forEach(function (item) {
        if ((!onlyShown || shown(item)) && textOf(item)) { items.push(item); }
      });
    });
    return items;
  }

  function targetsOf(button) {
    return button.getAttribute("data-read-aloud").split(/\s+/).map(function (id) {
      return document.getElementById(id);
    });
  }

  function sentences(text) {
    if (window.Intl && typeof Intl.Segmenter === "function") {
      var segmenter = new Intl.Segmenter(lang, { granularity: "sentence" });
      return Array.from(segmenter.segment(text), function (s) { return s.segment.trim(); }).filter(Boolean);
    }
    return (text.match(/[^.!?…]+[.!?…]*["”»]?/g) || [text]).map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function mark(el) {
    if (reading) { reading.classList.remove("is-reading"); }
    reading = el ? (el.closest(".choice-card, .choice") || el) : null;
    if (reading) { reading.classList.add("is-reading"); }
  }

  function stop() {
    run++;
    if (synth) { synth.cancel(); }
    if (player) { player.pause(); }
    mark(null);
  }

  // The steps of reading `items`: utterances with a voice, recordings without.
  function steps(items, voice) {
    var list = [];
    items.forEach(function (item) {
      if (voice) {
        var parts = sentences(textOf(item));
        parts.forEach(function (text, i) {
          list.push({ el: item, text: text, pause: i === parts.length - 1 ? pauses.item : pauses.sentence });
        });
      } else if (item.getAttribute("data-audio")) {
        list.push({ el: item, audio: item.getAttribute("data-audio"), pause: pauses.item });
      }
    });
    return list;
  }

  function play(list, i, mine, voice) {
    if (mine !== run) { return; }
    if (i >= list.length) { mark(null); return; }
    var step = list[i], finished = false;
    function next() {
      if (finished) { return; }
      finished = true;
      window.setTimeout(function () { play(list, i + 1, mine, voice); }, step.pause);
    }
    mark(step.el);
    if (step.audio) {
      player = player || new window.Audio();
      player.onended = next;
      player.onerror = next;
      player.src = step.audio;
      var started = player.play();
      if (started && typeof started.catch === "function") { started.catch(next); }
      return;
    }
    var utterance = typeof window.SpeechSynthesisUtterance === "function"
      ? new window.SpeechSynthesisUtterance(step.text) : { text: step.text };
    utterance.lang = voice.lang;
    try { utterance.voice = voice; } catch (e) { /* a voice object from elsewhere: the language is enough */ }
    utterance.rate = 0.9;
    utterance.onend = next;
    utterance.onerror = next;
    // some engines never say "end": go on after a generous guess of the time it takes
    window.setTimeout(next, 4000 + step.text.length * 150);
    synth.speak(utterance);
  }

  function read(elements) {
    stop();
    var voice = voiceFor();
    var list = steps(itemsOf(elements, true), voice);
    if (!list.length) { return; }
    used = true;
    play(list, 0, run, voice);
  }

  function update() {
    var voice = voiceFor();
    document.querySelectorAll("[data-read-aloud]").forEach(function (button) {
      button.hidden = !(voice || itemsOf(targetsOf(button), false).some(function (item) {
        return item.hasAttribute("data-audio");
      }));
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-read-aloud]");
    if (button) {
      event.preventDefault();
      read(targetsOf(button));
      return;
    }
    var card = event.target.closest("[data-read-on-tap] .choice-card label");
    if (card && (voiceFor() || card.querySelector("[data-audio]"))) { read([card]); }
  });

  window.KuulluksiReadAloud = { read: read, stop: stop, used: function () { return used; } };
  update();
  if (synth) {
    if (typeof synth.addEventListener === "function") { synth.addEventListener("voiceschanged", update); }
    else { synth.onvoiceschanged = update; }
  }
})();
