// The page of an export the background worker prepares: polls its small status (JSON)
// and shows the progress, then the download link. Without JavaScript the page's refresh
// link does the same. Settings come in data- attributes; no inline script or style.
(function () {
  "use strict";
  var box = document.querySelector("[data-export-progress]");
  if (!box) { return; }
  var POLL_MS = 2000;
  var url = box.getAttribute("data-status-url");
  var label = box.querySelector("[data-label]");
  var count = box.querySelector("[data-count]");
  var bar = box.querySelector("[data-percent]");
  var queued = box.querySelector("[data-queued]");
  var failed = box.querySelector("[data-failed]");
  var ready = box.querySelector("[data-ready]");
  var link = box.querySelector("[data-download]");
  var refresh = box.querySelector("[data-refresh]");
  var done = box.querySelector("[data-done]");
  var total = box.querySelector("[data-total]");

  function show(status) {
    label.textContent = status.label;
    bar.value = status.percent;
    bar.textContent = status.percent + " %";
    if (status.total) {
      done.textContent = status.done;
      total.textContent = status.total;
      count.hidden = false;
    }
    queued.hidden = status.state !== "queued";
    failed.hidden = status.state !== "failed";
    if (status.download) {
      link.href = status.download;
      ready.hidden = false;
      refresh.hidden = true;
      // Ready while the page waited: the download starts, and the link stays for later.
      window.location.assign(status.download);
    }
    box.setAttribute("data-state", status.state);
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 404) {
          // Deleted (replaced by newer data, or personal data erased): ask again.
          window.location.assign(box.getAttribute("data-again-url"));
          return null;
        }
        return response.ok ? response.json() : null;
      })
      .then(function (status) {
        if (status) { show(status); }
        if (!status || (status.state !== "ready" && status.state !== "failed")) {
          window.setTimeout(poll, POLL_MS);
        }
      })
      .catch(function () { window.setTimeout(poll, POLL_MS * 2); });
  }

  var state = box.getAttribute("data-state");
  if (state !== "ready" && state !== "failed") { window.setTimeout(poll, POLL_MS); }
}());
