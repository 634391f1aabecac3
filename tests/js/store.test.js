/* My learning's store (docs/assets/javascripts/store.js) in Node, against generated files.
 *
 * Valid data is generated from the store's own SCHEMA; hostile files are valid files with one
 * node broken (a key of the wrong format or a reserved name, a value of the wrong type, a text
 * or a count over its limit, a missing or unknown field), or arbitrary JSON. Run by
 * `node --test tests/js/` (tests/test_store_js.py runs it in `make test`). */
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fc = require("fast-check");
const path = require("node:path");

// NEXUS_STORE: the minified copy in a built site, which is what readers run.
const STORE = process.env.NEXUS_STORE || path.join(__dirname, "../../docs/assets/javascripts/store.js");
const { create, SCHEMA, formats, validateImport } = require(STORE);
const { limits: LIMITS } = SCHEMA;
const RUNS = { numRuns: Number(process.env.NEXUS_FC_RUNS || 200) };

/* A localStorage stand-in, with an optional quota in characters. */
function memoryStorage(quota = Infinity) {
  const items = new Map();
  return {
    items,
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem(key, value) {
      const size = [...items].reduce((n, [k, v]) => n + (k === key ? 0 : k.length + v.length), 0);
      if (size + key.length + String(value).length > quota) {
        const error = new Error("The quota has been exceeded.");
        error.name = "QuotaExceededError";
        throw error;
      }
      items.set(key, String(value));
    },
    removeItem: (key) => items.delete(key),
    snapshot: () => JSON.stringify([...items].sort()),
  };
}

function freshStore(raw, quota) {
  const storage = memoryStorage(quota);
  if (raw !== undefined) storage.items.set(SCHEMA.key, raw);
  return { storage, store: create({ storage: () => storage }) };
}

/* ---- Arbitraries from the schema -------------------------------------------------------- */
const segment = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,8}$/);
const arbPage = fc.tuple(fc.array(segment, { maxLength: 2 }), segment).map(([dirs, name]) => [...dirs, name].join("/") + ".md");
const arbId = fc.oneof(
  fc.stringMatching(/^[a-z0-9][a-z0-9_.:-]{0,12}$/),
  fc.constantFrom("café-au-lait", "日本語のテスト", "überprüfen", "dates-2026", "item-2"),
).filter((id) => !SCHEMA.reserved.includes(id));
const arbLegacyKey = fc.tuple(fc.array(segment, { maxLength: 3 }), fc.nat({ max: 9999 }))
  .map(([dirs, n]) => "/" + dirs.map((d) => d + "/").join("") + "#" + n);
const arbTime = fc.integer({ min: 0, max: 4102444800000 });
const oneLine = (max) => fc.string({ maxLength: max }).map((s) => s.replace(/[\u0000-\u001f\u007f]/g, " "));
const KEYS = { page: arbPage, id: arbId, legacy: arbLegacyKey };
const SMALL = { pages: 4, perPage: 4, legacy: 4, recent: LIMITS.recent, answerItems: 5 };

function arb(node) {
  switch (node.type) {
    case "time": return arbTime;
    case "bool": return fc.boolean();
    case "position": return fc.option(fc.nat({ max: 99 }), { nil: null });
    case "key": return KEYS[node.format];
    case "text": return node.line ? oneLine(40) : fc.string({ maxLength: 120, unit: "grapheme" });
    case "list": {
      const items = arb(node.items);
      // recent lists one visit per page, as the store keeps them
      return node.items.fields && node.items.fields.page
        ? fc.uniqueArray(items, { maxLength: SMALL[node.max], selector: (v) => v.page })
        : fc.array(items, { maxLength: SMALL[node.max] });
    }
    case "map": return fc.dictionary(KEYS[node.key], arb(node.values), { maxKeys: SMALL[node.max] });
    case "record": {
      const fields = {};
      for (const name of Object.keys(node.fields)) fields[name] = arb(node.fields[name]);
      return fc.record(fields);
    }
  }
  throw new Error(node.type);
}

const arbData = fc.record(Object.fromEntries(Object.keys(SCHEMA.fields).map((f) => [f, arb(SCHEMA.fields[f])])));
const exportOf = (data) => ({ app: SCHEMA.app, version: SCHEMA.version, exported: "2026-12-01T10:00:00.000Z", ...data });

/* Every leaf record, as "field path" -> value: what a reader saved, whatever empty maps surround it. */
function leaves(data) {
  const out = new Map();
  for (const field of Object.keys(SCHEMA.fields)) {
    const walk = (node, value, where) => {
      if (node.type === "map") for (const key of Object.keys(value)) walk(node.values, value[key], [...where, key]);
      // a list of visits is kept newest first, one per page: keyed by page, not position
      else if (node.type === "list") value.forEach((item) => out.set(JSON.stringify([...where, item.page]), JSON.stringify(item)));
      else out.set(JSON.stringify(where), JSON.stringify(value));
    };
    walk(SCHEMA.fields[field], data[field] || (SCHEMA.fields[field].type === "list" ? [] : {}), [field]);
  }
  return out;
}

/* ---- Hostile values, per schema node ----------------------------------------------------- */
const HOSTILE_PAGES = [
  "__proto__", "constructor", "prototype", "javascript:alert(1)", "javascript:alert(1)//.md", "JaVaScRiPt:x.md",
  "vbscript:msgbox(1).md", "data:text/html,<script>alert(1)</script>.md", "https://evil.example/x.md",
  "//evil.example/x.md", "../../etc/passwd.md", "/tech/x.md", "tech/../x.md", "tech/x.md?y=1", "tech/x.md#top",
  "Tech/X.md", "", " tech/x.md", "tech/x.md\n", "tech\\x.md", "tech/x.html", "<img src=x onerror=alert(1)>.md",
  "x".repeat(300) + ".md", "tech/%2e%2e/x.md",
];
const HOSTILE_IDS = ["__proto__", "constructor", "prototype", "", " space", "a b", "<b>x</b>", "x".repeat(200),
  "-leading", "javascript:alert(1)", "line\nbreak", "quote\"d"];
const HOSTILE_LEGACY = ["__proto__", "constructor", "no-hash", "/path/#", "/path/#x", "/path/#12345", "javascript:alert(1)#1",
  "/a b/#1", "/x/#1\n"];
const BAD_KEYS = { page: HOSTILE_PAGES, id: HOSTILE_IDS, legacy: HOSTILE_LEGACY };
const WRONG_TYPES = [null, 0, -1, 1.5, "text", true, [], {}, { __proto__: null, polluted: "yes" }, [1, 2]];

/* Values that a node of this type must refuse (never valid, whatever the file around them). */
function badValues(node) {
  const not = (ok) => WRONG_TYPES.filter((v) => !ok(v));
  switch (node.type) {
    case "time": return fc.constantFrom(...not((v) => Number.isInteger(v) && v >= 0), -5, 1.25, 1e300);
    case "bool": return fc.constantFrom(...not((v) => typeof v === "boolean"), "true", 1);
    case "position": return fc.constantFrom(...not((v) => v === null || (Number.isInteger(v) && v >= 0 && v <= 99)), 100, "1");
    case "key": return fc.constantFrom(...BAD_KEYS[node.format], ...not((v) => typeof v === "string"));
    case "text": {
      const long = fc.integer({ min: 1, max: 40 }).map((n) => "é".repeat(LIMITS[node.max] + n));
      const wrong = fc.constantFrom(...not((v) => typeof v === "string"));
      return node.line ? fc.oneof(long, wrong, fc.constantFrom("line\nbreak", "tab\there", "nul\u0000")) : fc.oneof(long, wrong);
    }
    case "list": return fc.oneof(fc.constantFrom(...not(Array.isArray)),
      arb(node.items).map((item) => Array.from({ length: LIMITS[node.max] + 1 }, () => item)));
    case "map": return fc.constantFrom(...not((v) => v !== null && typeof v === "object" && !Array.isArray(v)));
    case "record": return fc.constantFrom(...not((v) => v !== null && typeof v === "object" && !Array.isArray(v)));
  }
  throw new Error(node.type);
}

/* Every place in a file where one fault can go: [schema node, path of keys, kind]. */
function places(data) {
  const out = [];
  const walk = (node, value, where) => {
    out.push({ node, where, kind: "value" });
    if (node.type === "map") {
      out.push({ node, where, kind: "badKey" });
      if (LIMITS[node.max] <= 1000) out.push({ node, where, kind: "tooMany" });
      for (const key of Object.keys(value)) walk(node.values, value[key], [...where, key]);
    } else if (node.type === "list") value.forEach((item, i) => walk(node.items, item, [...where, i]));
    else if (node.type === "record") {
      out.push({ node, where, kind: "unknownField" }, { node, where, kind: "missingField" });
      for (const name of Object.keys(node.fields)) walk(node.fields[name], value[name], [...where, name]);
    }
  };
  for (const field of Object.keys(SCHEMA.fields)) walk(SCHEMA.fields[field], data[field], [field]);
  return out;
}

/* A valid file with exactly one fault planted; returns [file text, field the fault is in]. */
const arbHostileFile = arbData.chain((data) => {
  const all = places(data);
  return fc.nat({ max: all.length - 1 }).chain((i) => {
    const place = all[i];
    const file = JSON.parse(JSON.stringify(exportOf(data)));
    const parent = place.where.slice(0, -1).reduce((o, k) => o[k], file);
    const last = place.where[place.where.length - 1];
    const target = parent[last];
    let fault;
    switch (place.kind) {
      case "value": fault = badValues(place.node).map((bad) => { parent[last] = bad; }); break;
      case "badKey": fault = fc.tuple(fc.constantFrom(...BAD_KEYS[place.node.key]), arb(place.node.values))
        .map(([key, value]) => { Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true }); });
        break;
      case "tooMany": fault = arb(place.node.values).map((value) => {
        for (let n = 0; Object.keys(target).length <= LIMITS[place.node.max]; n += 1)
          target[place.node.key === "legacy" ? `/many/#${n}` : place.node.key === "page" ? `many/p${n}.md` : `many-${n}`] = value;
      }); break;
      case "unknownField": fault = fc.constantFrom("extra", "__proto__", "constructor", "href", "html")
        .map((name) => { Object.defineProperty(target, name, { value: "x", enumerable: true, writable: true, configurable: true }); });
        break;
      case "missingField": fault = fc.constantFrom(...Object.keys(place.node.fields)).map((name) => { delete target[name]; }); break;
    }
    return fault.map(() => [JSON.stringify(file), place.where[0], place]);
  });
});

function unpolluted() {
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), OBJECT_PROTOTYPE, "Object.prototype was written to");
  assert.equal({}.polluted, undefined);
}
const OBJECT_PROTOTYPE = Object.getOwnPropertyNames(Object.prototype).sort();

/* Stored data that the strict check accepts as it is. */
function assertValidStored(storage) {
  const stored = JSON.parse(storage.getItem(SCHEMA.key));
  assert.doesNotThrow(() => validateImport({ ...stored, app: SCHEMA.app }), "what was stored passes the schema");
  for (const field of ["ticks", "checks", "saved", "notes"])
    for (const page of Object.keys(stored[field])) assert.match(page, formats.page);
  for (const visit of stored.recent) assert.match(visit.page, formats.page);
}

/* ---- Properties ---------------------------------------------------------------------------- */

test("a file with one planted fault is refused whole, names that fault, and changes nothing", () => {
  fc.assert(fc.property(arbData, arbHostileFile, (mine, [text, field]) => {
    const { storage, store } = freshStore(JSON.stringify({ version: 2, ...mine }));
    store.read();
    const before = storage.snapshot();
    let refused = null;
    try { store.importText(text); } catch (e) { refused = e; }
    assert.ok(refused, "the faulty file was accepted");
    assert.equal(refused.constructor, Error, `not a plain refusal: ${refused}`);
    assert.ok(refused.message.startsWith(SCHEMA.labels[field]) || refused.message.startsWith("Together with"),
      `the message does not name the fault in ${SCHEMA.labels[field]}: ${refused.message}`);
    assert.doesNotMatch(refused.message, /undefined|\[object|TypeError/);
    assert.equal(storage.snapshot(), before, "a refused file changed the storage");
    unpolluted();
  }), RUNS);
});

test("any JSON at all: accepted into valid data or refused with a plain message, nothing polluted", () => {
  const envelope = fc.record({ app: fc.constantFrom(SCHEMA.app, "other", 1), version: fc.jsonValue() }, { requiredKeys: [] });
  const arbFile = fc.oneof(
    fc.jsonValue(),
    fc.tuple(envelope, fc.dictionary(fc.constantFrom(...Object.keys(SCHEMA.fields), "__proto__", "constructor", "x"),
      fc.jsonValue())).map(([head, body]) => ({ ...body, ...head })),
    fc.tuple(arbData, fc.jsonValue()).map(([data, junk]) => ({ ...exportOf(data), [Object.keys(SCHEMA.fields)[0]]: junk })),
  );
  fc.assert(fc.property(arbFile, (file) => {
    const { storage, store } = freshStore();
    const before = storage.snapshot();
    const text = JSON.stringify(file) ?? "null";
    try {
      store.importText(text);
      assertValidStored(storage);
    } catch (e) {
      if (e instanceof assert.AssertionError) throw e;
      assert.equal(e.constructor, Error, String(e));
      assert.ok(e.message.length > 10);
      assert.equal(storage.snapshot(), before);
    }
    unpolluted();
    assert.doesNotThrow(() => store.read());
  }), RUNS);
});

test("prototype keys anywhere in a file never reach Object.prototype and are refused by name", () => {
  const spots = ["ticks", "checks", "saved", "notes", "legacy"];
  fc.assert(fc.property(fc.constantFrom(...spots), fc.constantFrom("__proto__", "constructor", "prototype"),
    fc.boolean(), (field, name, nested) => {
      const inner = `{"${name}":{"polluted":"yes","toString":"x"}}`;
      const value = nested ? `{"tech/x.md":${inner}}` : inner;
      const text = `{"app":"project-nexus","version":2,"${field}":${value}}`;
      const { storage, store } = freshStore();
      assert.throws(() => store.importText(text), (e) => e.message.includes(`“${name}” is a reserved name`) ||
        (field === "saved" || field === "notes" || field === "legacy") && nested);
      assert.equal(storage.items.size, 0);
      unpolluted();
    }), RUNS);
});

test("a valid export imports whole: every record arrives, and nothing already here is removed or changed", () => {
  fc.assert(fc.property(arbData, arbData, (mine, theirs) => {
    const { storage, store } = freshStore(JSON.stringify({ version: 2, ...mine }));
    const before = leaves(store.read());
    store.importText(JSON.stringify(exportOf(theirs)));
    assertValidStored(storage);
    const after = leaves(store.read());
    for (const [where, value] of before) {
      const [field] = JSON.parse(where);
      if (field === "recent") continue;                   // the ten most recent visits, merged
      if (field === "notes") assert.ok(JSON.parse(after.get(where)).text.startsWith(JSON.parse(value).text));
      else assert.equal(after.get(where), value, `${where} changed`);
    }
    for (const [where] of leaves(theirs)) if (!JSON.parse(where).includes("recent")) assert.ok(after.has(where), `${where} missing`);
  }), RUNS);
});

test("export then import into an empty browser gives the same data back", () => {
  fc.assert(fc.property(arbData, (data) => {
    const one = freshStore(JSON.stringify({ version: 2, ...data })).store;
    const two = freshStore();
    two.store.importText(one.exported());
    assert.deepEqual(leaves(two.store.read()), leaves(one.read()));
  }), RUNS);
});

test("bad stored data never breaks a read: bad records go, every good one stays, the original is set aside", () => {
  const arbJunk = fc.array(fc.tuple(fc.constantFrom("ticks", "checks", "saved", "notes", "legacy"),
    fc.oneof(fc.constantFrom(...HOSTILE_PAGES, ...HOSTILE_LEGACY), arbPage),
    // {} is a valid (empty) page of ticks: every other value is wrong for every field
    fc.constantFrom(...WRONG_TYPES.filter((v) => !(v && typeof v === "object" && !Object.keys(v).length)), "x")),
    { minLength: 1, maxLength: 5 });
  fc.assert(fc.property(arbData, arbJunk, (data, junk) => {
    const stored = JSON.parse(JSON.stringify({ version: 2, ...data }));
    let planted = false;
    for (const [field, key, value] of junk) {
      if (Object.prototype.hasOwnProperty.call(stored[field], key)) continue;
      // a fresh key with a value its field never holds (a bool is a valid old-format tick)
      if (field === "legacy" && typeof value === "boolean") continue;
      Object.defineProperty(stored[field], key, { value, enumerable: true, writable: true, configurable: true });
      planted = true;
    }
    const raw = JSON.stringify(stored);
    const { storage, store } = freshStore(raw);
    let read;
    assert.doesNotThrow(() => { read = store.read(); });
    assert.deepEqual(leaves(read), leaves(data), "a good record was lost or a bad one kept");
    assert.equal(Object.getPrototypeOf(read.ticks), null);
    if (planted) {
      const aside = [...storage.items].filter(([k]) => k.startsWith(SCHEMA.key + ".repaired."));
      assert.equal(aside.length, 1);
      assert.equal(aside[0][1], raw, "the original is kept whole for a human to rescue");
    }
    assertValidStored(storage);
    unpolluted();
  }), RUNS);
});

test("any stored value at all: read() returns valid data and never throws", () => {
  fc.assert(fc.property(fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom("version", ...Object.keys(SCHEMA.fields)),
    fc.jsonValue())), (value) => {
    const { storage, store } = freshStore(JSON.stringify(value) ?? "null");
    assert.doesNotThrow(() => store.read());
    assert.doesNotThrow(() => store.update((d) => { d.saved["tech/x.md"] = { title: "X", t: 1 }; }));
    assertValidStored(storage);
    unpolluted();
  }), RUNS);
});

test("every version the hub never wrote is refused by name; version 1 is migrated", () => {
  fc.assert(fc.property(fc.jsonValue().filter((v) => v !== 1 && v !== 2), (version) => {
    const { storage, store } = freshStore();
    assert.throws(() => store.importText(JSON.stringify({ app: SCHEMA.app, version, saved: {} })),
      (e) => /version/.test(e.message) && (typeof version === "number" && Number.isInteger(version) && version > 2
        ? e.message.includes(`version ${version}`) : e.message.includes("“" + JSON.stringify(version).slice(0, 20))));
    assert.equal(storage.items.size, 0);
  }), RUNS);
  const { store } = freshStore();
  assert.throws(() => store.importText('{"app":"project-nexus","saved":{}}'), /no version number/);
  const data = store.importText('{"app":"project-nexus","version":1,"exported":"x","/p/month-1/#3":true}');
  assert.deepEqual({ ...data.legacy }, { "/p/month-1/#3": true });
  assert.throws(() => store.importText('{"app":"project-nexus","version":1,"ticks":{}}'), /version-1 ticks: “ticks” is not an old-format tick/);
});

test("size limits: a large file, a long note, too many pages, and a merge that outgrows a note", () => {
  const { storage, store } = freshStore();
  const padded = JSON.stringify(exportOf({})) + " ".repeat(LIMITS.fileBytes);
  assert.throws(() => store.importText(padded), /larger than 2 MB/);
  const note = (text) => JSON.stringify(exportOf({ notes: { "tech/x.md": { text, title: "X", t: 1 } } }));
  assert.throws(() => store.importText(note("a".repeat(LIMITS.noteChars + 1))),
    /: notes › “tech\/x\.md” › text: the note is 20,001 characters long; the most it can hold is 20,000\.$/);
  assert.equal(storage.items.size, 0);
  store.importText(note("😀".repeat(LIMITS.noteChars)));       // characters, not UTF-16 units
  const before = storage.snapshot();
  assert.throws(() => store.importText(note("b".repeat(LIMITS.noteChars - 5))), /: Together with what this browser already has, notes/);
  assert.equal(storage.snapshot(), before);
  const pages = Object.fromEntries(Array.from({ length: LIMITS.pages + 1 }, (_, i) => [`p/n${i}.md`, { title: "", t: 1 }]));
  assert.throws(() => store.importText(JSON.stringify(exportOf({ saved: pages }))), /: saved pages: 1,001 entries; the most it can hold is 1,000\.$/);
  assert.equal(storage.snapshot(), before);
});

test("a full storage refuses an import whole, with a message", () => {
  const { storage, store } = freshStore(undefined, 2000);
  store.update((d) => { d.saved["tech/x.md"] = { title: "X", t: 1 }; });
  const before = storage.snapshot();
  const notes = { "tech/y.md": { text: "n".repeat(5000), title: "Y", t: 2 } };
  assert.throws(() => store.importText(JSON.stringify(exportOf({ notes }))), /no room for this file; nothing was imported/);
  assert.equal(storage.snapshot(), before);
});

test("the messages name the first problem in plain words", () => {
  const { store } = freshStore();
  const cases = [
    ['{"hello": 1}', "This file is not a Project Nexus export."],
    ["not json", "This file is not a JSON file."],
    ['{"app":"project-nexus","version":99}', "This file comes from a newer version of the hub (version 99); reload the page and try again."],
    ['{"app":"project-nexus","version":"2"}', "This file's version, “\"2\"”, is not one the hub has ever written (1 to 2)."],
    ['{"app":"project-nexus","version":2,"saved":{"javascript:alert(1)//.md":{"title":"x","t":1}}}',
      "saved pages: “javascript:alert(1)//.md” is not a page of this hub (pages are named by their path, such as concepts/caching.md)."],
    ['{"app":"project-nexus","version":2,"ticks":{"tech/x.md":{"a":true}}}',
      "checklist ticks › “tech/x.md” › “a”: expected a time (a whole number of milliseconds), found true or false."],
    ['{"app":"project-nexus","version":2,"saved":{"tech/x.md":{"title":"x","t":1,"href":"javascript:x"}}}',
      "saved pages › “tech/x.md”: the field “href” is not one My learning uses."],
    ['{"app":"project-nexus","version":2,"recent":[{"page":"tech/x.md","title":"<b>x</b>"}]}',
      "recently visited pages › entry 1: the field “t” is missing."],
    ['{"app":"project-nexus","version":2,"html":"<script>"}', "the file has a field “html” that My learning does not use."],
  ];
  for (const [text, message] of cases) assert.throws(() => store.importText(text), (e) => e.message === message || assert.equal(e.message, message));
});

test("titles stay text and page keys never carry a scheme", () => {
  fc.assert(fc.property(fc.constantFrom(...HOSTILE_PAGES), (page) => {
    assert.ok(!formats.page.test(page) || !page.includes(":"));
  }));
  const { store } = freshStore();
  const data = store.importText(JSON.stringify(exportOf({ saved: { "tech/x.md": { title: "<img src=x onerror=alert(1)>", t: 1 } } })));
  assert.equal(data.saved["tech/x.md"].title, "<img src=x onerror=alert(1)>", "kept as text; extra.js shows it with textContent");
});
