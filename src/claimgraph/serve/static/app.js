// claimgraph pages: the only script. Links highlights in the text with their statements.
(function () {
  "use strict";
  function byStatement(sid) {
    return document.querySelectorAll('[data-s~="' + CSS.escape(sid) + '"]');
  }
  function mark(el, on) {
    var ids = (el.getAttribute("data-s") || "").split(" ").filter(Boolean);
    ids.forEach(function (sid) {
      byStatement(sid).forEach(function (x) { x.classList.toggle("active", on); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".hl[data-s], .stmt[data-s]").forEach(function (el) {
      el.addEventListener("mouseenter", function () { mark(el, true); });
      el.addEventListener("mouseleave", function () { mark(el, false); });
    });
    // clicking a highlight scrolls its statement card into view
    document.querySelectorAll(".article-text .hl[data-s]").forEach(function (el) {
      el.addEventListener("click", function () {
        var sid = (el.getAttribute("data-s") || "").split(" ").pop();
        var card = sid && document.getElementById(sid);
        if (card) { card.scrollIntoView({ block: "nearest", behavior: "smooth" }); }
      });
    });
  });
})();
