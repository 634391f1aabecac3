/* Stand-in for mermaid.min.js, which Material loads as one classic script (about 950 KB gzipped)
   before it calls the global `mermaid`. This keeps that contract but imports Mermaid's ES module
   build, which fetches only the chunks a page's diagrams need (about 230 KB gzipped for a
   flowchart). Browsers refuse module imports from file://, so the offline copy gets the classic
   script. nexus/site/vendored.py points the theme here; nexus/site/diagrams.py ships this file, and Mermaid
   from node_modules, only when a build leaves a diagram to the browser (no Chromium at hand). */
(function () {
  var here = document.currentScript.src;
  var settings = {};
  var ready;

  function classic() {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = new URL("vendor/mermaid.min.js", here).href;
      script.onload = function () { resolve(window.mermaid); };   // replaces this stand-in
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function modular() {
    return import(new URL("vendor/mermaid/mermaid.esm.min.mjs", here).href)
      .then(function (module) { return module.default; });
  }

  function load() {
    ready = ready || (location.protocol === "file:" ? classic() : modular())
      .then(function (mermaid) { mermaid.initialize(settings); return mermaid; });
    return ready;
  }

  window.mermaid = {
    initialize: function (options) { settings = options; },
    render: function (id, text) {
      return load().then(function (mermaid) { return mermaid.render(id, text); });
    }
  };
})();
