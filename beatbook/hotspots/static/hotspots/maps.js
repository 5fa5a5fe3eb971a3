/* Beatbook hotspot maps: Leaflet without remote tiles unless the server configured a tile URL. */
(function () {
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function colour(t) {
    // yellow -> red ramp for 0..1
    var r = 255, g = Math.round(230 - 200 * t), b = Math.round(120 - 110 * t);
    return "rgb(" + r + "," + g + "," + b + ")";
  }
  window.beatbookMap = function (elementId, opts) {
    var el = document.getElementById(elementId);
    if (!el || !window.L) return null;
    var map = L.map(el, { zoomSnap: 0.25 });
    var tiles = data("tiles-data");
    if (tiles && tiles.url) {
      L.tileLayer(tiles.url, { attribution: tiles.attribution || "", maxZoom: 19 }).addTo(map);
    } else {
      el.style.background = "#f4f6f8";
    }
    var boundary = data("boundary-data");
    var outline = null;
    if (boundary) {
      outline = L.geoJSON(boundary, { style: { color: "#1f4e79", weight: 2, fill: false } }).addTo(map);
      map.fitBounds(outline.getBounds());
    }
    var cells = data(opts.cellsId || "cells-data");
    if (cells && cells.features) {
      var max = 0;
      cells.features.forEach(function (f) { max = Math.max(max, Math.abs(f.properties[opts.value || "value"] || 0)); });
      L.geoJSON(cells, {
        style: function (f) {
          var v = f.properties[opts.value || "value"] || 0;
          if (opts.kind === "gistar") {
            if (f.properties.hot) return { color: "#b71c1c", weight: 0.5, fillColor: "#e53935", fillOpacity: 0.65 };
            return { color: "#999", weight: 0.2, fillOpacity: v > 0 ? 0.15 : 0.03, fillColor: v > 0 ? "#fbc02d" : "#90a4ae" };
          }
          if (opts.ranked) return { color: "#b71c1c", weight: 1, fillColor: colour(1 - (f.properties.rank - 1) / 20), fillOpacity: 0.7 };
          var t = max > 0 ? v / max : 0;
          return { color: "#888", weight: 0.2, fillColor: colour(t), fillOpacity: v > 0 ? 0.2 + 0.6 * t : 0.03 };
        },
        onEachFeature: function (f, layer) {
          var p = f.properties, text = [];
          Object.keys(p).forEach(function (k) { if (k !== "ring") text.push(k + ": " + p[k]); });
          layer.bindTooltip(p.code || text.join("<br>"), { permanent: !!p.code, direction: "center", className: "cell-label" });
        }
      }).addTo(map);
    }
    return map;
  };
})();
