/* The worker Material's bundle starts on every page (nexus/site/search.py names it), kept to a
 * few hundred bytes: the engine, search-engine.js, is loaded with the first message, and that
 * message (the index) is held back by search-on-demand.js until a reader starts to search.
 * Messages that arrive while the engine loads wait, in order. importScripts() is synchronous in
 * a worker and returns a promise in the offline copy's iframe worker (iframe-worker.js). */
"use strict";
(function () {
  var engine = null, queued = [];
  var here = self.document && document.currentScript ? document.currentScript.src : self.location.href;
  addEventListener("message", function (event) {
    if (engine) return engine(event);
    queued.push(event);
    if (queued.length > 1) return;
    Promise.resolve(new URL("search-engine.min.js", here).href).then(importScripts).then(function () {
      engine = self.__nexusReceive;
      queued.splice(0).forEach(engine);
    }, function (err) {
      postMessage({ type: "error", data: "search engine not loaded: " + err });
    });
  });
})();
