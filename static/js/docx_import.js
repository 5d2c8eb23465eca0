// The Word import's preview (templates/interviews/import_preview.html). Without this
// file every move is made by the form's "Update the preview" button; with it, choosing a
// paragraph's part moves the paragraph on the right at once, and says so to a screen
// reader. Nothing is saved until the form is sent.
(function () {
  "use strict";

  var form = document.querySelector("form[data-import-preview]");
  if (!form) { return; }
  var strings = JSON.parse(document.getElementById("import-strings").textContent);
  var status = form.querySelector("[data-move-status]");

  // Where each paragraph was when the page was drawn (an interview's detail lines go
  // back there when moved back to their interview).
  var home = {};
  form.querySelectorAll(".import-preview-block").forEach(function (block) {
    home[block.dataset.index] = block.parentElement;
  });

  function container(part, select) {
    if (part === select.dataset.original) {
      return home[select.dataset.blockSelect];
    }
    return form.querySelector('[data-part="' + part + '"]');
  }

  // Keep the paragraphs of a part in the file's order.
  function insertInOrder(target, block) {
    var index = Number(block.dataset.index);
    var next = Array.prototype.find.call(target.children, function (other) {
      return Number(other.dataset.index) > index;
    });
    target.insertBefore(block, next || null);
  }

  function showEmpty() {
    form.querySelectorAll("[data-empty-for]").forEach(function (note) {
      var part = form.querySelector('[data-part="' + note.dataset.emptyFor + '"]');
      note.hidden = Boolean(part && part.children.length);
    });
  }

  form.querySelectorAll("select[data-block-select]").forEach(function (select) {
    select.addEventListener("change", function () {
      var index = select.dataset.blockSelect;
      var block = document.getElementById("preview-block-" + index);
      var target = container(select.value, select);
      if (!block || !target) { return; }
      insertInOrder(target, block);
      showEmpty();
      select.closest("[data-block]").classList.toggle("import-left-out", select.value === "unplaced");
      var label = select.options[select.selectedIndex].text;
      var number = select.labels.length ? select.labels[0].textContent.match(/\d+/) : null;
      status.textContent = strings.moved
        .replace("%(number)s", number ? number[0] : index)
        .replace("%(part)s", label);
    });
  });

  // After a save that could not be made, the list of what is missing is read first.
  var errors = document.querySelector("[data-focus-on-load]");
  if (errors) { errors.focus(); }
})();
