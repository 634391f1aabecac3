/* The reader's data (ticks, self-check answers, saved pages, notes, recent pages): the one
 * module that reads and writes it. Everything lives in this browser's localStorage under one
 * key, with a schema version; nothing is sent anywhere. Keys are a page's source path
 * (concepts/caching.md) plus a stable id, so they are the same online and in the offline copy.
 *
 * Version 1 was extra.js's position-keyed map under "nexus-progress" ({"/path/#3": true}).
 * A future change adds MIGRATIONS[n] (n -> n + 1): stored data is upgraded, never dropped. */
var nexusStore = (function () {
  "use strict";
  var KEY = "nexus-learning", LEGACY = "nexus-progress", VERSION = 2, APP = "project-nexus";
  var memory = null;       // the data, when storage is unavailable: the page keeps working
  var problem = null;      // null, "blocked" or "full"

  var MIGRATIONS = {
    1: function (old) { return { version: 2, legacy: old || {} }; }
  };

  function blank() {
    return { version: VERSION, ticks: {}, checks: {}, saved: {}, notes: {}, recent: [], legacy: {} };
  }

  function isMap(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }

  /* Any version up to VERSION -> VERSION; unknown fields are kept. */
  function upgrade(data) {
    if (!isMap(data)) data = {};
    if (typeof data.version !== "number") data = MIGRATIONS[1](data);
    while (data.version < VERSION) data = MIGRATIONS[data.version](data);
    var base = blank();
    Object.keys(base).forEach(function (field) {
      var ok = Array.isArray(base[field]) ? Array.isArray(data[field]) : isMap(data[field]);
      if (!ok) data[field] = base[field];
    });
    return data;
  }

  function storage() {
    try { return window.localStorage; } catch (e) { return null; }   // blocked: the getter throws
  }

  function fail(kind) {
    problem = kind;
    notify();
  }

  function read() {
    if (memory) return JSON.parse(JSON.stringify(memory));
    var ls = storage(), raw, data;
    try {
      raw = ls.getItem(KEY);
      data = raw ? JSON.parse(raw) : blank();
    } catch (e) {
      if (raw) {   // unreadable data is set aside, not overwritten
        data = blank();
        try {
          ls.setItem(KEY + ".unreadable." + Date.now(), raw);
          ls.setItem(KEY, JSON.stringify(data));
        } catch (full) {   // no room for the copy: work in memory rather than overwrite it
          memory = data;
          fail("full");
        }
      } else {
        memory = blank();
        fail("blocked");
        return read();
      }
    }
    data = upgrade(data);
    var old = null;
    try { old = JSON.parse(ls.getItem(LEGACY)); } catch (e) { old = null; }
    if (isMap(old)) {   // version 1: kept under "legacy" until each page resolves its ticks
      Object.keys(old).forEach(function (key) { if (!(key in data.legacy)) data.legacy[key] = old[key]; });
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
    write(data);
    return data;
  }

  /* Import: add what is missing, never delete or overwrite what is here. Notes that differ are
   * both kept. */
  function merge(incoming) {
    if (!isMap(incoming) || incoming.app !== APP) throw new Error("This file is not a Project Nexus export.");
    if (incoming.version > VERSION) throw new Error("This file comes from a newer version of the hub; reload the page and try again.");
    var from = upgrade(JSON.parse(JSON.stringify(incoming)));
    return update(function (data) {
      ["ticks", "checks"].forEach(function (field) {
        Object.keys(from[field]).forEach(function (page) {
          var mine = data[field][page] = data[field][page] || {};
          Object.keys(from[field][page]).forEach(function (id) { if (!(id in mine)) mine[id] = from[field][page][id]; });
        });
      });
      Object.keys(from.saved).forEach(function (page) { if (!data.saved[page]) data.saved[page] = from.saved[page]; });
      Object.keys(from.legacy).forEach(function (key) { if (!(key in data.legacy)) data.legacy[key] = from.legacy[key]; });
      Object.keys(from.notes).forEach(function (page) {
        var mine = data.notes[page], theirs = from.notes[page];
        if (!mine || !mine.text) data.notes[page] = theirs;
        else if (theirs && theirs.text && mine.text.indexOf(theirs.text) === -1) mine.text += "\n\n" + theirs.text;
      });
      var recent = {};
      data.recent.concat(from.recent).forEach(function (visit) {
        if (visit && visit.page && (!recent[visit.page] || recent[visit.page].t < visit.t)) recent[visit.page] = visit;
      });
      data.recent = Object.keys(recent).map(function (page) { return recent[page]; })
        .sort(function (a, b) { return b.t - a.t; }).slice(0, 10);
    });
  }

  function exported() {
    var data = read();
    data.app = APP;
    data.exported = new Date().toISOString();
    return JSON.stringify(data, null, 1);
  }

  function clear() {
    memory = memory ? blank() : null;
    try { storage().removeItem(KEY); storage().removeItem(LEGACY); } catch (e) { /* nothing stored */ }
  }

  /* A visible, polite message on the page when data cannot be kept. */
  function notify() {
    var article = document.querySelector("article.md-content__inner");
    if (!problem || !article || article.querySelector(".nexus-storage-note")) return;
    var note = document.createElement("p");
    note.className = "nexus-storage-note admonition";
    note.setAttribute("role", "status");
    note.textContent = problem === "full"
      ? "This browser's storage is full, so your latest ticks, answers and notes are kept only until you close this tab. Export them from My learning, or free some space."
      : "This browser does not let the hub store data (private browsing or strict privacy settings), so your ticks, answers and notes are kept only until you close this tab.";
    article.insertBefore(note, article.firstChild);
  }

  return { read: read, update: update, merge: merge, exported: exported, clear: clear, notify: notify,
           version: VERSION, problem: function () { return problem; } };
})();
