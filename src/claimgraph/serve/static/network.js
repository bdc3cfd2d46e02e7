// claimgraph's network page: speakers and claims drawn with Cytoscape.js (vendored, MIT,
// see cytoscape.LICENSE.txt); each edge is coloured by stance, clicking a node opens it.
(function () {
  "use strict";
  var STANCE = {
    asserts: "#1565c0", supports: "#2e7d32", denies: "#c62828", questions: "#e65100",
    calls_for_investigation: "#6a1b9a", calls_for_action: "#00838f", neutral: "#757575"
  };
  function short(text, n) { return text.length > n ? text.slice(0, n - 1) + "\u2026" : text; }
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("network");
    var data = document.getElementById("graph-data");
    if (!box || !data || typeof window.cytoscape !== "function") { return; }
    var graph = JSON.parse(data.textContent);
    var elements = [];
    graph.nodes.forEach(function (n) {
      var d = Object.assign({}, n, { short: short(n.label, n.kind === "claim" ? 48 : 30) });
      elements.push({ group: "nodes", data: d, classes: n.kind });
    });
    graph.edges.forEach(function (e) {
      var d = Object.assign({}, e, { color: STANCE[e.stance] || STANCE.neutral });
      elements.push({ group: "edges", data: d, classes: "stance-" + e.stance });
    });
    var cy = window.cytoscape({
      container: box,
      elements: elements,
      wheelSensitivity: 0.3,
      layout: { name: "cose", animate: false, nodeRepulsion: function () { return 60000; },
                idealEdgeLength: function () { return 110; }, nodeOverlap: 40,
                edgeElasticity: function () { return 60; }, padding: 24, numIter: 2500 },
      style: [
        { selector: "node", style: {
          "label": "data(short)", "font-size": 10, "color": "#1d232b",
          "text-wrap": "wrap", "text-max-width": 140, "text-valign": "bottom",
          "text-margin-y": 3, "text-background-color": "#ffffff",
          "text-background-opacity": 0.75, "text-background-padding": 1 } },
        { selector: "node.speaker", style: {
          "shape": "ellipse", "background-color": "#1b5e20", "width": 18, "height": 18 } },
        { selector: "node.claim", style: {
          "shape": "round-rectangle", "background-color": "#f7c034", "border-width": 1,
          "border-color": "#8a6d00", "width": 26, "height": 16 } },
        { selector: "edge", style: {
          "line-color": "data(color)", "target-arrow-color": "data(color)",
          "target-arrow-shape": "triangle", "curve-style": "bezier", "opacity": 0.85,
          "width": "mapData(weight, 1, 6, 1.5, 6)" } },
        { selector: "node:selected, node.hover", style: { "border-width": 3, "border-color": "#1f4e8c" } }
      ]
    });
    cy.on("tap", "node", function (evt) {
      var href = evt.target.data("href");
      if (href) { window.location.assign(href); }
    });
    cy.on("mouseover", "node", function (evt) {
      evt.target.addClass("hover");
      box.title = evt.target.data("label");
    });
    cy.on("mouseout", "node", function (evt) { evt.target.removeClass("hover"); box.title = ""; });
    box.setAttribute("data-ready", "1");
    window.claimgraphNetwork = cy;  // for the browser tests
  });
})();
