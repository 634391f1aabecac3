// Material 9.8.1's two inline scripts of partials/javascripts/content.html, run where a page has
// content tabs (overrides/partials/javascripts/content.html). A file, not inline: two inline
// scripts would add two hashes to the one site-wide Content-Security-Policy that every page
// carries (87 bytes of the median click), for 9 of 168 pages. Parser-blocking at the same place,
// so it still runs before the tabs are first painted; statements unchanged.
(function (linked) {
  // content.tabs.link: open the tab the reader picked last time (saved by the theme's bundle).
  if (linked) {
    var tabs = __md_get("__tabs");
    if (Array.isArray(tabs)) e: for (var set of document.querySelectorAll(".tabbed-set")) {
      var labels = set.querySelector(".tabbed-labels");
      for (var tab of tabs) for (var label of labels.getElementsByTagName("label")) if (label.innerText.trim() === tab) {
        var input = document.getElementById(label.htmlFor); input.checked = !0; continue e;
      }
    }
  }
  // A link to a tab's anchor opens that tab.
  var target = document.getElementById(location.hash.slice(1));
  target && target.name && (target.checked = target.name.startsWith("__tabbed_"));
})(document.currentScript.hasAttribute("data-linked"));
