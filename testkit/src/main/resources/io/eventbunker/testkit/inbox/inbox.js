"use strict";

// Polls the server-rendered, server-escaped event list. Polling rather than server-sent events:
// it needs no long-lived connection, so it never ties up one of the receiver's threads.
(function () {
  const POLL_MILLIS = 1000;
  const inbox = document.getElementById("inbox");
  const status = document.getElementById("status");
  let shown = null;

  async function refresh() {
    try {
      const response = await fetch("inbox/fragment", { cache: "no-store" });
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      const html = await response.text();
      if (html !== shown) {
        inbox.innerHTML = html;
        shown = html;
      }
      status.textContent = "live";
      status.classList.remove("offline");
    } catch (error) {
      status.textContent = "receiver unreachable";
      status.classList.add("offline");
    } finally {
      setTimeout(refresh, POLL_MILLIS);
    }
  }

  setTimeout(refresh, POLL_MILLIS);
})();
