/* The reader's data (ticks, self-check answers, saved pages, notes, recent pages): the one
 * module that reads and writes it. Everything lives in this browser's localStorage under one
 * key, with a schema version; nothing is sent anywhere. Keys are a page's source path
 * (concepts/caching.md) plus a stable id, so they are the same online and in the offline copy.
 *
 * SCHEMA below is the one description of that data (key formats, types, sizes, counts). The
 * store checks every file against it before an import writes anything, and checks what it reads
 * back on every load, so stored data can never break a page. tests/js/ loads this same file in
 * Node (the export at the bottom) and generates hostile files from the same SCHEMA.
 *
 * Version 1 was extra.js's position-keyed map under "nexus-progress" ({"/path/#3": true}).
 * A future change adds MIGRATIONS[n] (n -> n + 1): stored data is upgraded, never dropped; a
 * version the hub never wrote is refused by name. */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;     // node --test
  else root.nexusStore = api.create({ storage: function () { return root.localStorage; }, document: root.document });
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var SCHEMA = {
    key: "nexus-learning",
    legacyKey: "nexus-progress",
    app: "project-nexus",
    version: 2,
    // Sizes and counts. The hub has about 130 pages, a checklist has at most a few dozen items and
    // a self-check 3-6 questions, so each limit is far above what a reader can produce.
    limits: {
      fileBytes: 2000000,      // an import file (5 MB is a browser's whole storage for the hub)
      pages: 1000,             // pages in each of ticks, checks, saved and notes
      perPage: 300,            // ticks or answers on one page
      legacy: 5000,            // version-1 ticks still waiting for their page
      recent: 10,
      noteChars: 20000,        // characters in one note (the note box says so too)
      titleChars: 200,
      idChars: 100,
      legacyKeyChars: 500,
      answerItems: 20
    },
    // Key formats, as regular expression sources (flag "u").
    formats: {
      // A page of this hub: its source path, as nexus/site/learning.py writes it. No scheme, no "..",
      // no leading "/": it can only ever become a link to a page of this hub.
      page: "^(?:[a-z0-9][a-z0-9_-]*/)*[a-z0-9][a-z0-9_-]*\\.md$",
      // A checklist item's key or a self-check question's id.
      id: "^[\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}_.:-]*$",
      // A version-1 tick: "<URL path>#<position>".
      legacy: "^/[^\\s#\\u0000-\\u001f\\u007f]*#\\d{1,4}$"
    },
    // Never a key, whatever the format says: they name parts of every JavaScript object.
    reserved: ["__proto__", "constructor", "prototype"],
    // Plain-words names, for messages.
    labels: {
      ticks: "checklist ticks", checks: "self-check answers", saved: "saved pages", notes: "notes",
      recent: "recently visited pages", legacy: "old-format ticks"
    },
    // The stored fields, in the order a file is checked. Node types: map (keys of a format, at most
    // `max` of them), list, record (exactly these fields), text, time, bool, position, key.
    fields: {
      ticks: { type: "map", key: "page", max: "pages",
               values: { type: "map", key: "id", max: "perPage", values: { type: "time" } } },
      checks: { type: "map", key: "page", max: "pages",
                values: { type: "map", key: "id", max: "perPage",
                          values: { type: "record", fields: {
                            ok: { type: "bool" },
                            answer: { type: "list", max: "answerItems", items: { type: "position" } },
                            t: { type: "time" } } } } },
      saved: { type: "map", key: "page", max: "pages",
               values: { type: "record", fields: { title: { type: "text", max: "titleChars", line: true },
                                                   t: { type: "time" } } } },
      notes: { type: "map", key: "page", max: "pages",
               values: { type: "record", fields: { text: { type: "text", max: "noteChars" },
                                                   title: { type: "text", max: "titleChars", line: true },
                                                   t: { type: "time" } } } },
      recent: { type: "list", max: "recent",
                items: { type: "record", fields: { page: { type: "key", format: "page" },
                                                   title: { type: "text", max: "titleChars", line: true },
                                                   t: { type: "time" } } } },
      legacy: { type: "map", key: "legacy", max: "legacy", values: { type: "bool" } }
    },
    // What an export adds around the fields.
    envelope: ["app", "version", "exported"]
  };

  var VERSION = SCHEMA.version, LIMITS = SCHEMA.limits;
  var FORMATS = {};
  Object.keys(SCHEMA.formats).forEach(function (name) { FORMATS[name] = new RegExp(SCHEMA.formats[name], "u"); });
  var KIND = { page: "a page of this hub (pages are named by their path, such as concepts/caching.md)",
               id: "a checklist item's or question's id (letters, digits and - _ . :)",
               legacy: "an old-format tick (such as /path/month-1/#3)" };

  /* Data, as the store hands it out: every map has no prototype, so no key can reach one. */
  function dict() { return Object.create(null); }

  function blank() {
    var data = dict();
    data.version = VERSION;
    Object.keys(SCHEMA.fields).forEach(function (field) { data[field] = SCHEMA.fields[field].type === "list" ? [] : dict(); });
    return data;
  }

  function isMap(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function own(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function quote(text) {
    text = String(text);
    var chars = Array.from(text);
    return "“" + (chars.length > 60 ? chars.slice(0, 60).join("") + "…" : text) + "”";
  }

  function typeName(value) {
    if (value === null) return "nothing (null)";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "object") return "a group of fields";
    if (typeof value === "string") return "text";
    if (typeof value === "number") return "a number";
    if (typeof value === "boolean") return "true or false";
    return typeof value;
  }

  /* Characters, not UTF-16 units: an emoji is one. (A string's length is never smaller.) */
  function chars(text, max) { return text.length <= max ? text.length : Array.from(text).length; }
  function cut(text, max) { return Array.from(text).slice(0, max).join(""); }
  function number(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function tooLarge() {
    return "This file is larger than " + number(LIMITS.fileBytes / 1e6) + " MB (" + number(LIMITS.fileBytes) +
      " bytes), the most an export of My learning can be.";
  }

  /* A problem with a file or stored data, in plain words; `where` is the path to it. */
  function Problem(where, message) {
    this.where = where;
    this.message = (where.length ? where.join(" › ") + ": " : "") + message;
  }

  function keyProblem(key, format) {
    if (SCHEMA.reserved.indexOf(key) !== -1) return quote(key) + " is a reserved name, so it cannot be " + KIND[format] + ".";
    var max = format === "legacy" ? LIMITS.legacyKeyChars : format === "id" ? LIMITS.idChars : LIMITS.titleChars;
    if (key.length > max) return "a name of " + number(key.length) + " characters is too long (at most " + number(max) + ").";
    if (!FORMATS[format].test(key)) return quote(key) + " is not " + KIND[format] + ".";
    return null;
  }

  /* Checks `value` against a schema node. strict: the first problem is thrown (imports).
   * Otherwise (stored data) a bad entry is dropped, a text too long is cut, and each repair is
   * listed in `repairs`; the good entries around it are kept. Returns a fresh copy. */
  var DROP = {};
  function check(node, value, where, strict, repairs) {
    function problem(message) {
      var found = new Problem(where, message);
      if (strict) throw found;
      repairs.push(found.message);
      return DROP;
    }
    switch (node.type) {
      case "time":
        if (typeof value !== "number" || !isFinite(value) || value < 0 || value > 8.64e15 || Math.floor(value) !== value)
          return problem("expected a time (a whole number of milliseconds), found " + typeName(value) + ".");
        return value;
      case "bool":
        if (typeof value !== "boolean") return problem("expected true or false, found " + typeName(value) + ".");
        return value;
      case "position":
        if (value !== null && (typeof value !== "number" || Math.floor(value) !== value || value < 0 || value > 99))
          return problem("expected an answer's position (0 to 99), found " + typeName(value) + ".");
        return value;
      case "key":
        if (typeof value !== "string") return problem("expected " + KIND[node.format] + ", found " + typeName(value) + ".");
        var bad = keyProblem(value, node.format);
        return bad ? problem(bad) : value;
      case "text":
        if (typeof value !== "string") return problem("expected text, found " + typeName(value) + ".");
        if (node.line && /[\u0000-\u001f\u007f]/.test(value)) {
          if (strict) return problem("a title must be one line of text without control characters.");
          repairs.push(new Problem(where, "control characters removed").message);
          value = value.replace(/[\u0000-\u001f\u007f]+/g, " ");
        }
        var max = LIMITS[node.max], length = chars(value, max);
        if (length > max) {
          var words = node.max === "noteChars" ? "the note is " : "the text is ";
          if (strict) return problem(words + number(length) + " characters long; the most it can hold is " + number(max) + ".");
          repairs.push(new Problem(where, "cut to " + number(max) + " characters").message);
          value = cut(value, max);
        }
        return value;
      case "list":
        if (!Array.isArray(value)) return problem("expected a list, found " + typeName(value) + ".");
        if (value.length > LIMITS[node.max]) {
          if (strict) return problem(number(value.length) + " entries; the most it can hold is " + number(LIMITS[node.max]) + ".");
          repairs.push(new Problem(where, "only the first " + LIMITS[node.max] + " entries kept").message);
          value = value.slice(0, LIMITS[node.max]);
        }
        var list = [];
        value.forEach(function (item, i) {
          var clean = check(node.items, item, where.concat("entry " + (i + 1)), strict, repairs);
          if (clean !== DROP) list.push(clean);
        });
        return list;
      case "map":
        if (!isMap(value)) return problem("expected a group of named entries, found " + typeName(value) + ".");
        var keys = Object.keys(value), map = dict(), kept = 0;
        if (keys.length > LIMITS[node.max] && strict)
          return problem(number(keys.length) + " entries; the most it can hold is " + number(LIMITS[node.max]) + ".");
        keys.forEach(function (key) {
          var bad = keyProblem(key, node.key);
          if (bad) { problem(bad); return; }
          if (kept >= LIMITS[node.max]) { problem("more than " + number(LIMITS[node.max]) + " entries; " + quote(key) + " left out."); return; }
          var clean = check(node.values, value[key], where.concat(quote(key)), strict, repairs);
          if (clean !== DROP) { map[key] = clean; kept += 1; }
        });
        return map;
      case "record":
        if (!isMap(value)) return problem("expected a group of fields, found " + typeName(value) + ".");
        var record = dict(), failed = false;
        Object.keys(value).forEach(function (name) {
          if (!own(node.fields, name)) problem("the field " + quote(name) + " is not one My learning uses.");
        });
        Object.keys(node.fields).forEach(function (name) {
          if (failed) return;
          if (!own(value, name)) { failed = problem("the field " + quote(name) + " is missing.") === DROP; return; }
          var clean = check(node.fields[name], value[name], where.concat(name), strict, repairs);
          if (clean === DROP) failed = true; else record[name] = clean;
        });
        return failed ? DROP : record;
    }
    throw new Error("store.js: unknown schema node " + node.type);
  }

  /* The fields of version-2 data. strict: throw the first problem; otherwise repair. */
  function checkFields(data, strict, repairs, extra) {
    var clean = blank();
    Object.keys(data).forEach(function (name) {
      if (!own(SCHEMA.fields, name) && name !== "version" && (extra || []).indexOf(name) === -1) {
        var found = new Problem([], "the file has a field " + quote(name) + " that My learning does not use.");
        if (strict) throw found;
        repairs.push(found.message);
      }
    });
    Object.keys(SCHEMA.fields).forEach(function (field) {
      if (!own(data, field)) return;          // a field an older export did not have: empty
      var result = check(SCHEMA.fields[field], data[field], [SCHEMA.labels[field]], strict, repairs);
      if (result !== DROP) clean[field] = result;
    });
    return clean;
  }

  /* Version n -> n + 1, for data that has passed version n's own check. */
  var MIGRATIONS = {
    1: function (old) { var data = blank(); data.legacy = old; return data; }
  };

  /* A version-1 map: position keys and true/false, nothing else (an export's envelope aside). */
  var VERSION_1 = { type: "map", key: "legacy", max: "legacy", values: { type: "bool" } };
  function checkVersion1(data, strict, repairs, envelope) {
    var ticks = dict();
    Object.keys(data).forEach(function (key) {
      if (key !== "version" && (envelope || []).indexOf(key) === -1) ticks[key] = data[key];
    });
    var legacy = check(VERSION_1, ticks, ["version-1 ticks"], strict, repairs);
    return legacy === DROP ? dict() : legacy;
  }

  /* An import file (already parsed): checked whole against the schema, migrated to this
   * version, or refused with the first problem in plain words. Nothing is written here. */
  function validateImport(file) {
    if (!isMap(file) || file.app !== SCHEMA.app) throw new Problem([], "This file is not a Project Nexus export.");
    if (!own(file, "version")) throw new Problem([], "This file has no version number, so the hub cannot tell how to read it.");
    var version = file.version;
    if (typeof version === "number" && Math.floor(version) === version && version > VERSION)
      throw new Problem([], "This file comes from a newer version of the hub (version " + version + "); reload the page and try again.");
    if (typeof version !== "number" || Math.floor(version) !== version || version < 1)
      throw new Problem([], "This file's version, " + quote(JSON.stringify(version)) + ", is not one the hub has ever written (1 to " + VERSION + ").");
    if (own(file, "exported") && (typeof file.exported !== "string" || file.exported.length > 40))
      throw new Problem(["exported"], "expected the date of the export, found " + typeName(file.exported) + ".");
    var data;
    if (version === 1) data = MIGRATIONS[1](checkVersion1(file, true, [], SCHEMA.envelope));
    else data = checkFields(file, true, [], SCHEMA.envelope);
    for (var v = version + 1; v < VERSION; v += 1) data = MIGRATIONS[v](data);
    return data;
  }

  /* Stored data, on every read: repaired, never refused. Returns { data, repairs }. */
  function repairStored(stored) {
    var repairs = [];
    if (!isMap(stored)) return { data: blank(), repairs: ["the stored data is " + typeName(stored) + ", not the hub's fields"] };
    var version = stored.version;
    if (version === 1) return { data: MIGRATIONS[1](checkVersion1(stored, false, repairs)), repairs: repairs };
    if (version !== VERSION) repairs.push("stored version " + quote(JSON.stringify(version)) + " read as version " + VERSION);
    return { data: checkFields(stored, false, repairs), repairs: repairs };
  }

  /* JSON text -> value whose objects have no prototype ("__proto__" stays a plain, refused key). */
  function parse(text) {
    return JSON.parse(text, function (key, value) {
      if (!isMap(value)) return value;
      var copy = dict();
      Object.keys(value).forEach(function (name) { copy[name] = value[name]; });
      return copy;
    });
  }

  /* Import merge: add what is missing, never delete or overwrite what is here. Notes that differ
   * are both kept. Works on copies; the caller checks the result before writing. */
  function combine(data, from) {
    ["ticks", "checks"].forEach(function (field) {
      Object.keys(from[field]).forEach(function (page) {
        var mine = data[field][page] = data[field][page] || dict();
        Object.keys(from[field][page]).forEach(function (id) { if (!(id in mine)) mine[id] = from[field][page][id]; });
      });
    });
    Object.keys(from.saved).forEach(function (page) { if (!data.saved[page]) data.saved[page] = from.saved[page]; });
    Object.keys(from.legacy).forEach(function (key) { if (!(key in data.legacy)) data.legacy[key] = from.legacy[key]; });
    Object.keys(from.notes).forEach(function (page) {
      var mine = data.notes[page], theirs = from.notes[page];
      if (!mine || !mine.text) data.notes[page] = theirs;
      else if (theirs.text && mine.text.indexOf(theirs.text) === -1) mine.text += "\n\n" + theirs.text;
    });
    var recent = dict();
    data.recent.concat(from.recent).forEach(function (visit) {
      if (!recent[visit.page] || recent[visit.page].t < visit.t) recent[visit.page] = visit;
    });
    data.recent = Object.keys(recent).map(function (page) { return recent[page]; })
      .sort(function (a, b) { return b.t - a.t; }).slice(0, LIMITS.recent);
    return data;
  }

  /* One store on one storage (the browser's localStorage, or a test's). */
  function create(env) {
    var KEY = SCHEMA.key, LEGACY = SCHEMA.legacyKey;
    var memory = null;       // the data, when storage is unavailable: the page keeps working
    var problem = null;      // null, "blocked" or "full"

    function storage() {
      try { return env.storage(); } catch (e) { return null; }   // blocked: the getter throws
    }

    function fail(kind) {
      problem = kind;
      notify();
    }

    function setAside(ls, kind, raw) {
      try { ls.setItem(KEY + "." + kind + "." + Date.now(), raw); return true; } catch (e) { return false; }
    }

    function copy(data) { return repairStored(parse(JSON.stringify(data))).data; }

    function read() {
      if (memory) return copy(memory);
      var ls = storage(), raw = null, data;
      try {
        if (!ls) throw new Error("blocked");
        raw = ls.getItem(KEY);
      } catch (e) {
        memory = blank();
        fail("blocked");
        return read();
      }
      var stored = raw ? (function () { try { return parse(raw); } catch (e) { return undefined; } })() : blank();
      if (stored === undefined) {   // unreadable data is set aside, not overwritten
        data = blank();
        if (!setAside(ls, "unreadable", raw) || !write(data)) { memory = data; fail("full"); }
      } else {
        var result = repairStored(stored);
        data = result.data;
        // Whatever did not fit the schema is kept whole beside the repaired data: nothing is lost.
        if (result.repairs.length && (!setAside(ls, "repaired", raw) || !write(data))) { memory = data; fail("full"); }
      }
      var old = null;
      try { old = parse(ls.getItem(LEGACY)); } catch (e) { old = null; }
      if (isMap(old)) {   // version 1: kept under "legacy" until each page resolves its ticks
        var legacy = checkVersion1(old, false, []);
        Object.keys(legacy).forEach(function (key) {
          if (!(key in data.legacy) && Object.keys(data.legacy).length < LIMITS.legacy) data.legacy[key] = legacy[key];
        });
        if (write(data)) { try { ls.removeItem(LEGACY); } catch (e) { /* kept: it is only a copy */ } }
      }
      return data;
    }

    function write(data) {
      if (memory) { memory = data; return false; }
      try {
        storage().setItem(KEY, JSON.stringify(data));
        return true;
      } catch (e) {
        memory = data;
        fail(e && (e.name === "QuotaExceededError" || e.code === 22) ? "full" : "blocked");
        return false;
      }
    }

    function update(change) {
      var data = read();
      change(data);
      write(copy(data));      // what a page changes is checked like everything else
      return data;
    }

    /* Import a parsed file: all or nothing. The file is checked whole, merged into a copy, the
     * result checked again (a merged note can outgrow its limit), and written in one step. A
     * refused file changes nothing; the Error's message names the first problem. */
    function merge(incoming) {
      var from;
      try { from = validateImport(incoming); } catch (e) { throw e instanceof Problem ? new Error(e.message) : e; }
      var merged = combine(read(), from);
      try {
        merged = checkFields(parse(JSON.stringify(merged)), true, []);
      } catch (e) {
        throw new Error("Together with what this browser already has, " + e.message.charAt(0).toLowerCase() + e.message.slice(1));
      }
      if (memory) { memory = merged; return copy(merged); }
      try {
        storage().setItem(KEY, JSON.stringify(merged));
      } catch (e) {
        throw new Error("This browser's storage has no room for this file; nothing was imported.");
      }
      return copy(merged);
    }

    /* Import the text of a file: its size first, then JSON, then merge(). */
    function importText(text) {
      if (typeof text !== "string") throw new Error("This file could not be read.");
      // UTF-8 never takes fewer bytes than UTF-16 units: a long string is refused before encoding it.
      if (text.length > LIMITS.fileBytes || new TextEncoder().encode(text).length > LIMITS.fileBytes) throw new Error(tooLarge());
      var file;
      try { file = parse(text); } catch (e) { throw new Error("This file is not a JSON file."); }
      return merge(file);
    }

    function exported() {
      var data = read(), out = dict();
      out.app = SCHEMA.app;
      out.exported = new Date().toISOString();
      Object.keys(data).forEach(function (field) { out[field] = data[field]; });
      return JSON.stringify(out, null, 1);
    }

    function clear() {
      memory = memory ? blank() : null;
      try { storage().removeItem(KEY); storage().removeItem(LEGACY); } catch (e) { /* nothing stored */ }
    }

    /* A visible, polite message on the page when data cannot be kept. */
    function notify() {
      var doc = env.document;
      var article = doc && doc.querySelector("article.md-content__inner");
      if (!problem || !article || article.querySelector(".nexus-storage-note")) return;
      var note = doc.createElement("p");
      note.className = "nexus-storage-note admonition";
      note.setAttribute("role", "status");
      note.textContent = problem === "full"
        ? "This browser's storage is full, so your latest ticks, answers and notes are kept only until you close this tab. Export them from My learning, or free some space."
        : "This browser does not let the hub store data (private browsing or strict privacy settings), so your ticks, answers and notes are kept only until you close this tab.";
      article.insertBefore(note, article.firstChild);
    }

    return { read: read, update: update, merge: merge, importText: importText, exported: exported, clear: clear,
             notify: notify, version: VERSION, limits: LIMITS, schema: SCHEMA, tooLarge: tooLarge, problem: function () { return problem; } };
  }

  return { create: create, SCHEMA: SCHEMA, validateImport: validateImport, repairStored: repairStored,
           parse: parse, formats: FORMATS, tooLarge: tooLarge };
});
