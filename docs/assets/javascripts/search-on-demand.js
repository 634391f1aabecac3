/* Load the search index only when a reader starts to search.
 *
 * Material's bundle requests search/search_index.json on every page view. Most readers never
 * search, and on a phone that index is the largest download. This script runs before the bundle
 * and holds back that one request (the bundle uses XMLHttpRequest) until the reader shows intent:
 * focus or a tap on the search box, the search keyboard shortcuts (/, s, f), or a URL that
 * already carries a query (?q=, shared searches) or a highlight (?h=). It is safe because the
 * index is only read by search and search highlighting, and both wait for it: the bundle's
 * observable simply completes later. Every other request is untouched. */
(function () {
  "use strict";
  var INDEX = /search\/search_index\.json$/;
  var waiting = [];
  var released = /[?&](q|h)=/.test(location.search);
  // The worker asks for its engine only once the index has arrived (search-worker.js): fetched
  // here at the same time, it is in the HTTP cache by then, one round trip sooner on a phone.
  var engine = document.currentScript && new URL("search-engine.min.js", document.currentScript.src);

  function release() {
    if (released) return;
    released = true;
    waiting.splice(0).forEach(function (send) { send(); });
    if (engine && /^https?:$/.test(engine.protocol)) fetch(engine.href).catch(function () {});
    ["focusin", "pointerdown", "keydown"].forEach(function (type) {
      document.removeEventListener(type, onIntent, true);
    });
  }

  function onIntent(event) {
    var target = event.target;
    if (event.type === "keydown") {
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (!typing && ["/", "s", "f", "S", "F"].indexOf(event.key) !== -1) release();
      return;
    }
    if (target && target.closest && target.closest(".md-search, label[for='__search']")) release();
  }

  ["focusin", "pointerdown", "keydown"].forEach(function (type) {
    document.addEventListener(type, onIntent, true);
  });

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__nexusDefer = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (!xhr.__nexusDefer || released) return send.apply(xhr, args);
    waiting.push(function () { send.apply(xhr, args); });
  };
})();
