// Sends a heartbeat while a self-paced lesson is visible and in use, so only active reading time is recorded, and keeps
// the bar (minutes counted of minutes needed) and the end of the lesson (what is left) up to date from each answer.
// Scrolling, tapping and typing (the reflection box included) are activity; without any for the idle time, the clock pauses.
(function () {
  "use strict";
  var box = document.getElementById("seat-time");
  if (!box || !window.fetch) return;
  var url = box.getAttribute("data-url");
  var beatMs = Number(box.getAttribute("data-beat-seconds")) * 1000;
  var idleMs = Number(box.getAttribute("data-idle-minutes")) * 60000;
  // Words come from the page and from each heartbeat's answer, in the reader's language.
  var texts = { paused: box.getAttribute("data-text-paused"), notRecorded: box.getAttribute("data-text-not-recorded"), offline: box.getAttribute("data-text-offline") };
  var tokenField = document.querySelector("#seat-time-form input[name=__RequestVerificationToken]");
  var status = document.getElementById("seat-time-status");
  var progress = document.getElementById("seat-time-progress");
  var announce = document.getElementById("seat-time-announce");
  var left = document.getElementById("seat-time-left");
  var end = document.getElementById("end-of-lesson");
  var lastInteraction = Date.now();
  var reachedEnd = false;
  var running = false;
  var said = "";
  var paused = false;
  var lastMilestone = -1;

  box.hidden = false;
  function touched() { lastInteraction = Date.now(); }
  ["pointerdown", "keydown", "scroll", "touchstart", "wheel", "mousemove"].forEach(function (name) {
    window.addEventListener(name, touched, { passive: true });
  });
  // Typing in the reflection box counts even where a phone keyboard sends no key events, only input.
  document.addEventListener("input", touched, { passive: true });
  if (end && "IntersectionObserver" in window) {
    new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { reachedEnd = true; touched(); }
    }).observe(end);
  }

  function id() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // Screen readers hear only what matters: completion, a pause, a problem, and every five minutes counted.
  function say(text) {
    if (!announce || text === said) return;
    said = text;
    announce.textContent = text;
  }

  function show(d) {
    var need = Math.ceil(d.requiredSeconds / 60);
    var done = Math.min(Math.floor(d.activeSeconds / 60), need);
    if (progress) { progress.max = need; progress.value = d.lessonComplete ? need : done; }
    // A beat answered after the clock paused does not hide the pause.
    if (paused && !d.lessonComplete) return;
    status.textContent = d.statusText;
    if (progress) progress.textContent = status.textContent;
    if (left) {
      left.textContent = "";
      var strong = document.createElement("strong");
      strong.textContent = d.leftText;
      left.appendChild(strong);
      if (d.lessonComplete) end.classList.add("ok");
    }
    if (d.lessonComplete) { say(status.textContent); return; }
    var milestone = Math.floor(done / 5);
    if (lastMilestone >= 0 && milestone > lastMilestone) say(d.milestoneText);
    lastMilestone = milestone;
  }

  function problem(text) {
    status.textContent = text;
    say(text);
  }

  function beat(starting) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "RequestVerificationToken": tokenField ? tokenField.value : "" },
      body: JSON.stringify({ beatId: id(), clientSentAt: new Date().toISOString(), starting: starting, reachedEnd: reachedEnd })
    }).then(function (r) {
      return r.json().then(function (d) {
        if (r.ok) show(d); else problem(d.error || texts.notRecorded);
      });
    }).catch(function () { problem(texts.offline); });
  }

  function active() { return document.visibilityState === "visible" && Date.now() - lastInteraction < idleMs; }

  function tick() {
    if (active()) { paused = false; beat(!running); running = true; }
    else {
      if (running && document.visibilityState === "visible") {
        paused = true;
        problem(texts.paused);
      }
      running = false;
    }
  }

  document.addEventListener("visibilitychange", function () { if (document.visibilityState !== "visible") running = false; });
  tick();
  window.setInterval(tick, beatMs);
})();
