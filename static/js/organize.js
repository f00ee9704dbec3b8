// The organizer finder's map: the listed bodies around the searched place. An enhancement only:
// the table on the page holds every fact the map shows. Every text on the map (a body's name, the
// place searched) is given to Leaflet as a text node, never as HTML. Words come from the page
// (data-miles-unit), which is written in the reader's language.
(function () {
  "use strict";

  function textLabel(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  var container = document.getElementById("organize-map");
  if (!container || typeof L === "undefined") { return; }

  var TIER_COLOURS = ["#6b7280", "#5b8fc7", "#1f5fa6", "#d9822b", "#8c1c13"];
  var MILES_TO_METRES = 1609.344;
  var centre = [parseFloat(container.dataset.lat), parseFloat(container.dataset.lon)];
  var radius = parseFloat(container.dataset.radiusMi) * MILES_TO_METRES;

  container.textContent = "";
  container.classList.add("is-live");
  var map = L.map(container, { maxZoom: 16, minZoom: 3, scrollWheelZoom: false });
  // The view must exist before any layer is added: frame the search circle first.
  map.fitBounds(L.latLng(centre).toBounds(2 * radius), { padding: [8, 8] });
  if (container.dataset.tileUrl) {
    L.tileLayer(container.dataset.tileUrl, {
      maxZoom: 16, attribution: container.dataset.tileAttribution || ""
    }).addTo(map);
  }
  // State outlines, as on the main map, so that a place can be read without tiles.
  if (container.dataset.statesUrl && window.fetch) {
    fetch(container.dataset.statesUrl, { headers: { Accept: "application/geo+json, application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        L.geoJSON(data, {
          interactive: false,
          style: { color: "#8a94a3", weight: 1, fill: true, fillColor: "#eef1f5", fillOpacity: 0.6 }
        }).addTo(map).bringToBack();
        container.dataset.outlines = "ready";
      })
      .catch(function () { /* the list and circle stand without outlines */ });
  }
  L.circle(centre, {
    radius: radius, color: "#0b5cad", weight: 2, fillOpacity: 0.04, interactive: false
  }).addTo(map);
  L.circleMarker(centre, { radius: 5, color: "#1d232b", fillColor: "#ffffff", fillOpacity: 1, weight: 2 })
    .bindTooltip(textLabel(container.dataset.place)).addTo(map);

  document.querySelectorAll("tr.result[data-lat]").forEach(function (row) {
    var lat = parseFloat(row.dataset.lat), lon = parseFloat(row.dataset.lon);
    if (isNaN(lat) || isNaN(lon)) { return; }
    var tier = parseInt(row.dataset.tier, 10) || 0;
    var name = row.querySelector(".body-cell a");
    var distance = row.querySelector(".distance");
    var label = (name ? name.textContent : "") + " — " + (row.dataset.standing || "").toLowerCase() +
      (distance ? ", " + distance.textContent.trim() + " " + (container.dataset.milesUnit || "mi") : "");
    L.circleMarker([lat, lon], {
      radius: 6, weight: 1, color: "#1d232b", fillColor: TIER_COLOURS[tier] || TIER_COLOURS[0],
      fillOpacity: row.dataset.endorsing === "no" ? 0.35 : 0.9
    }).bindTooltip(textLabel(label)).on("click", function () {
      row.classList.add("is-highlighted");
      row.scrollIntoView({ block: "center" });
      if (name) { name.focus(); }
      window.setTimeout(function () { row.classList.remove("is-highlighted"); }, 2000);
    }).addTo(map);
  });
})();
