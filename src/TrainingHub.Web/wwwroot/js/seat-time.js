// Sends a heartbeat while a self-paced lesson is visible and in use, so only active reading time is recorded.
(function () {
  "use strict";
  var box = document.getElementById("seat-time");
  if (!box || !window.fetch) return;
  var url = box.getAttribute("data-url");
  var beatMs = Number(box.getAttribute("data-beat-seconds")) * 1000;
  var idleMs = Number(box.getAttribute("data-idle-minutes")) * 60000;
  var tokenField = document.querySelector("#seat-time-form input[name=__RequestVerificationToken]");
  var status = document.getElementById("seat-time-status");
  var end = document.getElementById("end-of-lesson");
  var lastInteraction = Date.now();
  var reachedEnd = false;
  var running = false;

  box.hidden = false;
  ["pointerdown", "keydown", "scroll", "touchstart", "wheel", "mousemove"].forEach(function (name) {
    window.addEventListener(name, function () { lastInteraction = Date.now(); }, { passive: true });
  });
  if (end && "IntersectionObserver" in window) {
    new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { reachedEnd = true; lastInteraction = Date.now(); }
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

  function show(d) {
    var done = Math.floor(d.activeSeconds / 60), need = Math.ceil(d.requiredSeconds / 60);
    status.textContent = d.lessonComplete
      ? "This lesson is complete and its hours are in your record."
      : "Time recorded on this lesson: " + done + " of " + need + " minutes." + (d.reachedEnd ? "" : " Read to the end of the lesson to complete it.");
  }

  function beat(starting) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "RequestVerificationToken": tokenField ? tokenField.value : "" },
      body: JSON.stringify({ beatId: id(), clientSentAt: new Date().toISOString(), starting: starting, reachedEnd: reachedEnd })
    }).then(function (r) {
      return r.json().then(function (d) {
        if (r.ok) show(d); else status.textContent = d.error || "Time is not being recorded right now.";
      });
    }).catch(function () { status.textContent = "No connection: time is not being recorded right now."; });
  }

  function active() { return document.visibilityState === "visible" && Date.now() - lastInteraction < idleMs; }

  function tick() {
    if (active()) { beat(!running); running = true; }
    else { running = false; }
  }

  document.addEventListener("visibilitychange", function () { if (document.visibilityState !== "visible") running = false; });
  tick();
  window.setInterval(tick, beatMs);
})();
