// Autosave for forms marked with data-autosave-key (and data-autosave-url).
//
// Nothing typed is lost. Every change is copied at once to this tab's own copy in
// localStorage, and sent to the server a moment after the typing stops. The copy is
// dropped only when the server has confirmed exactly the values the form still holds.
// A save that fails is tried again after 2, 4, 8 … up to 60 seconds, sooner after a
// keystroke or when the connection comes back.
//
// Each tab keeps its own copy ("reglab:<form key>:<tab id>", the id kept in
// sessionStorage, which survives a reload), so two tabs typing offline do not
// overwrite each other. A copy whose tab is no longer open is put back in a tab that
// has none of its own, or sent to the server against the revision it was based on:
// the server keeps a text based on an outdated revision beside the newer one.
(function () {
  "use strict";
  var DELAY_MS = 1200;          // pause in the typing before a save
  var FIRST_RETRY_MS = 2000;    // a failed save is tried again after 2 s, 4 s, 8 s …
  var MAX_RETRY_MS = 60000;     // … but never more than a minute apart
  var TIMEOUT_MS = 30000;       // a save with no answer by then has failed
  var HEARTBEAT_MS = 10000;     // an open tab marks itself alive this often
  var ORPHAN_MS = 30000;        // a tab not marked for this long is no longer open
  var RELOAD_MS = 3000;         // a page that went away may be back this soon (a reload)
  var DAY_MS = 86400000;
  var TAB_ID = "reglab:tab";    // in sessionStorage; portal.js reads it too
  var ALIVE = "reglab-tab:";    // + tab id, in localStorage: when the tab last said it is
                                // open (a time in ms), or minus the time its page went away

  var form = document.querySelector("form[data-autosave-key]");
  if (!form) { return; }
  var prefix = "reglab:" + form.dataset.autosaveKey + ":";
  var sharedKey = "reglab:" + form.dataset.autosaveKey;  // the one copy of earlier versions
  var url = form.dataset.autosaveUrl;
  var status = form.querySelector("[data-autosave-status]");
  var revisionField = form.dataset.revisionField ? document.getElementById(form.dataset.revisionField) : null;
  var strings = JSON.parse(document.getElementById("autosave-strings").textContent);

  var tab = claimTab();
  var ownKey = prefix + tab;
  // The values the server has kept, as far as this tab knows. A form sent back with
  // errors shows what was typed, not what the server has: unknown (null).
  var onServer = form.querySelector(".is-invalid, [aria-invalid=true]") ? null : serialize(values(true));
  var stored = false;      // this tab's copy in localStorage holds the form's current values
  var timer = null;        // the next save (after a pause in the typing, or a retry)
  var inFlight = false;
  var failures = 0;        // failed saves in a row, for the back-off
  var held = false;        // the server refused these values (too large, invalid): wait for an edit
  var stopped = false;     // a colleague's newer save (conflict), or the form was submitted
  var submitting = false;
  var orphanQueue = [];    // other tabs' copies to send once this tab's own save is done
  var orphanBusy = false;
  var orphanRefused = {};  // copies the server would not take: left in the browser

  // --- The form's values -------------------------------------------------------------

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "hidden" && el.type !== "submit" && el.type !== "button";
    });
  }

  // The values the form holds now, or (asServed) those in the page as the server sent
  // it: the browser may already have put typed text back into the fields.
  function values(asServed) {
    var out = {};
    fields().forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        out[el.name] = out[el.name] || [];
        if (asServed ? el.defaultChecked : el.checked) { out[el.name].push(el.value); }
      } else if (asServed && el.tagName === "SELECT") {
        var chosen = Array.prototype.filter.call(el.options, function (o) { return o.defaultSelected; })[0] || el.options[0];
        out[el.name] = chosen ? chosen.value : "";
      } else {
        out[el.name] = asServed ? el.defaultValue : el.value;
      }
    });
    return out;
  }

  function serialize(vals) {
    return JSON.stringify(Object.keys(vals).sort().map(function (name) { return [name, vals[name]]; }));
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

  function unsaved() { return serialize(values()) !== onServer; }

  // Roughly the size of the request (multipart: a few header lines per field).
  function tooLarge(vals) {
    var bytes = 0;
    var size = window.TextEncoder ? function (s) { return new TextEncoder().encode(s).length; } : function (s) { return s.length * 3; };
    Object.keys(vals).forEach(function (name) {
      [].concat(vals[name]).forEach(function (value) { bytes += size(name) + size(String(value)) + 100; });
    });
    return strings.maxBytes && bytes > strings.maxBytes;
  }

  // --- The copies in this browser ----------------------------------------------------

  function newTabId() { return Date.now().toString(36) + Math.random().toString(36).slice(2, 10); }

  // This tab's id. A duplicated tab inherits the sessionStorage of the one it copied:
  // if the id is in use by an open page, take a new one.
  function claimTab() {
    var id = null;
    try { id = window.sessionStorage.getItem(TAB_ID); } catch (e) { /* disabled */ }
    if (!id || isAlive(id, true)) {
      id = newTabId();
      try { window.sessionStorage.setItem(TAB_ID, id); } catch (e) { /* a new id each visit */ }
    }
    return id;
  }

  // Whether a page of tab `id` is open, or (a page that went away a moment ago, and
  // unless `open`) may be reloading.
  function isAlive(id, open) {
    try {
      var at = Number(window.localStorage.getItem(ALIVE + id));
      if (at > 0) { return Date.now() - at < ORPHAN_MS; }
      return !open && at < 0 && Date.now() + at < RELOAD_MS;
    } catch (e) { return false; }
  }

  function heartbeat() {
    try { window.localStorage.setItem(ALIVE + tab, String(Date.now())); } catch (e) { /* full */ }
  }

  function read(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function remove(key) {
    try { window.localStorage.removeItem(key); } catch (e) { /* disabled */ }
  }

  // Returns whether the browser now holds the form's values.
  function keepLocally(extra) {
    var copy = { values: values(), revision: revisionField ? revisionField.value : null, at: new Date().toISOString() };
    if (extra) { Object.keys(extra).forEach(function (k) { copy[k] = extra[k]; }); }
    var text = JSON.stringify(copy);
    try {
      window.localStorage.setItem(ownKey, text);
      stored = true;
    } catch (e) {
      // Full: without this tab's older copy it may fit. If not, an older copy must not
      // come back over newer typing; say so, and warn before the tab closes.
      remove(ownKey);
      try {
        window.localStorage.setItem(ownKey, text);
        stored = true;
      } catch (again) {
        stored = false;
      }
    }
    return stored;
  }

  function forget() {
    remove(ownKey);
    stored = false;
  }

  // --- What the status line says ----------------------------------------------------

  function show(message, kind) {
    if (!status) { return; }
    status.textContent = message;
    status.classList.toggle("text-danger", kind === "error");
    status.classList.toggle("text-body-secondary", kind !== "error");
  }

  function where() { return stored ? strings.keptHere : strings.notKept; }

  function clock(ms) {
    var lang = document.documentElement.lang || undefined;
    return new Date(ms).toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  }

  // --- Talking to the server ---------------------------------------------------------

  // The CSRF token as the cookie has it now: after logging in again in another tab the
  // token in the page is outdated.
  function body(vals, revision) {
    var data = new FormData(form);
    var cookie = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (cookie) { data.set("csrfmiddlewaretoken", decodeURIComponent(cookie[1])); }
    if (vals) {
      Object.keys(vals).forEach(function (name) {
        data.delete(name);
        [].concat(vals[name]).forEach(function (value) { data.append(name, value); });
      });
    }
    if (revisionField && revision !== undefined && revision !== null) { data.set(revisionField.name, revision); }
    return data;
  }

  // Sends a save; resolves to {kind, data, reason} whatever happens.
  // kind: saved | conflict | loggedOut | tooLarge | refused (an edit must come first) | failed (try again)
  function post(data) {
    var controller = window.AbortController ? new AbortController() : null;
    var timeout = controller ? window.setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
      redirect: "manual",
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (response.type === "opaqueredirect") { return { kind: "loggedOut" }; }  // to the login page
      var type = response.headers.get("content-type") || "";
      var code = String(response.status);
      if (type.indexOf("json") === -1) {
        return { kind: response.status === 413 ? "tooLarge" : "failed", reason: code };
      }
      return response.json().then(function (answer) {
        if (answer.ok) { return { kind: "saved", data: answer }; }
        if (answer.logged_out) { return { kind: "loggedOut", data: answer }; }
        if (answer.too_large || response.status === 413) { return { kind: "tooLarge", data: answer }; }
        if (answer.conflict) { return { kind: "conflict", data: answer }; }
        if (response.status >= 500) { return { kind: "failed", reason: code }; }
        return { kind: "refused", data: answer };
      }, function () { return { kind: "failed", reason: code }; });
    }).catch(function () {
      return { kind: "failed", reason: null };
    }).then(function (outcome) {
      if (timeout) { window.clearTimeout(timeout); }
      return outcome;
    });
  }

  function schedule(ms) {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(save, ms);
  }

  function save() {
    timer = null;
    if (!url || stopped || inFlight) { return; }  // an answer under way schedules the next save
    var current = values();
    var sent = serialize(current);
    if (sent === onServer) { forget(); sendOrphans(); return; }  // typed and undone
    if (tooLarge(current)) {
      held = true;
      show(strings.tooLarge + " " + where(), "error");
      return;
    }
    inFlight = true;
    show(strings.saving, "info");
    post(body()).then(function (outcome) { answered(outcome, sent); });
  }

  function answered(outcome, sent) {
    inFlight = false;
    var data = outcome.data || {};
    var current = serialize(values());
    if (outcome.kind === "saved" || outcome.kind === "conflict") {
      failures = 0;
      onServer = sent;  // as the text, or (conflict) as a copy beside a colleague's newer one
      if (outcome.kind === "saved" && revisionField && data.revision !== undefined && data.revision !== null) {
        revisionField.value = data.revision;
      }
      if (current === sent) { forget(); } else { keepLocally(); }
      if (outcome.kind === "conflict") {
        stopped = true;
        show(strings.notSaved + " " + data.error, "error");
      } else {
        show(data.message, "info");
      }
    } else if (outcome.kind === "tooLarge" || outcome.kind === "refused") {
      // It will not succeed as it is: wait for the next edit (unless there was one).
      held = current === sent;
      var why = outcome.kind === "tooLarge" ? (data.error || strings.tooLarge) : strings.notSaved + " " + (data.error || "");
      show(why + " " + where(), "error");
    } else {
      retryLater(outcome);
    }
    if (!stopped && !held && !timer && current !== onServer) { schedule(DELAY_MS); }
    sendOrphans();
  }

  function retryLater(outcome) {
    failures += 1;
    var wait = Math.min(FIRST_RETRY_MS * Math.pow(2, failures - 1), MAX_RETRY_MS);
    schedule(wait);
    if (outcome.kind === "loggedOut") {
      show(stored ? strings.loggedOut : strings.loggedOutNotKept, "error");
      return;
    }
    var next = strings.retryAt.replace("{time}", clock(Date.now() + wait));
    if (!outcome.reason && navigator.onLine === false) {
      show((stored ? strings.offline : strings.offlineNotKept) + " " + next, "error");
      return;
    }
    var why = outcome.reason ? strings.serverError.replace("{status}", outcome.reason) : strings.noAnswer;
    show(strings.notSaved + " " + why + " " + where() + " " + next, "error");
  }

  // --- Copies left by tabs that are no longer open -----------------------------------

  function orphans() {
    var found = [];
    var stale = [];
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        var key = window.localStorage.key(i);
        if (key.indexOf(ALIVE) === 0 && Date.now() - Math.abs(Number(window.localStorage.getItem(key))) > DAY_MS) {
          stale.push(key);  // a tab that closed long ago
          continue;
        }
        if (key === ownKey || (key !== sharedKey && key.indexOf(prefix) !== 0)) { continue; }
        if (key !== sharedKey && isAlive(key.slice(prefix.length))) { continue; }
        var copy = read(key);
        if (!copy || !copy.values) { continue; }
        // Sent with the form a moment ago: the page that answers drops it (portal.js).
        if (copy.submitted && Date.now() - Date.parse(copy.at) < ORPHAN_MS) { continue; }
        found.push({ key: key, copy: copy });
      }
    } catch (e) { /* storage disabled */ }
    stale.forEach(remove);
    return found.sort(function (a, b) { return String(a.copy.at) < String(b.copy.at) ? -1 : 1; });
  }

  function tidyOrphans() {
    orphans().forEach(function (orphan) {
      if (serialize(orphan.copy.values) === onServer) { remove(orphan.key); return; }
      var sameBase = !revisionField || String(orphan.copy.revision) === String(revisionField.value);
      if (sameBase && !stopped && !submitting && !stored && !unsaved()) {
        // This tab has nothing of its own and the copy was typed on the text it shows:
        // take the copy over, as after a reload. Else it goes to the server as it is.
        apply(orphan.copy.values);
        if (revisionField && orphan.copy.revision !== null && orphan.copy.revision !== undefined) {
          revisionField.value = orphan.copy.revision;
        }
        if (keepLocally()) { remove(orphan.key); }
        show(strings.restored, "info");
        if (url) { schedule(DELAY_MS); }
        return;
      }
      if (url && !orphanRefused[orphan.key] && orphanQueue.indexOf(orphan.key) === -1) {
        orphanQueue.push(orphan.key);
      }
      // Without a server address (a new interview) it waits for a tab without text.
    });
    sendOrphans();
  }

  // One at a time, after this tab's own save: its own text becomes the saved text, and
  // the other tab's text (based on an older revision) a copy kept beside it.
  function sendOrphans() {
    if (orphanBusy || inFlight || timer || !url || !orphanQueue.length) { return; }
    var key = orphanQueue.shift();
    var copy = read(key);
    // Gone meanwhile, or its tab came back (a reload): that tab saves it.
    if (!copy || !copy.values || (key !== sharedKey && isAlive(key.slice(prefix.length)))) {
      sendOrphans();
      return;
    }
    orphanBusy = true;
    post(body(copy.values, copy.revision)).then(function (outcome) {
      orphanBusy = false;
      if (outcome.kind === "saved" || outcome.kind === "conflict") {
        remove(key);
        show(strings.otherTab, "info");
      } else if (outcome.kind === "tooLarge" || outcome.kind === "refused") {
        orphanRefused[key] = true;  // stays in the browser; put back in a tab without text
      }
      // failed or logged out: tried again on the next heartbeat or when back online
      sendOrphans();
    });
  }

  // --- Start ---------------------------------------------------------------------------

  heartbeat();
  var own = read(ownKey);
  if (own && own.values && serialize(own.values) !== onServer) {
    if (serialize(own.values) !== serialize(values())) { show(strings.restored, "info"); }
    apply(own.values);
    // Save against the revision the kept text was based on, so that a colleague's
    // newer text is not overwritten but kept beside it.
    if (revisionField && own.revision !== null && own.revision !== undefined) { revisionField.value = own.revision; }
    keepLocally();
    if (url) { schedule(DELAY_MS); }
  } else if (own) {
    forget();
  } else if (unsaved()) {
    keepLocally();  // the browser itself put typed text back (a reload)
    if (url) { schedule(DELAY_MS); }
  }
  tidyOrphans();
  window.setTimeout(tidyOrphans, RELOAD_MS + 100);  // copies of a tab that was closed just now

  window.setInterval(function () {
    heartbeat();
    tidyOrphans();
  }, HEARTBEAT_MS);

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);

  function changed() {
    if (submitting) { return; }
    keepLocally();
    held = false;
    if (url && !stopped) {
      schedule(DELAY_MS);
    } else if (!url) {
      show(stored ? "" : strings.notKept, stored ? "info" : "error");  // only this browser keeps it
    }
  }

  form.addEventListener("submit", function () {
    if (timer) { window.clearTimeout(timer); timer = null; }
    stopped = true;
    // Kept until the page that answers says the server has it (portal.js).
    keepLocally({ submitted: true });
    submitting = true;
  });

  window.addEventListener("online", function () {
    failures = 0;
    if (url && !stopped && !held && !inFlight && unsaved()) { schedule(0); }
    tidyOrphans();
  });

  // A tab that closes says so: unless it is back at once (a reload), its copies are
  // another tab's to keep.
  window.addEventListener("storage", function (event) {
    if (event.key && event.key.indexOf(ALIVE) === 0 && Number(event.newValue) < 0) {
      window.setTimeout(tidyOrphans, RELOAD_MS + 100);
    }
  });
  window.addEventListener("pagehide", function () {
    try { window.localStorage.setItem(ALIVE + tab, String(-Date.now())); } catch (e) { /* full */ }
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { heartbeat(); }
  });

  // Text that is neither on the server nor in this browser is lost if the tab closes.
  window.addEventListener("beforeunload", function (event) {
    if (submitting || stored || !unsaved()) { return; }
    event.preventDefault();
    event.returnValue = "";
  });
})();
