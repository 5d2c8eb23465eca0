// Autosave for forms marked with data-autosave-key (and data-autosave-url).
//
// Nothing typed is lost: every keystroke is copied to localStorage at once, and
// sent to the server a moment after the typing stops. If the tab closes, the
// network drops or the session expires, the copy in the browser is put back the
// next time the form opens, and saved from there. The server refuses a save based
// on an outdated revision (a colleague saved meanwhile) and keeps both texts.
(function () {
  "use strict";
  var DELAY_MS = 1200;
  var form = document.querySelector("form[data-autosave-key]");
  if (!form) { return; }
  var storageKey = "reglab:" + form.dataset.autosaveKey;
  var url = form.dataset.autosaveUrl;
  var status = form.querySelector("[data-autosave-status]");
  var revisionField = form.dataset.revisionField ? document.getElementById(form.dataset.revisionField) : null;
  var strings = JSON.parse(document.getElementById("autosave-strings").textContent);
  var timer = null;
  var inFlight = false;
  var dirty = false;
  var stopped = false;

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "hidden" && el.type !== "submit" && el.type !== "button";
    });
  }

  function values() {
    var out = {};
    fields().forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        out[el.name] = out[el.name] || [];
        if (el.checked) { out[el.name].push(el.value); }
      } else {
        out[el.name] = el.value;
      }
    });
    return out;
  }

  function apply(saved) {
    fields().forEach(function (el) {
      if (!(el.name in saved)) { return; }
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = saved[el.name].indexOf(el.value) !== -1;
      } else {
        el.value = saved[el.name];
      }
    });
  }

  function show(message, kind) {
    if (!status) { return; }
    status.textContent = message;
    status.classList.toggle("text-danger", kind === "error");
    status.classList.toggle("text-body-secondary", kind !== "error");
  }

  function keepLocally() {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify({
        values: values(),
        revision: revisionField ? revisionField.value : null,
        at: new Date().toISOString()
      }));
    } catch (e) { /* storage full or disabled: the server copy still works */ }
  }

  function forget() {
    try { window.localStorage.removeItem(storageKey); } catch (e) { /* ignore */ }
  }

  function save() {
    timer = null;
    if (!url || stopped) { return; }
    if (inFlight) { dirty = true; return; }
    inFlight = true;
    dirty = false;
    show(strings.saving, "info");
    var body = new FormData(form);
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
      redirect: "manual"
    }).then(function (response) {
      var type = response.headers.get("content-type") || "";
      if (response.type === "opaqueredirect" || type.indexOf("json") === -1) {
        // The session expired: the login page answered instead of the app.
        show(strings.loggedOut, "error");
        return null;
      }
      return response.json().then(function (data) {
        if (data.ok) {
          if (revisionField && data.revision !== undefined && data.revision !== null) {
            revisionField.value = data.revision;
          }
          if (!dirty) { forget(); } else { keepLocally(); }
          show(data.message, "info");
        } else {
          if (data.conflict) { stopped = true; forget(); }
          show(strings.notSaved + " " + data.error, "error");
        }
      });
    }).catch(function () {
      show(strings.offline, "error");
    }).then(function () {
      inFlight = false;
      if (dirty && !stopped) { schedule(); }
    });
  }

  function schedule() {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(save, DELAY_MS);
  }

  function changed() {
    keepLocally();
    if (url) { schedule(); }
  }

  // Put back what this browser kept if it differs from what the server has.
  try {
    var kept = JSON.parse(window.localStorage.getItem(storageKey) || "null");
    if (kept && JSON.stringify(kept.values) !== JSON.stringify(values())) {
      apply(kept.values);
      // Save against the revision the kept text was based on, so that a
      // colleague's newer text is not overwritten but kept beside it.
      if (revisionField && kept.revision !== null) { revisionField.value = kept.revision; }
      show(strings.restored, "info");
      if (url) { schedule(); }
    } else if (kept) {
      forget();
    }
  } catch (e) { /* unreadable copy: ignore it */ }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function () {
    if (timer) { window.clearTimeout(timer); timer = null; }
    stopped = true;
    keepLocally();
  });
})();
