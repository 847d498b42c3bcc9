/* Draws the charts whose data sit in <script type="application/json"> next to them.
   The tables beside each chart hold the same numbers for readers without JavaScript. */
(function () {
  "use strict";
  /* A world map coloured by value; the outlines come from this server (data-topojson-url),
     never from Plotly's CDN. */
  function drawMap(el, data) {
    var trace = {
      type: "choropleth", locationmode: "ISO-3", locations: data.locations, z: data.z,
      text: data.text, hovertemplate: "%{text}: %{z:,}<extra></extra>",
      colorscale: [[0, "#deebf7"], [0.5, "#4292c6"], [1, "#08306b"]],
      marker: { line: { color: "#fff", width: 0.5 } },
      colorbar: { title: { text: data.unit || "", side: "top" }, thickness: 12,
                  orientation: "h", len: 0.6, x: 0.5, xanchor: "center", y: 0, yanchor: "top" }
    };
    var layout = {
      margin: { t: 8, r: 8, b: 72, l: 8 }, height: 460,
      geo: { showframe: false, showcoastlines: false, showcountries: true,
             countrycolor: "#fff", showland: true, landcolor: "#e5e5e5",
             center: { lon: 0, lat: 0 }, lataxis: { range: [-58, 85] },
             projection: { type: "natural earth", rotation: { lon: 0, lat: 0 } } },
      font: { family: "system-ui, sans-serif" }
    };
    var config = { displaylogo: false, responsive: true, topojsonURL: el.dataset.topojsonUrl };
    window.Plotly.newPlot(el, [trace], layout, config).then(function () {
      el.setAttribute("data-rendered", "true");
    });
  }
  function draw(el) {
    if (!window.Plotly) { return; }
    var data = JSON.parse(document.getElementById(el.dataset.source).textContent);
    if (el.dataset.kind === "choropleth") { drawMap(el, data); return; }
    var rtl = document.documentElement.dir === "rtl";
    var traces = (data.traces || [data]).map(function (t) {
      return { x: t.x, y: t.y, name: t.name, type: el.dataset.kind || "scatter",
               mode: "lines+markers", orientation: t.orientation };
    });
    var layout = {
      margin: { t: 24, r: 24, b: 48, l: 64 }, height: 340, showlegend: traces.length > 1,
      xaxis: { autorange: rtl ? "reversed" : true, type: el.dataset.kind === "bar" ? "category" : "linear" },
      yaxis: { title: { text: data.unit || "", standoff: 12 }, side: rtl ? "right" : "left",
               automargin: true },
      font: { family: "system-ui, sans-serif" }
    };
    window.Plotly.newPlot(el, traces, layout, { displaylogo: false, responsive: true });
    el.setAttribute("data-rendered", "true");
  }
  function init() {
    document.querySelectorAll("[data-chart]").forEach(draw);
    document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
      select.addEventListener("change", function () { select.form.requestSubmit(); });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
