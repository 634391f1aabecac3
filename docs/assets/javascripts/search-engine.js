/* The hub's search engine, behind Material's search box: the bundle still fetches
 * search/search_index.json (here a small manifest, nexus/search.py) and renders the results;
 * nexus/site/search.py points the theme's worker URL at search-worker.js, which loads this file
 * with the first message and hands every message to self.__nexusReceive.
 *
 * The index comes in pieces, fetched as a query needs them (nexus/search.py says why and how):
 * the lexicon of each two-letter prefix a query word starts with and, at the same time, the
 * postings files its words are likely in (more after the lexicon, if a derived word is elsewhere),
 * then the sections of the pages that make the first results. Nothing else is loaded. While a
 * first search's sections load, the box lists its pages by the manifest's titles (preview()).
 *
 * One definition of a word: index and query are split alike (words() here, nexus.search.words in
 * Python, with the `separator` of the search plugin in mkdocs.yml, which arrives in the manifest).
 *
 * Ranking: BM25 per field, computed at build time with MiniSearch's formula; a page title beats a
 * heading beats body text (field boosts); an exact word beats a prefix beats a typo (MiniSearch's
 * weights); every query word may match and none is required, so a pasted error line with noise
 * still finds its section; the parts of a code name (select_related, @shared_task) must all
 * match. Then the best candidate pages are read and ranked again by phrase: words side by side as
 * in the query, a code name written exactly, a title the query covers. A query that is not a
 * pasted error line prefers the page that teaches over the glossary, the error catalogue and the
 * API reference (weights per kind of page, data/search.yml), unless it names them.
 *
 * Messages are Material's: SETUP (0) -> READY (1), QUERY (2) -> RESULT (3), or an interim RESULT
 * and then the full one (Material draws each RESULT in place of the last). Two more for tests:
 * "tokens" compares this tokenizer with the build's, "forget" drops the pieces already loaded. */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var FIELDS = ["title", "heading", "page", "tags", "text"];
var BOOST = { title: 8, heading: 4, page: 1.5, tags: 1.5, text: 1 };
// A query of many words is usually a pasted line (an error message): it is matched against body
// text, where such lines are quoted, more than against titles.
var PASTED = 5, BOOST_PASTED = { title: 2, heading: 1.5, page: 1, tags: 1, text: 1 };
// A typed query of a few words names a topic (its title counts most); a longer question or symptom
// is matched more on body text, like a pasted line.
var BOOST_LONG = { title: 2, heading: 1.5, page: 1, tags: 1, text: 1 };
var BOOSTS = { teach: BOOST, symptom: BOOST, pasted: BOOST_PASTED, long: BOOST_LONG };
var PREFIX_WEIGHT = 0.375, FUZZY_WEIGHT = 0.45;   // MiniSearch's weights for derived words
var STEM_WEIGHT = 0.7;   // another form of the same word: execute, executes, executed, executing
var KEPT = 60;        // candidates kept after the first ranking
var READ = 10;        // candidate pages whose sections are read for the second ranking, and
var READ_ONE = 12;    // for a one-word query, whose first ranking is the least sure (pages tie on
                      // one word): two more may climb into the ten shown. Each page read costs
                      // files; a query of several words ranks surely enough on ten (data/budgets.yml)
var PER_PAGE = 3;     // best candidate sections read per page (each may cost a file of sections)
var SHOWN = 10;       // result groups returned (Material renders ten, then more on scroll)
var SNIPPET = 260;
var SECTIONS = 2, NEAR = 0.75;   // a page's sections shown: the best, and one that nearly ties it
var PHRASE = 1;       // score factor per query word pair found side by side, or literal code name
var WHOLE_TITLE = 3;  // a section whose whole heading is the query
var WHOLE_PAGE_TITLE = 10;  // a page whose whole title is the query: the reader named the page
var TITLE_COVER = 1, HEADING_COVER = 0.25;
var DEFINES = 3;      // a one-word query that a section's heading shows as code: that section defines it
// Coordination: a section that matches k of a query's n words keeps (k/n)^COORD of its score. No
// word is required, but one that has them all beats one that repeats a common word in many forms
// ("kubectl logs" found logging pages, not the kubectl section). Measured on the question map
// (1,437 questions): success at 1 0.791 -> 0.830, MRR 0.880 -> 0.902; at 1 (COORD = 1) 0.840,
// but more answers fell out of the first three.
var COORD = 0.5;
var here = self.document && document.currentScript ? document.currentScript.src : self.location.href;
var offline = /^file:/.test(here);
var base = null, manifest = null, separator = /\s+/g, suggest = false;
var stop = dict(), openers = dict(), aliases = dict(), kindWeight = dict(), shards = dict();
var cache = { l: dict(), p: dict(), s: dict() };   // lexicons, postings and sections, by file name
var sections = dict();                   // document id -> {location, title, text, flat, raw, titleWords}
var pending = [], loaders = dict();

/* A map keyed by words or file names: a word like "constructor" must not find Object's. */
function dict() { return Object.create(null); }

/* Calls fn(start, end, joined) for each word of text, as Material's own split() does. */
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

/* The one definition of a word: the parts between separator matches, lower-cased; where parts
 * meet at a zero-width match, the whole run is a word too. fn(parts, wholes, start, end) for each
 * white-space-free run. */
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

function partsOf(text) {
  var out = [];
  eachChunk(text, function (chunk) { out.push.apply(out, chunk); });
  return out;
}

/* A text's words as one string, each code name whole ("GitHub Actions" -> "github actions"). */
function key(text) {
  var out = [];
  eachChunk(text, function (parts, wholes) { out.push(wholes.length ? wholes[wholes.length - 1] : parts.join(" ")); });
  return out.join(" ");
}

/* How many white-space-separated words a title has, numbers aside ("Milestones 1–6" has one). */
function chunks(text) {
  var count = 0;
  eachChunk(text, function (parts) { if (parts.some(function (part) { return /[a-z]/.test(part); })) count++; });
  return count;
}

function plain(html) {
  return html.replace(/<[^>]*>/g, " ");
}

/* ---- Loading the pieces ------------------------------------------------------------------ */

function fileKey(key) {
  var out = "";
  for (var i = 0; i < key.length; i++) {
    var char = key.charAt(i);
    out += /[a-z0-9]/.test(char) ? char : "-" + key.charCodeAt(i).toString(16) + "-";
  }
  return out;
}

/* From a server: fetch the JSON, many at once. From file:// (the offline copy): the same data as
 * one script that hands every piece here, since browsers refuse fetch() on file:// URLs. */
function load(kind, name) {
  if (cache[kind][name] !== undefined) return Promise.resolve(cache[kind][name]);
  var key = kind + "/" + name;
  if (!loaders[key]) {
    loaders[key] = offline ? loadScript(kind, name) : fetch(new URL(kind + "/" + name + ".json", base).href)
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; });
    loaders[key] = loaders[key].then(function (data) { cache[kind][name] = data; delete loaders[key]; return data; });
  }
  return loaders[key];
}

function loadScript(kind, name) {
  return new Promise(function (resolve) {
    self.__nexusSearch = self.__nexusSearch || {};
    var url = new URL("pieces.js", base).href;
    Promise.resolve().then(function () { return self.__nexusSearch.loaded || importScripts(url); })
      .then(function () { self.__nexusSearch.loaded = true; resolve(self.__nexusSearch[kind + "/" + name] || null); },
            function () { resolve(null); });
  });
}

/* Register a piece of the offline copy (search/pieces.js calls this for each). */
self.__nexusPiece = function (key, data) {
  self.__nexusSearch = self.__nexusSearch || {};
  self.__nexusSearch[key] = data;
};

/* The keys of the postings files of word's two-letter prefix (the manifest's shards). */
function keysOf(word) {
  return shards[word.slice(0, 2)] || [];
}

function lexicon(word) {
  // A prefix without words has no file: no request (a missing file costs a 404 page).
  return keysOf(word).length ? load("l", fileKey(word.slice(0, 2))) : Promise.resolve(null);
}

/* The postings file that holds word: the longest key that starts the word. */
function shardOf(word) {
  var best = null;
  keysOf(word).forEach(function (key) {
    if (word.indexOf(key) === 0 && (!best || key.length > best.length)) best = key;
  });
  return best;
}

/* The postings files a spec's words are likely in, known before its lexicon arrives: the term's
 * own, those of the words it starts (prefix), and those of its stem's usual forms. Fetched with
 * the lexicon, they save a round trip; a word derived elsewhere (a typo's neighbour, a rarer form)
 * is fetched once the lexicon has named it. */
var FORMS = ["", "e", "s", "es", "ed", "ing", "er", "ion", "ions", "ation", "ations"];
function likelyShards(spec) {
  var keys = dict();
  function add(word) { var key = shardOf(word); if (key) keys[key] = true; }
  add(spec.term);
  if (spec.prefix) {
    keysOf(spec.term).forEach(function (key) { if (key.indexOf(spec.term) === 0) keys[key] = true; });
  }
  if (spec.stem) {
    var root = stem(spec.term);
    FORMS.forEach(function (end) { add(root + end); });
  }
  return Object.keys(keys);
}

/* ---- Matching words ---------------------------------------------------------------------- */

/* The stem two forms of an English word share, for matching "executing" with "executed" and
 * "queries" with "query". Hand-written and deliberately small: it only groups the inflections of
 * one word, where a full stemmer (Porter's) would also merge different words and add its size to
 * every search. */
function stem(word) {
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return word;
  var out = word.replace(/ies$/, "y").replace(/(ations?|ingly|ings?|edly|ed|es|ers?|ly|s)$/, "");
  if (out.length < 3) return word;
  out = out.replace(/e$/, "");
  if (/([bdfglmnprt])\1$/.test(out)) out = out.slice(0, -1);
  return out;
}

function distance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  var previous = [], current, i, j;
  for (j = 0; j <= b.length; j++) previous[j] = j;
  for (i = 1; i <= a.length; i++) {
    current = [i];
    var low = i;
    for (j = 1; j <= b.length; j++) {
      var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (current[j] < low) low = current[j];
    }
    if (low > max) return max + 1;
    previous = current;
  }
  return previous[b.length];
}

/* The words of the index a query word stands for, each with its weight, as MiniSearch derives
 * them: itself (1), words it starts (prefix, weighted by how much of the word it is) and words
 * one or two edits away (fuzzy, weighted by distance). */
function derive(term, options, lex) {
  var out = dict();
  if (!lex) return out;
  var list = lex.w;
  if (list.indexOf(term) !== -1) out[term] = 1;
  if (options.stem) {
    var root = stem(term);
    if (root !== term || term.length >= 4) {
      list.forEach(function (word) {
        if (word !== term && word.charAt(0) === term.charAt(0) && stem(word) === root) {
          out[word] = Math.max(out[word] || 0, STEM_WEIGHT);
        }
      });
    }
  }
  if (options.prefix) {
    list.forEach(function (word) {
      if (word !== term && word.indexOf(term) === 0) {
        var weight = PREFIX_WEIGHT * term.length / (term.length + 0.3 * (word.length - term.length));
        out[word] = Math.max(out[word] || 0, weight);
      }
    });
  }
  if (options.fuzzy) {
    list.forEach(function (word) {
      if (word === term) return;
      var d = distance(term, word, options.fuzzy);
      if (d <= options.fuzzy) {
        var weight = FUZZY_WEIGHT * term.length / (term.length + d);
        out[word] = Math.max(out[word] || 0, weight);
      }
    });
  }
  return out;
}

/* ---- The query --------------------------------------------------------------------------- */

/* A query is a list of clauses, one per white-space-separated chunk: a word, or the parts of a
 * code name, which must all match (or its whole, if it has one). A learner's word the hub does
 * not use (data/search.yml, aliases) brings the hub's word along. */
function parse(query) {
  var clauses = [];
  query.split(/\s+/).forEach(function (chunk) {
    eachChunk(chunk, function (parts, wholes, start, end) {
      var key = chunk.slice(start, end).toLowerCase();
      var literal = chunk.toLowerCase().replace(/^["'(\[{<]+|["')\]}>.,;:!?]+$/g, "");
      // A plain word also matches its plural or singular exactly.
      // Not a token (the tokenizer test compares parts and wholes only): an extra word to look for.
      var variants = parts.length === 1 && /^[a-z]{4,}$/.test(parts[0])
        ? [/s$/.test(parts[0]) ? parts[0].slice(0, -1) : parts[0] + "s"] : [];
      var extra = [];
      parts.concat(wholes).forEach(function (word) {
        (aliases[word] || []).forEach(function (alias) { extra.push(alias); });
      });
      clauses.push({ key: key, parts: parts.slice(), wholes: wholes.slice(), variants: variants,
                     aliases: extra, literal: literal !== key && literal });
    });
  });
  return clauses;
}

/* What the reader is doing, from the words alone: pasting an error line (it is matched against
 * the body text where such lines are quoted, and leans to the error catalogue), describing a
 * symptom ("tasks stay pending": the catalogue's symptom entries answer those too), or asking to
 * learn something ("how do I ...", "X vs Y": the pages that teach come first). */
var QUESTION = /^(how|what|whats|why|when|which|where|who|can|could|should|is|are|do|does|difference|differences|best|way|ways|explain|when's|what's)\b/i;
var ERROR = /(error|exception|warning|traceback|errno|fatal|failed|refused|denied|not found|no such|cannot|can't|could not|couldn't|unable|invalid|not allowed|not recognized|unknown|timed out|timeout|\b[45]\d\d\b|[a-z](Error|Exception)\b|\w:\s|["'`]|\w\.\w+\()/i;
var SYMPTOM = /\b(always|not|no|(?:does|do|wo|is|are|was)n'?t|never|fails?|failing|stuck|hangs?|hanging|broken|empty|missing|slow|twice|wrong|still|stays?|keeps?|instead|nothing|cannot|can'?t|lost|gone|disappear\w*)\b/i;

function intent(query, clauses) {
  var count = 0;
  clauses.forEach(function (clause) { count += clause.parts.length; });
  if (!QUESTION.test(query.trim()) && ERROR.test(query) && count >= 3) return "pasted";
  if (count >= PASTED && !QUESTION.test(query.trim()) && /\w[._]\w/.test(query)) return "pasted";
  return SYMPTOM.test(query) ? "symptom" : "teach";
}

function isPasted(clauses) {
  return clauses.intent === "pasted";
}

/* A typed question's opening words ("what is", "how do I", data/search.yml's openers and stop
 * words) say that the reader asks, not what about: they weigh OPENER, unless the query has no
 * other word. Without this, a heading that starts "What is ..." ranked first for every "what is
 * X" whose X is rare. */
var OPENER = 0.3;
function openingWords(query, clauses) {
  if (!QUESTION.test(query.trim())) return 0;
  var count = 0;
  while (count < clauses.length && clauses[count].parts.length === 1
         && (openers[clauses[count].parts[0]] || stop[clauses[count].parts[0]])) count++;
  return count < clauses.length ? count : 0;
}

/* Which words each clause looks up, and how. Prefix matches for words of 3+ letters, one typo for
 * 4+; a pasted line is neither being typed nor misspelt, so only its last word is a prefix and
 * none is a typo. wide: the retry when nothing matched. */
function plan(clauses, wide) {
  var pasted = isPasted(clauses), long = clauses.length >= PASTED;
  var opening = pasted ? 0 : clauses.opening || 0;
  return clauses.map(function (clause, i) {
    var last = i === clauses.length - 1;
    function spec(term, exactOnly) {
      return {
        term: term,
        stem: !exactOnly && term.length >= 4,
        // Words before the last were typed whole: a prefix of each would load many pieces.
        prefix: !exactOnly && term.length > 2 && (!(pasted || long) || last),
        fuzzy: exactOnly ? 0 : wide ? (term.length > 6 ? 2 : term.length > 2 ? 1 : 0) : (!pasted && term.length > 3 ? 1 : 0),
      };
    }
    // A pasted line's common words (data/search.yml, stop) rank nothing; typed, they may be half
    // of a short query ("on field"), so they are looked up.
    var parts = pasted ? clause.parts.filter(function (part) { return !stop[part]; }) : clause.parts;
    return {
      clause: clause,
      parts: parts.map(function (part) {
        var one = spec(part);
        if (i < opening) one.weight = OPENER;
        return one;
      }),
      others: clause.wholes.map(function (w) { return spec(w); })
        .concat(clause.variants.map(function (v) { return spec(v, true); }))
        .concat(clause.aliases.map(function (a) { return spec(a); })),
    };
  });
}

function specsOf(steps) {
  var all = [];
  steps.forEach(function (step) { all.push.apply(all, step.parts.concat(step.others)); });
  return all;
}

/* Load the lexicons, derive the words, load their postings. Resolves to word -> weight per spec. */
function resolve(steps) {
  var specs = specsOf(steps);
  specs.forEach(function (spec) {
    likelyShards(spec).forEach(function (key) { load("p", fileKey(key)); });
  });
  return Promise.all(specs.map(function (spec) { return lexicon(spec.term); })).then(function (lexicons) {
    var files = dict();
    specs.forEach(function (spec, i) {
      spec.derived = derive(spec.term, spec, lexicons[i]);
      Object.keys(spec.derived).forEach(function (word) {
        var key = shardOf(word);
        if (key) files[fileKey(key)] = true;
      });
    });
    return Promise.all(Object.keys(files).map(function (name) { return load("p", name); }));
  }).then(function (loaded) {
    var postings = dict();
    loaded.forEach(function (file) { if (file) Object.assign(postings, file); });
    return postings;
  });
}

/* Scores of one query word (with its derived words): doc -> {score, terms, match}. */
function scoreSpec(spec, postings, boost, source) {
  var out = new Map();
  Object.keys(spec.derived).forEach(function (word) {
    var list = postings[word];
    if (!list) return;
    var weight = spec.derived[word], doc = 0, q = manifest.q;
    for (var i = 0; i < list.length; i += 2) {
      doc += list[i];
      var field = Math.floor(list[i + 1] / 1000), raw = (list[i + 1] % 1000) / q;
      var value = weight * (spec.weight || 1) * boost[FIELDS[field]] * docBoosts[doc] * raw;
      var hit = out.get(doc);
      if (!hit) out.set(doc, hit = { score: 0, terms: dict(), match: dict() });
      hit.score += value;
      hit.terms[source] = true;
      hit.match[word] = true;
    }
  });
  return out;
}

function merge(into, from) {
  from.forEach(function (hit, doc) {
    var have = into.get(doc);
    if (!have) { into.set(doc, { score: hit.score, terms: Object.assign(dict(), hit.terms), match: Object.assign(dict(), hit.match) }); return; }
    have.score += hit.score;
    Object.assign(have.terms, hit.terms);
    Object.assign(have.match, hit.match);
  });
  return into;
}

function intersect(maps) {
  if (!maps.length) return new Map();
  var out = new Map();
  maps[0].forEach(function (hit, doc) {
    if (maps.every(function (map) { return map.has(doc); })) {
      var all = new Map();
      maps.forEach(function (map) { var one = new Map(); one.set(doc, map.get(doc)); merge(all, one); });
      out.set(doc, all.get(doc));
    }
  });
  return out;
}

/* ---- Pages and sections ------------------------------------------------------------------ */

function bisect(list, value) {
  var low = 0, high = list.length - 1;
  while (low < high) {
    var middle = (low + high + 1) >> 1;
    if (list[middle] <= value) low = middle; else high = middle - 1;
  }
  return low;
}

function pageOf(doc) { return bisect(manifest.pages, doc); }

/* Each doc's page boost, worked out once per index (setup): the scoring loop reads it for every
 * posting, and looking up the page each time was a fifth of a search's time in Node. */
var docBoosts = [];
function docBoostsOf(manifest) {
  var out = new Float64Array(manifest.n);
  for (var doc = 0; doc < manifest.n; doc++) out[doc] = manifest.boost[bisect(manifest.pages, doc)] || 1;
  return out;
}

/* The sections a result needs: each hit's. Pages come in parts, so only the parts holding them
 * are read; a group's title and address come from the manifest, not from its page's first part. */
function sectionFiles(docs) {
  var files = dict();
  docs.forEach(function (doc) { files[bisect(manifest.sections, doc)] = true; });
  return Object.keys(files);
}

function readSections(files) {
  return Promise.all(files.map(function (part) { return load("s", part); })).then(function (parts) {
    parts.forEach(function (part) {
      (part || []).forEach(function (row) {
        if (sections[row[0]]) return;
        var text = row[3], title = row[2];
        sections[row[0]] = {
          location: row[1], title: title, text: text,
          raw: plain(title + " " + text).toLowerCase(),
          flat: " " + partsOf(plain(title + " " + text)).join(" ") + " ",
          titleWords: words(plain(title)).filter(function (word) { return /[a-z]/.test(word); }),
          titleKey: key(plain(title)),
          titleChunks: chunks(plain(title)),
          codes: (title.match(/<code>[^<]*<\/code>/g) || []).map(function (code) {
            return code.slice(6, -7).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").toLowerCase();
          }),
        };
      });
    });
  });
}

/* ---- Search ------------------------------------------------------------------------------ */

function firstRanking(steps, postings, mode, long) {
  var boost = BOOSTS[mode === "pasted" ? mode : long ? "long" : mode];
  var total = new Map();
  steps.forEach(function (step) {
    var clause = step.clause;
    var partMaps = step.parts.map(function (spec) { return scoreSpec(spec, postings, boost, clause.key); });
    var own = partMaps.length > 1 ? intersect(partMaps) : partMaps[0] || new Map();
    var clauseMap = merge(new Map(), own);
    step.others.forEach(function (spec) { merge(clauseMap, scoreSpec(spec, postings, boost, clause.key)); });
    merge(total, clauseMap);
  });
  return total;
}

/* Kinds of page (data/search.yml): a query that is not a pasted line, and does not name the kind,
 * leans to the pages that teach. */
function kindFactor(doc, named, mode) {
  var kind = manifest.kinds[pageOf(doc)];
  var rule = kind && kindWeight[kind];
  if (!rule) return 1;
  if (rule.names.some(function (name) { return named[name]; })) return 1;
  return rule[mode];
}

/* Words that follow each other in the query and in a section raise its score: a pasted error
 * line ranks the section that quotes it above sections that share its common words. So does a
 * code name written exactly as typed, punctuation included (.env, not ENV or environment). */
function secondRanking(clauses, hits) {
  var sequence = [].concat.apply([], clauses.map(function (clause) { return clause.parts; }));
  var literals = clauses.map(function (clause) { return clause.literal; }).filter(Boolean);
  var pairs = [], whole = clauses.map(function (clause) { return key(clause.key); }).join(" ");
  var single = clauses.length === 1 && (clauses[0].literal || clauses[0].key);
  for (var i = 1; i < sequence.length; i++) pairs.push(" " + sequence[i - 1] + " " + sequence[i] + " ");
  hits.forEach(function (hit) {
    var section = sections[hit.id];
    if (!section) return;
    var own = section.titleWords;
    var inTitle = own.filter(function (word) { return hit.match[word]; }).length;
    // The query is the title: word for word, or each of its words matched one of the title's
    // (a typo or another form of a word), as many as the title has.
    var named = section.titleKey === whole || (inTitle === own.length && own.length && clauses.length === section.titleChunks
      && clauses.every(function (clause) { return hit.terms[clause.key]; }));
    if (named) hit.score *= section.location.indexOf("#") === -1 ? WHOLE_PAGE_TITLE : WHOLE_TITLE;
    var cover = section.location.indexOf("#") === -1 ? TITLE_COVER : HEADING_COVER;
    if (own.length && inTitle) hit.score *= 1 + cover * inTitle / own.length;
    if (single && section.codes.indexOf(single) !== -1) hit.score *= DEFINES;
    var found = 0;
    pairs.forEach(function (pair) { if (section.flat.indexOf(pair) !== -1) found++; });
    literals.forEach(function (literal) { if (section.raw.indexOf(literal) !== -1) found++; });
    hit.score *= 1 + PHRASE * found;
  });
  return hits.sort(function (a, b) { return b.score - a.score; });
}

function run(query, wide) {
  var clauses = parse(query);
  if (!clauses.length) return Promise.resolve({ clauses: clauses, hits: [] });
  clauses.intent = intent(query, clauses);
  clauses.opening = openingWords(query, clauses);
  var steps = plan(clauses, wide), pasted = isPasted(clauses);
  return resolve(steps).then(function (postings) {
    var hits = [], named = dict();
    specsOf(steps).forEach(function (spec) { Object.assign(named, spec.derived); named[spec.term] = 1; });
    firstRanking(steps, postings, clauses.intent, clauses.length >= PASTED).forEach(function (hit, doc) {
      hit.id = doc;
      hit.score *= kindFactor(doc, named, clauses.length === 1 && clauses.intent === "teach" ? "term" : clauses.intent);
      hit.score *= Math.pow(Object.keys(hit.terms).length / clauses.length, COORD);
      hits.push(hit);
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    return { clauses: clauses, hits: hits.slice(0, KEPT) };
  });
}

function search(query) {
  return run(query, false).then(function (found) {
    return found.hits.length || !found.clauses.length ? found : run(query, true);
  }).then(function (found) {
    // A newer query is waiting: it answers the reader, and reads the pieces loaded for this one.
    if (stale()) return null;
    var clauses = found.clauses, hits = found.hits;
    var order = [];
    hits.forEach(function (hit) {
      var page = pageOf(hit.id);
      if (order.indexOf(page) === -1) order.push(page);
    });
    // A code name alone (.git, @shared_task) shares its word with many pages; the one whose
    // heading shows it as code may rank low before the second ranking reads it.
    var code = clauses.length === 1 && clauses[0].literal;
    var read = order.slice(0, (clauses.length === 1 ? READ_ONE : READ) * (code ? 3 : 1)), taken = dict();
    hits = hits.filter(function (hit) {
      var page = pageOf(hit.id);
      if (read.indexOf(page) === -1) return false;
      if (hit.id === manifest.pages[page]) return true;   // the page itself: its title ranks the group
      taken[page] = (taken[page] || 0) + 1;
      return taken[page] <= PER_PAGE;
    });
    var files = sectionFiles(hits.map(function (hit) { return hit.id; }));
    if (files.some(function (part) { return !cache.s[part]; })) early(preview(clauses, hits, read));
    return readSections(files).then(function () {
      hits = secondRanking(clauses, hits);
      return results(clauses, hits);
    });
  });
}

/* Plain text around the first matched word, cut at spaces. */
function snippet(text, terms) {
  text = text.replace(/\s+/g, " ").trim();
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

function escape(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
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

function results(clauses, hits) {
  var groups = new Map();
  hits.forEach(function (hit) {
    var section = sections[hit.id];
    if (!section) return;
    var page = section.location.split("#")[0];
    if (!groups.has(page)) {
      if (groups.size >= SHOWN) return;
      groups.set(page, []);
      groups.get(page).first = pageOf(hit.id);
    }
    var terms = dict();
    clauses.forEach(function (clause) { terms[clause.key] = !!hit.terms[clause.key]; });
    groups.get(page).push({
      location: section.location,
      title: highlight(section.title, hit.match),
      text: section.text && "<p>" + highlight(escape(snippet(section.text, Object.keys(hit.match))), hit.match) + "</p>",
      score: hit.score,
      terms: terms,
    });
  });
  var items = [];
  groups.forEach(function (group, page) {
    var article = group.filter(function (item) { return item.location === page; })[0];
    if (!article) article = pageItem(group.first, manifest.titles[group.first], 0, dict());
    // Material shows a group's page and, under it, the sections that score as high as the group's
    // first item. The best section goes first, so the reader always sees which part of the page
    // matched, even when the page's own title matched more.
    // Sections that score nearly as high as the best are shown beside it (at most SECTIONS in
    // all): the ranking cannot tell them apart, and the reader can.
    var rest = group.filter(function (item) { return item !== article; });
    rest.forEach(function (item, i) { if (i && i < SECTIONS && item.score >= NEAR * rest[0].score) item.score = rest[0].score; });
    items.push(rest.concat([article]));
  });
  return reply(clauses, items);
}

/* A page as a result's item, by the address and title the manifest carries for it. */
function pageItem(page, title, score, terms) {
  return { location: manifest.urls[page], title: title, text: "", score: score, terms: terms };
}

/* A result as Material reads it: the groups, and the words it suggests when that is on. */
function reply(clauses, items, extra) {
  var result = Object.assign({ items: items }, extra);
  if (suggest) result.suggest = suggestions(clauses, items);
  return result;
}

/* The first ranking's pages, by the titles the manifest carries, while their sections are on
 * their way: on a phone the sections cost a round trip (562 ms on slow 4G), so the reader sees
 * which pages match that much sooner, and the full result (sections, snippets, the order of the
 * second ranking) replaces it. Marked `interim`, and each title in a span with
 * data-nexus-interim, so that tests can wait for the full result. */
function preview(clauses, hits, read) {
  var items = read.slice(0, SHOWN).map(function (page) {
    // What the page's candidate sections matched, together: a word is missing from the page
    // only if none of them has it.
    var own = hits.filter(function (hit) { return pageOf(hit.id) === page; });
    var terms = dict(), match = dict();
    clauses.forEach(function (clause) {
      terms[clause.key] = own.some(function (hit) { return hit.terms[clause.key]; });
    });
    own.forEach(function (hit) { Object.assign(match, hit.match); });
    return [pageItem(page, "<span data-nexus-interim>" + highlight(manifest.titles[page], match) + "</span>",
                     own[0].score, terms)];
  });
  return reply(clauses, items, { interim: true });
}

/* Material completes the last word typed from the best result's title words. */
function suggestions(clauses, items) {
  if (!clauses.length) return [];
  var last = clauses[clauses.length - 1].parts;
  var prefix = last[last.length - 1];
  if (!items.length) return [];
  return words(plain(items[0][0].title)).filter(function (word) { return word.indexOf(prefix) === 0; });
}

function setup(data) {
  manifest = data.config.nexus;
  docBoosts = docBoostsOf(manifest);
  separator = new RegExp(data.config.separator, "g");
  suggest = !!(data.options && data.options.suggest);
  base = new URL("../../search/", here).href;
  stop = dict();
  manifest.stop.forEach(function (word) { stop[word] = true; });
  openers = dict();
  (manifest.openers || []).forEach(function (word) { openers[word] = true; });
  aliases = Object.assign(dict(), manifest.aliases);
  kindWeight = Object.assign(dict(), manifest.kindWeights);
  shards = dict();   // "ab re:,d,di" (nexus/search.py) -> {ab: ["ab"], re: ["re", "red", "redi"]}
  manifest.shards.split(" ").forEach(function (entry) {
    var at = entry.indexOf(":"), prefix = at < 0 ? entry : entry.slice(0, at);
    shards[prefix] = at < 0 ? [prefix] : entry.slice(at + 1).split(",").map(function (rest) { return prefix + rest; });
  });
}

function handle(message) {
  switch (message.type) {
    case SETUP:
      setup(message.data);
      return Promise.resolve({ type: READY });
    case QUERY:
      return search(message.data).then(function (data) { return data && { type: RESULT, data: data }; }, function (err) {
        console.warn("Search failed for " + JSON.stringify(message.data), err);
        return { type: RESULT, data: { items: [] } };
      });
    case "forget":   // tests and `make bench`: the next query is a reader's first search again
      cache = { l: dict(), p: dict(), s: dict() };
      sections = dict();
      loaders = dict();
      return Promise.resolve({ type: "forget" });
    case "tokens":
      if (message.data.separator) separator = new RegExp(message.data.separator, "g");
      return Promise.resolve({ type: "tokens", data: {
        index: message.data.texts.map(function (text) { return words(plain(text)); }),
        query: message.data.texts.map(function (text) {
          return [].concat.apply([], parse(text).map(function (clause) { return clause.parts.concat(clause.wholes); }));
        }),
      } });
  }
  return Promise.reject(new TypeError("Invalid message type"));
}

/* Whether a newer query than the one being answered is waiting: its own result will answer
 * the reader. */
function stale() {
  return pending.slice(1).some(function (message) { return message.type === QUERY; });
}

/* An interim result (preview()) goes out at once, unless it is stale already. */
function early(data) {
  if (!stale()) postMessage({ type: RESULT, data: data });
}

/* Queries are answered in order; one that a newer query has made stale, before it starts or
 * while its pieces load, is dropped: the newer query's result answers the reader. */
self.__nexusReceive = function (event) {
  pending.push(event.data);
  if (pending.length > 1) return;
  (function next() {
    var message = pending[0];
    var newer = pending.filter(function (m) { return m.type === QUERY; }).pop();
    if (message.type === QUERY && newer !== message) {
      pending.shift();
      return next();
    }
    // A message that fails still gets an answer, and the queue moves on: never a silent hang.
    Promise.resolve(message).then(handle).catch(function (err) {
      return { type: "error", data: String(err && err.stack || err) };
    }).then(function (reply) {
      if (reply) postMessage(reply);   // none for a query made stale while it loaded
      pending.shift();
      if (pending.length) next();
    });
  })();
};
