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
      element.on("plotly_click", function (event) {
        var url = event.points && event.points[0] && event.points[0].customdata;
        if (typeof url === "string" && url.charAt(0) === "/") { window.location.href = url; }
      });
    }
  }

  window.reglabCharts = { draw: draw, drawAll: function (root) {
    (root || document).querySelectorAll("[data-figure]").forEach(draw);
  } };
  window.reglabCharts.drawAll();
})();
