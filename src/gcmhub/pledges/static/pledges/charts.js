// Draws the dashboard's bar charts from the figures the page already shows as tables.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("pledge-charts");
    if (!source || !window.Plotly) { return; }
    var rtl = document.documentElement.dir === "rtl";
    JSON.parse(source.textContent).forEach(function (chart) {
      var node = document.getElementById(chart.id);
      if (!node) { return; }
      var height = Math.max(260, chart.labels.length * 22 + 60);
      window.Plotly.newPlot(node, [{
        type: "bar", orientation: "h", x: chart.values, y: chart.labels,
        marker: { color: "#1f5fa8" }, hovertemplate: "%{y}: %{x}<extra></extra>"
      }], {
        height: height, margin: { l: 260, r: 20, t: 10, b: 30 },
        yaxis: { autorange: "reversed", automargin: true, side: rtl ? "right" : "left" },
        xaxis: { autorange: rtl ? "reversed" : true }
      }, { displayModeBar: false, responsive: true });
    });
  }
  if (document.readyState === "complete") { draw(); } else { window.addEventListener("load", draw); }
})();
