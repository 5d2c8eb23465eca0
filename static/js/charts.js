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
        var region = meta.regions[cell[0]], role = meta.roles[cell[1]];
        if (typeof region !== "string" || typeof role !== "string") { return; }
        var head = meta.cell_url.split("REGION"), tail = head[1].split("ROLE");
        window.location.href = head[0] + encodeURIComponent(region) + tail[0] +
          encodeURIComponent(role) + tail[1];
      });
    }
  }

  window.reglabCharts = { draw: draw, drawAll: function (root) {
    (root || document).querySelectorAll("[data-figure]").forEach(draw);
  } };
  window.reglabCharts.drawAll();
})();
