// Merging a kept copy on the statement page (templates/submissions/statement_form.html):
// its text or its role picks go into the form, which autosave.js then saves like typing.
(function () {
  "use strict";

  var form = document.getElementById("statement-form");
  if (!form) { return; }

  function useText(button) {
    var kept = document.getElementById(button.getAttribute("data-use-text"));
    var field = form.elements.statement;
    if (!kept || !field) { return; }
    field.value = kept.value;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.focus();
  }

  function useRoles(button) {
    var picks = button.getAttribute("data-use-roles").split(" ").filter(Boolean);
    var boxes = form.querySelectorAll("input[name=self_roles]");
    Array.prototype.forEach.call(boxes, function (box) {
      box.checked = picks.indexOf(box.value) !== -1;
    });
    if (boxes.length) {
      boxes[0].dispatchEvent(new Event("change", { bubbles: true }));
      boxes[0].focus();
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-use-text], [data-use-roles]");
    if (!button) { return; }
    if (button.hasAttribute("data-use-text")) {
      useText(button);
    } else {
      useRoles(button);
    }
  });
})();
