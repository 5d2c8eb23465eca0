// Tag review: confirm / reject tags and the model's proposals without a page load,
// keyboard shortcuts for a fast pass, and tagging a selected span by hand.
(function () {
  "use strict";

  function items() {
    return Array.prototype.slice.call(document.querySelectorAll(".review-item"));
  }

  function decide(item, decision) {
    var form = item.querySelector("form.review-form");
    if (!form) { return; }
    var body = new FormData(form);
    body.set("decision", decision);
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) { return response.json(); }).then(function (data) {
      if (!data.ok) { return; }
      // A proposal of the model becomes a tag when decided, and a proposal again when
      // the decision is undone: the next decision goes to whichever it is now.
      if (data.action) { form.action = data.action; }
      var badge = item.querySelector("[data-tag-state]");
      badge.textContent = data.label;
      badge.className = "tag-state badge " + (
        data.review === "confirmed" ? "text-bg-success" :
        data.review === "rejected" ? "text-bg-danger" : "text-bg-light border");
      item.dataset.review = data.review;
      // Undo (Ångra) belongs to a decision: only decided rows show it.
      var undo = item.querySelector("[data-undo]");
      if (undo) { undo.hidden = data.review === "unreviewed"; }
    });
  }

  // The rows decided on this page, last on top: `u` undoes the last decision, wherever
  // the focus has moved on to since.
  var decided = [];

  function record(item, decision) {
    decided = decided.filter(function (other) { return other !== item; });
    if (decision !== "reset") { decided.push(item); }
  }

  function undoLast(item) {
    var last = decided.pop();
    var undo = item && item.querySelector("[data-undo]");
    if (!last && undo && !undo.hidden) {
      last = item;  // nothing decided on this page yet: the focused row, if it is decided
    }
    if (!last) { return; }
    decide(last, "reset");
    last.focus();
    last.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList.contains("review-form")) { return; }
    event.preventDefault();
    var item = form.closest(".review-item");
    var decision = event.submitter ? event.submitter.value : "confirm";
    decide(item, decision);
    record(item, decision);
    if (decision !== "reset") { move(item, 1); }
  });

  function move(item, step) {
    var all = items();
    var next = all[all.indexOf(item) + step];
    if (next) { next.focus(); next.scrollIntoView({ block: "nearest" }); }
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    if (target.matches("input, textarea, select")) { return; }
    var item = target.closest ? target.closest(".review-item") : null;
    var all = items();
    if (!item) {
      if ((event.key === "j" || event.key === "ArrowDown") && all.length && target === document.body) {
        all[0].focus();
        event.preventDefault();
      }
      return;
    }
    var actions = { c: "confirm", x: "reject" };
    if (actions[event.key]) {
      decide(item, actions[event.key]);
      record(item, actions[event.key]);
      move(item, 1);
      event.preventDefault();
    } else if (event.key === "u") {
      undoLast(item);
      event.preventDefault();
    } else if (event.key === "j" || event.key === "ArrowDown") {
      move(item, 1);
      event.preventDefault();
    } else if (event.key === "k" || event.key === "ArrowUp") {
      move(item, -1);
      event.preventDefault();
    } else if (event.key === "o" && item.dataset.open) {
      window.location.href = item.dataset.open;
    }
  });

  var first = items()[0];
  if (first && document.querySelector("[data-review-list]") && !document.querySelector("[data-add-tag-form]")) {
    first.focus();
  }

  // Tag by hand: offsets are counted in code points, as Python counts them.
  var addForm = document.querySelector("[data-add-tag-form]");
  if (!addForm) { return; }

  function codePoints(text) { return Array.from(text).length; }

  function offsetIn(container, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(container);
    range.setEnd(node, offset);
    return codePoints(range.toString());
  }

  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    var container = range.commonAncestorContainer;
    var block = (container.nodeType === 1 ? container : container.parentElement).closest(".tag-text");
    if (!block) { return; }
    var start = offsetIn(block, range.startContainer, range.startOffset);
    var end = offsetIn(block, range.endContainer, range.endOffset);
    if (end <= start) { return; }
    addForm.elements.field.value = block.dataset.field;
    addForm.elements.interview.value = block.dataset.interview;
    addForm.elements.quote.value = block.dataset.quote;
    addForm.elements.start.value = start;
    addForm.elements.end.value = end;
    addForm.querySelector("[data-selected-text]").textContent = range.toString();
    addForm.classList.remove("d-none");
  });
})();
