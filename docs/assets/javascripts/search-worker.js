/* The hub's search worker. It replaces Material's lunr worker behind the same search box: the
 * bundle still fetches search/search_index.json and renders the results; hooks/search.py points
 * the theme's worker URL here. The engine is MiniSearch (maintained; BM25 ranking, prefix and
 * typo matching); lunr is unmaintained and its ranking is unstable while typing.
 *
 * One definition of a word: index and query are split by the same function, words(), with the
 * `separator` of the search plugin in mkdocs.yml (it arrives with the index).
 *
 * Ranking: a page title beats a heading beats body text (field boosts); an exact word beats a
 * prefix beats a typo (MiniSearch's weights); the more query words a section matches, the higher
 * it ranks, and none is required, so a pasted error line with noise still finds its page. The
 * parts of a code name (select_related, @shared_task, localhost:6379) must all match. When
 * nothing matches, the query is retried with wider typo tolerance; results then name the words
 * they miss ("Missing: ...").
 *
 * Messages are Material's: SETUP (0) -> READY (1), QUERY (2) -> RESULT (3). One more, "tokens",
 * lets tests compare this tokenizer with the build's definition. */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var BOOST = { title: 8, heading: 4, page: 1.5, tags: 1.5, text: 1 };
// A query of many words is usually a pasted line (an error message): it is matched against body
// text, where such lines are quoted, more than against titles.
var PASTED = 5, BOOST_PASTED = { title: 2, heading: 1.5, page: 1, tags: 1, text: 1 };
// A long pasted line matches most sections weakly: the result keeps the best ones, each with a
// short snippet around its first match (copying whole sections to the page cost more than the
// search itself; Material's own worker also trims the text to the matching blocks).
var KEPT = 60, SNIPPET = 260;
var PHRASE = 1;   // score factor per query word pair found side by side, or literal code name
// A query that is a section's whole title (or heading) names what that section is about, so
// "GraphQL" ranks the GraphQL page above "GraphQL errors", and "API" the glossary entry API.
var WHOLE_TITLE = 3;
// A section whose title the query covers (typos and prefixes included) ranks above one whose
// body matches: the factor grows with the share of its title words the query matched, so
// a query for Python, even misspelt, ranks "Python" above "Python errors".
var TITLE_COVER = 1, HEADING_COVER = 0.25;   // a page's own title counts more than a heading
var here = self.document && document.currentScript ? document.currentScript.src : self.location.href;
var loaded = null;
var separator = /\s+/g;
var engine = null, docs = [], articles = {}, flat = [], raw = [], titles = [], suggest = false;

/* Calls fn(start, end, joined) for each word of text, as Material's own split() does. joined:
 * the word follows the previous one across a zero-width separator match (the case change in
 * IsAuthenticated or JavaScript). */
function eachWord(text, fn) {
  separator.lastIndex = 0;
  var index = 0, match, joined = false;
  do {
    match = separator.exec(text);
    var until = match ? match.index : text.length;
    if (index < until) fn(index, until, joined);
    if (match) {
      joined = !match[0].length && index < until;
      index = match.index + match[0].length;
      if (!match[0].length) separator.lastIndex = match.index + 1;
    }
  } while (match);
}

/* The one definition of a word, for the index and for queries: the parts between separator
 * matches, lower-cased; where parts meet at a zero-width match, the whole run is a word too,
 * so JavaScript is found as "javascript" and as "java" + "script", and IsAuthenticated by
 * "authenticated". Calls fn(parts, wholes, start, end) for each white-space-free run. */
function eachChunk(text, fn) {
  var parts = [], wholes = [], run = -1, first = -1, last = -1, runEnd = -1;
  function closeRun() {
    if (run >= 0 && runEnd > run && text.slice(run, runEnd).toLowerCase() !== parts[parts.length - 1]) {
      wholes.push(text.slice(run, runEnd).toLowerCase());
    }
  }
  function flush() {
    closeRun();
    if (parts.length) fn(parts, wholes, first, last);
    parts = []; wholes = []; run = first = last = -1;
  }
  eachWord(text, function (start, end, joined) {
    if (last >= 0 && /\s/.test(text.slice(last, start))) flush();
    if (!joined) { closeRun(); run = start; }
    runEnd = end;
    if (first < 0) first = start;
    last = end;
    parts.push(text.slice(start, end).toLowerCase());
  });
  flush();
}

function words(text) {
  var out = [];
  eachChunk(text, function (parts, wholes) { out.push.apply(out, parts.concat(wholes)); });
  return out;
}

function parts(text) {
  var out = [];
  eachChunk(text, function (chunk) { out.push.apply(out, chunk); });
  return out;
}

function plain(html) {
  return html.replace(/<[^>]*>/g, " ");
}

/* A query is a list of clauses, one per white-space-separated chunk: a word, or the parts of a
 * code name, which must all match (or its whole, if it has one). */
function parse(query) {
  var clauses = [];
  query.split(/\s+/).forEach(function (chunk) {
    eachChunk(chunk, function (parts, wholes, start, end) {
      var key = chunk.slice(start, end).toLowerCase();
      var literal = chunk.toLowerCase().replace(/^["'(\[{<]+|["')\]}>.,;:!?]+$/g, "");
      // A plain word also matches its plural or singular exactly ("payment" finds "Chapa
      // payments" as an exact word, not only as a weaker prefix match).
      // Not a token (the tokenizer test compares parts and wholes only): an extra word to look for.
      var variants = parts.length === 1 && /^[a-z]{4,}$/.test(parts[0])
        ? [/s$/.test(parts[0]) ? parts[0].slice(0, -1) : parts[0] + "s"] : [];
      clauses.push({ key: key, parts: parts.slice(), wholes: wholes.slice(), variants: variants,
                     literal: literal !== key && literal });
    });
  });
  return clauses;
}

/* One search over the clauses, OR-ed. Prefix matches for words of 3+ letters, one typo for 4+;
 * a pasted line is neither being typed nor misspelt, so only its last word is a prefix and none
 * is a typo (both cost much on long lines). wide: the retry when nothing matched. */
function find(clauses, wide) {
  var count = [].concat.apply([], clauses.map(function (clause) { return clause.parts; })).length;
  var pasted = count >= PASTED;
  return engine.search({
    combineWith: "OR",
    queries: clauses.map(function (clause, i) {
      var last = i === clauses.length - 1;
      var words = clause.parts.length === 1 ? clause.parts : [{ combineWith: "AND", queries: clause.parts }];
      return {
        combineWith: "OR",
        queries: words.concat(clause.wholes, clause.variants),
        prefix: function (term) { return term.length > 2 && (!pasted || last); },
        fuzzy: function (term) {
          if (wide) return term.length > 6 ? 2 : term.length > 2 ? 1 : 0;
          return !pasted && term.length > 3 ? 1 : 0;
        },
      };
    }),
  }, {
    boost: pasted ? BOOST_PASTED : BOOST,
    boostDocument: function (id, term, stored) { return stored.boost; },
  });
}

function setup(data) {
  separator = new RegExp(data.config.separator, "g");
  suggest = !!(data.options && data.options.suggest);
  docs = data.docs;
  docs.forEach(function (doc) {
    if (doc.location.indexOf("#") === -1) articles[doc.location] = doc;
  });
  engine = new MiniSearch({
    fields: ["title", "heading", "page", "tags", "text"],
    storeFields: ["boost"],
    tokenize: words,
    processTerm: function (term) { return term; },   // words() already lower-cases
  });
  raw = docs.map(function (doc) { return plain(doc.title + " " + doc.text).toLowerCase(); });
  flat = docs.map(function (doc) { return " " + parts(plain(doc.title + " " + doc.text)).join(" ") + " "; });
  titles = docs.map(function (doc) { return parts(plain(doc.title)).join(" "); });
  engine.addAll(docs.map(function (doc, id) {
    var page = doc.location.split("#")[0], article = page === doc.location;
    return {
      id: id,
      title: article ? doc.title : "",
      heading: article ? "" : plain(doc.title),
      page: article || !articles[page] ? "" : articles[page].title,
      tags: (doc.tags || []).join(" "),
      text: plain(doc.text),
      boost: doc.boost || 1,
    };
  }));
}

/* Plain text around the first matched word, cut at spaces (so no entity such as &lt; is cut). */
function snippet(html, terms) {
  var text = plain(html.replace(/<\/?(code|sub|sup)>/g, "")).replace(/\s+/g, " ").trim();
  var lower = text.toLowerCase(), first = -1;
  terms.forEach(function (term) {
    var at = lower.indexOf(term);
    if (at !== -1 && (first < 0 || at < first)) first = at;
  });
  var start = first > SNIPPET / 3 ? text.lastIndexOf(" ", first - SNIPPET / 3) + 1 : 0;
  var end = start + SNIPPET < text.length ? text.lastIndexOf(" ", start + SNIPPET) : text.length;
  if (end <= start) end = text.length;
  return (start ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
}

/* <mark> the words of html (outside tags) that the result matched. */
function highlight(html, matched) {
  var terms = Object.keys(matched);
  return html.split(/(<[^>]*>)/).map(function (part) {
    if (part.charAt(0) === "<") return part;
    var lower = part.toLowerCase();
    if (!terms.some(function (term) { return lower.indexOf(term) !== -1; })) return part;
    var out = "", last = 0;
    eachWord(part, function (start, end) {
      if (!matched[lower.slice(start, end)]) return;
      out += part.slice(last, start) + "<mark>" + part.slice(start, end) + "</mark>";
      last = end;
    });
    return out + part.slice(last);
  }).join("");
}

function search(query) {
  var clauses = parse(query);
  if (!clauses.length) return { items: [] };
  var hits = find(clauses, false);
  if (!hits.length) hits = find(clauses, true);
  hits = phrases(clauses, hits).slice(0, KEPT);
  var groups = new Map();
  hits.forEach(function (hit) {
    var doc = docs[hit.id], page = doc.location.split("#")[0];
    var matched = {}, found = {}, terms = {};
    hit.terms.forEach(function (term) { matched[term] = true; });
    hit.queryTerms.forEach(function (term) { found[term] = true; });
    clauses.forEach(function (clause) {
      terms[clause.key] = clause.parts.concat(clause.wholes, clause.variants).some(function (term) { return found[term]; });
    });
    var item = Object.assign({}, doc, {
      title: highlight(doc.title, matched),
      text: doc.text && "<p>" + highlight(snippet(doc.text, hit.terms), matched) + "</p>",
      score: hit.score,
      terms: terms,
    });
    if (!groups.has(page)) groups.set(page, []);
    groups.get(page).push(item);
  });
  var items = [];
  groups.forEach(function (group, page) {
    if (!group.some(function (item) { return item.location === page; })) {
      var article = articles[page];
      if (article) group.push(Object.assign({}, article, { score: 0, terms: {} }));
    }
    items.push(group);
  });
  var result = { items: items };
  if (suggest) result.suggest = suggestions(clauses, items);
  return result;
}

/* Words that follow each other in the query and in a section raise its score: a pasted error
 * line ranks the section that quotes it above sections that share its common words. So does a
 * code name written exactly as typed, punctuation included (.env, not ENV or environment). */
function phrases(clauses, hits) {
  var sequence = [].concat.apply([], clauses.map(function (clause) { return clause.parts; }));
  var literals = clauses.map(function (clause) { return clause.literal; }).filter(Boolean);
  var pairs = [], whole = sequence.join(" ");
  for (var i = 1; i < sequence.length; i++) pairs.push(" " + sequence[i - 1] + " " + sequence[i] + " ");
  hits.forEach(function (hit) {
    if (titles[hit.id] === whole) hit.score *= WHOLE_TITLE;
    var own = titles[hit.id] ? titles[hit.id].split(" ") : [];
    var inTitle = own.filter(function (word) { return hit.terms.indexOf(word) !== -1; }).length;
    var cover = docs[hit.id].location.indexOf("#") === -1 ? TITLE_COVER : HEADING_COVER;
    if (own.length && inTitle) hit.score *= 1 + cover * inTitle / own.length;
    var found = 0;
    pairs.forEach(function (pair) { if (flat[hit.id].indexOf(pair) !== -1) found++; });
    literals.forEach(function (literal) { if (raw[hit.id].indexOf(literal) !== -1) found++; });
    hit.score *= 1 + PHRASE * found;
  });
  return hits.sort(function (a, b) { return b.score - a.score; });
}

/* Material completes the last word typed from the best result's title words. */
function suggestions(clauses, items) {
  var last = clauses[clauses.length - 1].parts;
  var prefix = last[last.length - 1];
  if (!items.length) return [];
  return words(plain(items[0][0].title)).filter(function (word) {
    return word.indexOf(prefix) === 0;
  });
}

function handle(message) {
  switch (message.type) {
    case SETUP:
      setup(message.data);
      return { type: READY };
    case QUERY:
      try {
        return { type: RESULT, data: search(message.data) };
      } catch (err) {
        console.warn("Search failed for " + JSON.stringify(message.data), err);
        return { type: RESULT, data: { items: [] } };
      }
    case "tokens":
      if (message.data.separator) separator = new RegExp(message.data.separator, "g");
      return { type: "tokens", data: {
        index: message.data.texts.map(function (text) { return words(plain(text)); }),
        query: message.data.texts.map(function (text) {
          return [].concat.apply([], parse(text).map(function (clause) { return clause.parts.concat(clause.wholes); }));
        }),
      } };
  }
  throw new TypeError("Invalid message type");
}

/* The bundle starts this worker on every page view; the engine is fetched only with the index,
 * when a reader starts to search (search-on-demand.js). In the file:// shim (iframe-worker)
 * importScripts returns a promise; in a real worker it is synchronous. */
addEventListener("message", function (event) {
  if (event.data.type === SETUP && !loaded) {
    loaded = Promise.resolve(importScripts(new URL("vendor/minisearch.js", here).href));
  }
  (loaded || Promise.resolve()).then(function () { postMessage(handle(event.data)); });
});
