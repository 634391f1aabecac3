/* Small page behaviours. Material's document$ emits after every page load, including
 * instant navigation, so each behaviour re-binds to the new page's elements. */
(function () {
  "use strict";

  /* Progress ticks: every checklist's boxes become clickable, with an accessible name, and are
   * saved in this browser's localStorage (no account, nothing sent anywhere). Key: page + item. */
  var STORE = "nexus-progress";

  function load() {
    try { return JSON.parse(localStorage.getItem(STORE)) || {}; } catch (e) { return {}; }
  }

  function bindProgress() {
    var article = document.querySelector("article.md-content__inner");
    if (!article) return;
    var saved = load();
    article.querySelectorAll(".task-list-item").forEach(function (item, index) {
      var box = item.querySelector("input[type=checkbox]");
      if (!box) return;
      var key = location.pathname.replace(/index\.html$/, "") + "#" + index;
      var text = item.textContent.replace(/\s+/g, " ").trim().slice(0, 80);
      box.disabled = false;
      box.setAttribute("aria-label", "Done: " + text);
      box.checked = Boolean(saved[key]);
      box.addEventListener("change", function () {
        var state = load();
        if (box.checked) state[key] = true; else delete state[key];
        localStorage.setItem(STORE, JSON.stringify(state));
      });
    });
  }

  /* Filterable tables: a <select data-filter-table="ID"> hides rows of the table inside #ID
   * whose last cell does not list the chosen value. Without JavaScript every row shows. */
  function bindFilters() {
    document.querySelectorAll("select[data-filter-table]").forEach(function (select) {
      var box = document.getElementById(select.dataset.filterTable);
      var count = select.parentNode.querySelector(".nexus-filter__count");
      if (!box) return;
      select.addEventListener("change", function () {
        var shown = 0;
        box.querySelectorAll("tbody tr").forEach(function (row) {
          var values = Array.prototype.map.call(row.querySelectorAll("td:last-child code"),
            function (code) { return code.textContent; });
          var visible = !select.value || values.indexOf(select.value) !== -1;
          row.hidden = !visible;
          if (visible) shown += 1;
        });
        if (count) count.textContent = shown + (shown === 1 ? " challenge" : " challenges");
      });
    });
  }

  /* Names for landmarks Material leaves unnamed (axe landmark-unique): the copy-button bar the
   * bundle adds to each code block, the tag list, and sidebar sections whose label is a link. */
  function nameLandmarks() {
    document.querySelectorAll("nav.md-code__nav:not([aria-label])").forEach(function (nav, i) {
      nav.setAttribute("aria-label", "Code block " + (i + 1) + " actions");
    });
    document.querySelectorAll("nav.md-tags:not([aria-label])").forEach(function (nav) {
      nav.setAttribute("aria-label", "Tags");
    });
    document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      var text = label && label.textContent.trim();
      if (!text && label) {
        var link = label.parentNode.querySelector("a");
        nav.removeAttribute("aria-labelledby");
        nav.setAttribute("aria-label", link ? link.textContent.trim() : "Section");
      }
    });
  }

  function init() { bindProgress(); bindFilters(); nameLandmarks(); }
  if (typeof document$ !== "undefined") document$.subscribe(init); else init();
})();
