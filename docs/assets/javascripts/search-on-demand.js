/* Load the search index only when a reader starts to search.
 *
 * Material's bundle requests search/search_index.json on every page view. Most readers never
 * search, and on a phone that index is the largest download. This script runs before the bundle
 * and holds back that one request (the bundle uses XMLHttpRequest) until the reader shows intent:
 * focus or a tap on the search box, the search keyboard shortcuts (/, s, f), or a URL that
 * already carries a query (?q=, shared searches) or a highlight (?h=). It is safe because the
 * index is only read by search and search highlighting, and both wait for it: the bundle's
 * observable simply completes later. Every other request is untouched. While the reader types,
 * it also fetches the pieces of the index the typed words need (below). */
(function () {
  "use strict";
  var INDEX = /search\/search_index\.json$/;
  var waiting = [];
  var released = /[?&](q|h)=/.test(location.search);
  // The worker asks for its engine only once the index has arrived (search-worker.js): fetched
  // here at the same time, it is in the HTTP cache by then, one round trip sooner on a phone.
  var engine = document.currentScript && new URL("search-engine.min.js", document.currentScript.src);

  // The pieces of the index a typed word needs, fetched while the manifest is still on its way:
  // the lexicon of the word's first two letters and the postings file of the longest key that
  // starts it, once more letters could not change which file that is. The worker's own fetch of
  // the same file is then answered by the HTTP cache (or joins this one): on a phone, the first
  // results come one round trip sooner. A wrong guess costs bytes, never a result. The build
  // writes the table over the placeholder (nexus/search.py, prefetch_table()); without it (another
  // engine, or the offline copy on file://), nothing is prefetched.
  var TABLE = "@@nexus-index-keys@@";
  var ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz";
  var split = {}, present = "", stop = {}, separator = null, asked = {};
  if (typeof TABLE === "object") {
    TABLE.split.split(" ").forEach(function (entry) {
      var prefix = entry.split(":")[0], rests = entry.split(":")[1];
      split[prefix] = rests.split(",").map(function (rest) { return prefix + rest; });
    });
    // A stop word, or the start of one ("th", "wa"): a pasted line never looks it up, so wait for
    // the next letter.
    TABLE.stop.split(" ").forEach(function (word) {
      for (var end = 2; end <= word.length; end++) stop[word.slice(0, end)] = true;
    });
    separator = new RegExp(TABLE.separator);
    present = atob(TABLE.present);
  }

  function keysOf(prefix) {
    if (split[prefix]) return split[prefix];
    var bit = ALNUM.indexOf(prefix.charAt(0)) * 36 + ALNUM.indexOf(prefix.charAt(1));
    return (present.charCodeAt(bit >> 3) >> (bit & 7)) & 1 ? [prefix] : [];
  }

  // The files a search box value names, for the words the engine will look up (split as it splits
  // them; only plain ASCII words), leaving out a word whose postings file is not settled yet.
  function piecesOf(value) {
    var out = [];
    if (!separator) return out;
    String(value).split(separator).forEach(function (word) {
      word = word.toLowerCase();
      if (!/^[a-z0-9]{2,}$/.test(word) || stop[word]) return;
      var keys = keysOf(word.slice(0, 2)), best = null;
      if (!keys.length) return;
      out.push("l/" + word.slice(0, 2));
      keys.forEach(function (key) {
        if (word.indexOf(key) === 0 && (!best || key.length > best.length)) best = key;
      });
      var settled = keys.every(function (key) { return key === best || key.indexOf(word) !== 0; });
      if (best && settled) out.push("p/" + best);
    });
    return out;
  }
  window.__nexusPiecesOf = piecesOf;   // for tests (tests/test_search_index.py)

  function onInput(event) {
    var target = event.target;
    if (!target || !target.matches || !target.matches("input.md-search__input")) return;
    piecesOf(target.value).forEach(function (name) {
      if (asked[name]) return;
      asked[name] = true;
      fetch(new URL("../../search/" + name + ".json", engine).href).catch(function () {});
    });
  }

  if (engine && /^https?:$/.test(engine.protocol)) document.addEventListener("input", onInput, true);

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
