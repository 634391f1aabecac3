// The hub's search worker run in Node on a built site, for tests and `make bench`: the same
// scripts a reader's browser runs (the site's search-worker.min.js, which loads search-engine.min.js
// with the first message), with fetch() and importScripts() answered from the
// site's folder, so a test can count what each search downloads and rank hundreds of queries in
// seconds. Results are grouped as Material's search box shows them (its renderSearchResultItem:
// the page, then the sections that score as high as the group's first item).
// Usage: node searchbox.mjs SITE QUERIES.json OUT.json
// QUERIES.json: a list of sessions, each a list of queries typed one after another, from an
// empty cache (a reader who opens the search box and types). Each result also names the pieces
// fetched, and those the page prefetched while the query was typed (search-on-demand.js).
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import zlib from "node:zlib";

const [site, queriesFile, outFile] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
const workerFile = path.join(site, "assets/javascripts/search-worker.min.js");
const engineFile = path.join(site, "assets/javascripts/search-engine.min.js");
const manifest = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"));
const files = new Map();   // path -> [parsed JSON, gzip bytes]: each piece read and measured once
const gz = (body) => zlib.gzipSync(body, { level: 9 }).length;
let fetched = [], listener = null, replies = [];
// Fetches wait until the worker has nothing else to do, then are answered together: one round
// trip over the network. `trips` counts them, the figure that latency on a phone follows.
let waiting = [], trips = 0;
function piece(file) {
  if (!files.has(file)) {
    const body = fs.existsSync(file) ? fs.readFileSync(file) : null;
    files.set(file, body && [body.toString("utf8"), gz(body)]);
  }
  return files.get(file);
}

function start() {
  const context = {
    URL, console, Promise, JSON, Math, Object, Array, String, Number, RegExp, Error, TypeError,
    location: { href: "http://localhost/assets/javascripts/search-worker.min.js" },
    fetch: (url) => new Promise((resolve) => waiting.push(() => {
      const rel = new URL(url).pathname;
      const found = piece(path.join(site, rel));
      if (!found) return resolve({ ok: false, json: async () => null });
      const name = rel.split("/").slice(2).join("/").replace(/\.json$/, "");   // p/red, s/12
      fetched.push([name.split("/")[0], found[1], name]);
      resolve({ ok: true, json: async () => JSON.parse(found[0]) });
    })),
    importScripts: (...urls) => urls.forEach((url) =>
      vm.runInContext(fs.readFileSync(path.join(site, new URL(url).pathname), "utf8"), context)),
    addEventListener: (type, fn) => { listener = fn; },
    postMessage: (data) => { replies.push(data); },
  };
  context.self = context;
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(workerFile, "utf8"), context);
  // As Material's bundle sends it: config, docs and options only.
  return send({ type: 0, data: { config: manifest.config, docs: manifest.docs, options: { suggest: false } } });
}

// The reply that answers a message: a search's full result, not the interim list of pages the
// worker may show while that search's sections load (kept in `interim`, with the round trips
// that came before it in `shownTrips`).
let interim = null, shownTrips = null;
function send(data) {
  return new Promise((resolve) => {
    const before = replies.length;
    interim = null; shownTrips = null;
    listener({ data });
    const poll = () => {
      const answers = replies.slice(before);
      if (answers.length && shownTrips === null) shownTrips = trips;
      const early = answers.find((reply) => reply.data && reply.data.interim);
      if (early) interim = early.data;
      const full = answers.find((reply) => !(reply.data && reply.data.interim));
      if (full) return resolve(full);
      if (waiting.length) { trips++; waiting.splice(0).forEach((answer) => answer()); }
      setImmediate(poll);
    };
    poll();
  });
}

// The page's own prefetch (search-on-demand.js, as built): the pieces it asks for while the reader
// types a query, one character after another, before the manifest has arrived.
const onDemand = { location: { search: "" }, URL, atob, fetch: () => Promise.resolve(),
  document: { currentScript: { src: "http://localhost/assets/javascripts/search-on-demand.min.js" },
              addEventListener() {} },
  XMLHttpRequest: Object.assign(function () {}, { prototype: {} }) };
onDemand.window = onDemand;
vm.createContext(onDemand);
vm.runInContext(fs.readFileSync(path.join(site, "assets/javascripts/search-on-demand.min.js"), "utf8"), onDemand);
function prefetched(query) {
  const names = new Set();
  for (let end = 1; end <= query.length; end++) onDemand.__nexusPiecesOf(query.slice(0, end)).forEach((name) => names.add(name));
  return [...names];
}

// What a first search costs besides the pieces: the manifest, the worker and its engine, as served.
const setupBytes = [path.join(site, "search/search_index.json"), workerFile, engineFile]
  .reduce((sum, file) => sum + gz(fs.readFileSync(file)), 0);
const out = [];
await start();
for (const [session, typed] of queries.entries()) {
  await send({ type: "forget" });
  for (const query of typed) {
    fetched = []; trips = 0;
    const begin = performance.now();
    const reply = await send({ type: 2, data: query });
    if (reply.type === "error") throw new Error(`worker failed on ${JSON.stringify(query)}: ${reply.data}`);
    const ms = performance.now() - begin;
    const groups = reply.data.items.map((group) => {
      const threshold = group[0].score;
      const article = group.find((item) => !item.location.includes("#"));
      const rest = group.filter((item) => item !== article);
      const shown = [article, ...rest.filter((item) => item.score >= threshold)].filter(Boolean);
      return { page: group[0].location.split("#")[0], shown: shown.map((item) => item.location) };
    });
    out.push({ session, query, groups, ms, meta: groups.length ? "" : "No matching documents",
               interim: interim && interim.items.map((group) => group[0].location),
               bytes: fetched.reduce((sum, [, size]) => sum + size, 0), files: fetched.length, trips, shownTrips,
               names: fetched.map(([, , name]) => name), prefetched: prefetched(query),
               byKind: fetched.reduce((sums, [kind, size]) => ({ ...sums, [kind]: (sums[kind] || 0) + size }), {}) });
  }
}
fs.writeFileSync(outFile, JSON.stringify({ setupBytes, results: out }));
