// Small behaviours shared by every page. No inline scripts anywhere: pages mark
// elements with data- attributes and this file wires them up.
(function () {
  "use strict";

  // <select data-autosubmit> submits its form when the choice changes.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  // <form data-confirm="question">: ask before sending.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) { event.preventDefault(); }
    });
  });

  // <select data-navigate>: each option's value is a URL to open.
  document.querySelectorAll("select[data-navigate]").forEach(function (select) {
    select.addEventListener("change", function () { window.location.href = select.value; });
  });

  // Checkboxes in a filter form submit it when ticked.
  document.querySelectorAll("input[data-autosubmit-input]").forEach(function (input) {
    input.addEventListener("change", function () { input.form.submit(); });
  });

  // "Add selection as quote": copy the text selected in the answers into the quotes.
  document.querySelectorAll("[data-add-quote]").forEach(function (button) {
    var form = button.closest("form");
    var answers = form.querySelector("[data-answers-field]");
    var quotes = form.querySelector("[data-quotes-field]");
    if (!answers || !quotes) { return; }
    // The status next to the button says what happened, or what to do first.
    var status = form.querySelector("[data-add-quote-status]");
    function say(text) { if (status) { status.textContent = text || ""; } }
    // Once words are selected, the hint to select some is stale.
    answers.addEventListener("select", function () {
      if (status && status.textContent === button.dataset.hint) { say(""); }
    });
    button.addEventListener("click", function () {
      var picked = answers.value.substring(answers.selectionStart, answers.selectionEnd).trim();
      if (!picked) {
        say(button.dataset.hint);
        answers.focus();
        return;
      }
      var current = quotes.value.replace(/\s+$/, "");
      quotes.value = (current ? current + "\n" : "") + picked.replace(/\s*\n\s*/g, " ");
      quotes.dispatchEvent(new Event("input", { bubbles: true }));
      say(button.dataset.done);
    });
  });

  // A scrolling tab strip (a narrow screen) shows its active tab, not just the first ones.
  document.querySelectorAll("[data-tab-strip]").forEach(function (strip) {
    var active = strip.querySelector(".active");
    if (active && strip.scrollWidth > strip.clientWidth) {
      var box = strip.getBoundingClientRect(), tab = active.getBoundingClientRect();
      strip.scrollLeft += tab.left - box.left - (box.width - tab.width) / 2;
    }
  });

  // Drafts the server has now saved (see autosave.js): drop this tab's copy if it is
  // the one sent with the form. Other tabs' copies hold text the server may not have.
  var cleared = document.body.dataset.clearDrafts;
  if (cleared) {
    cleared.split(" ").forEach(function (key) {
      try {
        var storageKey = "reglab:" + key + ":" + window.sessionStorage.getItem("reglab:tab");
        var copy = JSON.parse(window.localStorage.getItem(storageKey) || "null");
        if (copy && copy.submitted) { window.localStorage.removeItem(storageKey); }
      } catch (e) { /* storage disabled or unreadable: nothing to drop */ }
    });
  }
})();
