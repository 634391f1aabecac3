/* Query tuning for Material's search, loaded before the bundle. It wraps Worker.postMessage and
 * rewrites the query message (type 2) in two ways:
 *
 * 1. Code names. The index splits select_related, @shared_task, .env, IsAuthenticated and
 *    hyphenated terms such as cache-aside into
 *    words, and Material would then find pages with ANY of the words. A code name's parts are
 *    made required instead ("+select +related"), so pages must contain them all.
 * 2. Typos. Material turns each word into a prefix search, so one wrong letter ("rabitmq")
 *    finds nothing. Each plain word of five letters or more also gets lunr's edit distance 1
 *    ("rabitmq rabitmq~1"); exact and prefix matches still score higher.
 *
 * Queries already written in lunr syntax (+, -, ~, ^, *, field:) are left alone. */
(function () {
  "use strict";
  var QUERY = 2;
  var CODE = /[_.@]|[a-z][A-Z]|\w-\w/;        // looks like a code name: select_related, cache-aside
  var STOP = /^(is|as|at|by|in|of|on|or|to|the|and|for)$/i;   // lunr drops these

  function parts(word) {
    return word.replace(/([a-z])([A-Z])/g, "$1 $2").split(/[^A-Za-z0-9]+/)
      .filter(function (p) { return p.length > 1 && !STOP.test(p); });
  }

  function rewrite(query) {
    if (/(^|\s)[+-]|[~^*:"]/.test(query)) return query;
    var out = [];
    query.trim().split(/\s+/).forEach(function (word) {
      var pieces = CODE.test(word) ? parts(word) : [];
      if (pieces.length) {
        pieces.forEach(function (p) { out.push("+" + p); });
      } else {
        out.push(word);
        if (/^[a-z]{5,}$/i.test(word)) out.push(word + "~1");
      }
    });
    return out.join(" ");
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      message = { type: message.type, data: rewrite(message.data) };
    }
    return post.apply(this, [message].concat([].slice.call(arguments, 1)));
  };
})();
