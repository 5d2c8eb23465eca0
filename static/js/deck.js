// The workshop deck: one slide at a time, driven by keys, clicks and presentation clickers,
// and refreshed in place when new homework or reviewed tags change what it shows.
// The page carries its settings in data- attributes; no inline script or style.
(function () {
  "use strict";
  var deck = document.querySelector("[data-deck]");
  if (!deck) { return; }
  var stage = deck.querySelector("[data-stage]");
  var container = deck.querySelector("[data-slides]");
  var current = deck.querySelector("[data-current]");
  var total = deck.querySelector("[data-total]");
  var POLL_MS = 4000;
  var index = 0;

  var NEXT = ["ArrowRight", "ArrowDown", " ", "Spacebar", "PageDown", "Enter"];
  var PREVIOUS = ["ArrowLeft", "ArrowUp", "PageUp", "Backspace"];

  function slides() {
    return container.querySelectorAll(".slide");
  }

  // The deck draws its own charts (charts.js draws the pages'): their type follows the
  // screen. A figure is made for 1080p in the px of its layout.font.size; the chart box's
  // font size in deck.css is that size on this screen, and every font, margin, marker and
  // line of the figure is scaled by the ratio.
  var CHART_CONFIG = { responsive: true, displayModeBar: false };
  var SCALED = { margin: ["l", "r", "t", "b", "pad"], marker: ["size"], line: ["width"] };

  function scaleFigure(node, parent, ratio) {
    if (Array.isArray(node)) {
      node.forEach(function (item) { scaleFigure(item, parent, ratio); });
      return;
    }
    if (!node || typeof node !== "object") { return; }
    var keys = /font$/i.test(parent) ? ["size"] : (SCALED[parent] || []);
    Object.keys(node).forEach(function (key) {
      var value = node[key];
      if (typeof value === "number" && (keys.indexOf(key) >= 0 || /^[xy]gap$/.test(key))) {
        node[key] = value * ratio;
      } else if (value && typeof value === "object") {
        scaleFigure(value, key, ratio);
      }
    });
  }

  function drawCharts() {
    if (!window.Plotly) { return; }
    container.querySelectorAll("[data-deck-figure]").forEach(function (element) {
      var source = document.getElementById(element.dataset.deckFigure);
      if (!source) { return; }
      var figure = JSON.parse(source.textContent);
      var layout = figure.layout || {};
      var designed = (layout.font && layout.font.size) || 30;
      var ratio = parseFloat(window.getComputedStyle(element).fontSize) / designed;
      scaleFigure(figure, "", ratio);
      window.Plotly.react(element, figure.data || [], layout, CHART_CONFIG);
    });
  }

  function resizeCharts(slide) {
    if (!window.Plotly) { return; }
    slide.querySelectorAll(".js-plotly-plot").forEach(function (chart) {
      window.Plotly.Plots.resize(chart);
    });
  }

  function show(wanted) {
    var all = slides();
    if (!all.length) { return; }
    index = Math.max(0, Math.min(all.length - 1, wanted));
    all.forEach(function (slide, i) {
      var on = i === index;
      slide.classList.toggle("is-current", on);
      slide.setAttribute("aria-hidden", on ? "false" : "true");
      slide.inert = !on;
    });
    current.textContent = String(index + 1);
    total.textContent = String(all.length);
    stage.classList.toggle("on-dark", all[index].dataset.kind === "title");
    var hash = "#" + (index + 1);
    if (window.location.hash !== hash) { window.history.replaceState(null, "", hash); }
    resizeCharts(all[index]);
  }

  function fromHash() {
    var n = parseInt(window.location.hash.slice(1), 10);
    return isNaN(n) ? 0 : n - 1;
  }

  // Full screen: the Fullscreen API where the browser allows it; the class also marks the
  // deck when it refuses (the deck already fills the window).
  function toggleFullscreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen();
      return;
    }
    if (deck.classList.contains("is-fullscreen")) {
      deck.classList.remove("is-fullscreen");
      return;
    }
    deck.classList.add("is-fullscreen");
    var root = document.documentElement;
    if (root.requestFullscreen) {
      root.requestFullscreen().catch(function () { /* refused: keep the class */ });
    }
  }

  document.addEventListener("fullscreenchange", function () {
    deck.classList.toggle("is-fullscreen", Boolean(document.fullscreenElement));
  });

  // Names on/off reloads with ?names=1 or ?names=0, keeping the slide.
  function toggleNames() {
    var url = new URL(window.location.href);
    url.searchParams.set("names", deck.dataset.names === "1" ? "0" : "1");
    url.searchParams.delete("partial");
    window.location.href = url.toString();
  }

  function languageForm() {
    return container.querySelector("[data-language-form]");
  }

  function keepPlace(form) {
    // The slides are shared cached HTML: this page's own CSRF token goes in now.
    var token = document.querySelector("meta[name=csrf-token]");
    var field = form.querySelector("[data-csrf]");
    if (token && field) { field.value = token.content; }
    var next = form.querySelector("input[name=next]");
    var url = new URL(window.location.href);
    url.searchParams.delete("partial");
    next.value = url.pathname + url.search + url.hash;
  }

  function toggleLanguage() {
    var form = languageForm();
    if (!form) { return; }
    var other = form.querySelector("button[name=language]:not([aria-current])");
    keepPlace(form);
    form.requestSubmit(other);
  }

  document.addEventListener("submit", function (event) {
    if (event.target.matches("[data-language-form]")) { keepPlace(event.target); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey) { return; }
    var target = event.target;
    if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { return; }
    var key = event.key;
    // Space and Enter on a focused button or link press it, as everywhere else.
    if ((key === " " || key === "Enter") && target.closest && target.closest("a, button")) {
      return;
    }
    if (NEXT.indexOf(key) >= 0) {
      show(index + 1);
    } else if (PREVIOUS.indexOf(key) >= 0) {
      show(index - 1);
    } else if (key === "Home") {
      show(0);
    } else if (key === "End") {
      show(slides().length - 1);
    } else if (key === "f" || key === "F") {
      toggleFullscreen();
    } else if (key === "n" || key === "N") {
      toggleNames();
    } else if (key === "l" || key === "L") {
      toggleLanguage();
    } else if (key === "Escape") {
      // Browsers leave full screen on Escape themselves; this covers the class fallback.
      if (document.fullscreenElement) { document.exitFullscreen(); }
      deck.classList.remove("is-fullscreen");
      return;
    } else {
      return;
    }
    event.preventDefault();
  });

  // Click or tap: the right half goes forward, the left half back.
  container.addEventListener("click", function (event) {
    if (event.target.closest("a, button, input, label, form, .modebar")) { return; }
    var box = stage.getBoundingClientRect();
    show(event.clientX > box.left + box.width / 2 ? index + 1 : index - 1);
  });

  deck.querySelectorAll("[data-fullscreen-toggle]").forEach(function (button) {
    button.addEventListener("click", function () {
      button.blur();
      toggleFullscreen();
    });
  });
  deck.querySelectorAll("[data-names-toggle]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      toggleNames();
    });
  });

  window.addEventListener("hashchange", function () { show(fromHash()); });

  // Live: ask for the deck's version every few seconds (a few bytes, read from the data's
  // generation, never by building slides); when it is not the one shown, fetch the slides,
  // saying which we have: while the new ones are being built the server answers 204 (nothing
  // new yet) rather than the same slides again, and the next tick asks again.
  var busy = false;

  function refresh() {
    var url = new URL(deck.dataset.partialUrl, window.location.href);
    url.searchParams.set("have", container.dataset.version || "");
    return fetch(url.toString(), { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.status === 200 ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-slides]");
        if (!fresh || fresh.dataset.version === container.dataset.version) { return; }
        if (window.Plotly) {
          container.querySelectorAll(".js-plotly-plot").forEach(function (chart) {
            window.Plotly.purge(chart);
          });
        }
        container.innerHTML = fresh.innerHTML;
        container.dataset.version = fresh.dataset.version;
        drawCharts();
        show(index);
        deck.dispatchEvent(new CustomEvent("deck:refreshed"));
        // The charts' text alternative (charts.js): the new slides' numbers.
        if (window.reglabCharts && window.reglabCharts.describeAll) {
          window.reglabCharts.describeAll(container);
        }
      });
  }

  function poll() {
    if (busy) { return; }
    busy = true;
    fetch(deck.dataset.versionUrl, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" },
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.version && data.version !== container.dataset.version) {
          return refresh();
        }
      })
      .catch(function () { /* offline or logged out: try again at the next tick */ })
      .then(function () { busy = false; });
  }

  // Another screen or window size: the charts' type and margins follow.
  var resizing = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(drawCharts, 150);
  });

  window.setInterval(poll, POLL_MS);
  drawCharts();
  show(fromHash());
})();
