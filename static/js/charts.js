// Draws every [data-figure] element from the figure JSON the page carries in a
// <script type="application/json" id="..."> block (Django's json_script).
(function () {
  "use strict";
  if (!window.Plotly) { return; }
  var config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["select2d", "lasso2d"] };

  function draw(element) {
    var source = document.getElementById(element.dataset.figure);
    if (!source) { return; }
    var figure = JSON.parse(source.textContent);
    window.Plotly.react(element, figure.data || [], figure.layout || {}, config);
    if (element.hasAttribute("data-click-url") && !element.dataset.clickBound) {
      element.dataset.clickBound = "1";
      // The heat map's layout.meta: {cell_url: "/…/REGION/ROLE/", regions: [...], roles: [...]};
      // a clicked cell [row, column] opens the evidence of that region and role.
      element.on("plotly_click", function (event) {
        var meta = (figure.layout || {}).meta || {};
        var point = event.points && event.points[0];
        var cell = point && point.pointNumber;
        if (!meta.cell_url || !Array.isArray(cell)) { return; }
        var href = cellUrl(meta, cell[0], cell[1]);
        if (href) { window.location.href = href; }
      });
    }
  }

  // The text alternative of a chart: its numbers as a table, built from the same figure
  // JSON, right after the chart. On pages a <details> a reader can open; in the deck a
  // table only screen readers get (the slide shows the chart). _plotly.html gives the words.
  var words = document.querySelector("[data-chart-words]");
  var language = document.documentElement.lang || "sv";
  var percent = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 0 });
  var number = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });

  function plain(label) {
    // Plotly labels are HTML-escaped (synthesis/charts.py) and may carry <br> breaks.
    var html = String(label === null || label === undefined ? "" : label).replace(/<br\s*\/?>/gi, " ");
    return new DOMParser().parseFromString(html, "text/html").documentElement.textContent.trim();
  }

  function formatter(format) {
    return function (value) {
      if (typeof value !== "number" || isNaN(value)) { return value === null || value === undefined ? "" : plain(value); }
      return String(format || "").indexOf("%") >= 0 ? percent.format(value) : number.format(value);
    };
  }

  function cellUrl(meta, row, column) {
    if (!meta || !meta.cell_url) { return ""; }
    var region = (meta.regions || [])[row], role = (meta.roles || [])[column];
    if (typeof region !== "string" || typeof role !== "string") { return ""; }
    var head = meta.cell_url.split("REGION"), tail = head[1].split("ROLE");
    return head[0] + encodeURIComponent(region) + tail[0] + encodeURIComponent(role) + tail[1];
  }

  function heatmapRows(trace, layout) {
    var format = formatter((trace.colorbar || {}).tickformat);
    var columns = (trace.x || []).map(plain);
    var rows = (trace.y || []).map(function (name, i) {
      var cells = (trace.z[i] || []).map(function (value, j) {
        var text = Array.isArray(trace.text) && trace.text[i] ? trace.text[i][j] : "";
        text = text ? plain(text) : format(value);
        // With cell_url (the regions × roles chart) a cell links to its evidence, as a click
        // on the chart does: the keyboard's way there.
        var href = cellUrl(layout.meta, i, j);
        return href ? { text: text, href: href } : text;
      });
      return [plain(name)].concat(cells);
    });
    return { columns: columns, rows: rows };
  }

  function seriesRows(traces, layout) {
    // Bars, dots and radar lines: one row per category, one column per named trace.
    var order = [], values = {}, columns = [];
    traces.forEach(function (trace, t) {
      var polar = trace.type === "scatterpolar";
      var horizontal = trace.orientation === "h" || (trace.type === "scatter" && typeof (trace.x || [])[0] === "number");
      var names = polar ? trace.theta : (horizontal ? trace.y : trace.x);
      var numbers = polar ? trace.r : (horizontal ? trace.x : trace.y);
      var axis = polar ? (layout.polar || {}).radialaxis : layout[horizontal ? "xaxis" : "yaxis"];
      var format = formatter((axis || {}).tickformat);
      columns.push(plain(trace.name || ""));
      (names || []).forEach(function (name, i) {
        if (name === null || name === undefined) { return; }
        var key = plain(name);
        if (!(key in values)) { values[key] = []; order.push(key); }
        values[key][t] = format(numbers[i]);
      });
    });
    // A horizontal chart draws its first category at the bottom: read it top down.
    var first = traces[0];
    var sideways = first.orientation === "h" || (first.type === "scatter" && typeof (first.x || [])[0] === "number");
    if (sideways && !(layout.yaxis && layout.yaxis.autorange === "reversed")) { order.reverse(); }
    return { columns: columns, rows: order.map(function (key) {
      return [key].concat(columns.map(function (unused, t) { return values[key][t] || ""; }));
    }) };
  }

  // plotly.py sends numeric arrays base64-encoded ({dtype, bdata, shape}); Plotly.js reads
  // them as they are, the tables need plain arrays.
  var TYPED = {
    f8: Float64Array, f4: Float32Array, i4: Int32Array, i2: Int16Array, i1: Int8Array,
    u4: Uint32Array, u2: Uint16Array, u1: Uint8Array
  };

  function plainArray(value) {
    if (!value || Array.isArray(value) || typeof value !== "object") { return value; }
    if (ArrayBuffer.isView(value)) { return Array.from(value); }
    if (typeof value.bdata !== "string" || !TYPED[value.dtype]) { return value; }
    var bytes = Uint8Array.from(window.atob(value.bdata), function (c) { return c.charCodeAt(0); });
    var flat = Array.from(new TYPED[value.dtype](bytes.buffer));
    var shape = String(value.shape || "").split(",").map(Number);
    if (shape.length !== 2 || !shape[1]) { return flat; }
    var rows = [];
    for (var i = 0; i < shape[0]; i++) { rows.push(flat.slice(i * shape[1], (i + 1) * shape[1])); }
    return rows;
  }

  function plainTrace(trace) {
    var copy = Object.assign({}, trace);
    ["x", "y", "z", "r", "theta", "text"].forEach(function (key) { copy[key] = plainArray(trace[key]); });
    return copy;
  }

  function numbers(figure) {
    var layout = figure.layout || {};
    var traces = (figure.data || []).filter(function (trace) { return trace.hoverinfo !== "skip"; }).map(plainTrace);
    if (!traces.length) { return null; }
    return traces[0].type === "heatmap" ? heatmapRows(traces[0], layout) : seriesRows(traces, layout);
  }

  function describe(element, figure) {
    var data = numbers(figure);
    var next = element.nextElementSibling;
    if (next && next.classList.contains("chart-data")) { next.remove(); }
    if (!data || !words) { return; }
    var table = document.createElement("table");
    table.className = "table table-sm chart-data-table";
    var caption = table.createCaption();
    var place = element.closest("section, .slide");
    var heading = place && place.querySelector("h1, h2, h3");
    caption.textContent = element.getAttribute("aria-label") ||
      (heading ? words.dataset.caption + ": " + heading.textContent.trim() : words.dataset.caption);
    var head = table.createTHead().insertRow();
    [""].concat(data.columns).forEach(function (label) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = label;
      head.appendChild(th);
    });
    var body = table.createTBody();
    data.rows.forEach(function (cells) {
      var row = body.insertRow();
      cells.forEach(function (cell, i) {
        var td = document.createElement(i === 0 ? "th" : "td");
        if (i === 0) { td.scope = "row"; }
        if (cell && cell.href) {
          var link = document.createElement("a");
          link.href = cell.href;
          link.textContent = cell.text;
          td.appendChild(link);
        } else {
          td.textContent = cell;
        }
        row.appendChild(td);
      });
    });
    var box;
    if (element.closest("[data-deck]")) {
      box = document.createElement("div");
      box.className = "visually-hidden";
    } else {
      box = document.createElement("details");
      var summary = document.createElement("summary");
      summary.textContent = words.dataset.summary;
      box.appendChild(summary);
    }
    box.classList.add("chart-data");
    box.appendChild(table);
    element.insertAdjacentElement("afterend", box);
  }

  function describeAll(root) {
    (root || document).querySelectorAll("[data-figure], [data-deck-figure]").forEach(function (element) {
      var source = document.getElementById(element.dataset.figure || element.dataset.deckFigure);
      if (source) { describe(element, JSON.parse(source.textContent)); }
    });
  }

  window.reglabCharts = {
    draw: draw,
    describeAll: describeAll,
    drawAll: function (root) {
      (root || document).querySelectorAll("[data-figure]").forEach(draw);
      describeAll(root);
    }
  };
  window.reglabCharts.drawAll();
})();
