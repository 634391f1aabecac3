/* Small page behaviours. Material's document$ emits after every page load, including
 * instant navigation, so each behaviour re-binds to the new page's elements. The reader's
 * data goes through store.js (nexusStore); nothing is sent anywhere. */
(function () {
  "use strict";
  var store = window.nexusStore;

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $$(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }
  function article() { return $("article.md-content__inner"); }
  function scopePath() { return typeof __md_scope !== "undefined" ? __md_scope.pathname : "/"; }
  function words(node) { return node.textContent.replace(/\s+/g, " ").trim(); }

  /* Version-1 ticks were "<URL path>#<position>". When the page is next shown, the item at that
   * position gets the tick under its stable key; a position that no longer exists stays in
   * `legacy`, exported and never dropped. */
  function resolveLegacy(data, page, url, keys) {
    var prefix = scopePath() + url.replace(/index\.html$/, "") + "#";
    Object.keys(data.legacy).forEach(function (old) {
      if (old.lastIndexOf(prefix, 0) !== 0) return;
      var key = keys[Number(old.slice(prefix.length))];
      if (!key) return;
      if (data.legacy[old]) (data.ticks[page] = data.ticks[page] || Object.create(null))[key] = Date.now();
      delete data.legacy[old];
    });
  }

  function hasLegacy(data) { return Object.keys(data.legacy).length > 0; }

  /* Checklist ticks, keyed by data-tick (nexus/steps/learning.py: an explicit id or the item's text). */
  function bindTicks(page) {
    var items = $$(".task-list-item", article() || undefined);
    if (!page || !items.length) return;
    var keys = items.map(function (item) { return item.getAttribute("data-tick"); });
    var data = store.read();
    if (hasLegacy(data)) {
      var url = location.pathname.slice(scopePath().length);
      data = store.update(function (d) { resolveLegacy(d, page, url, keys); });
    }
    var ticks = data.ticks[page] || Object.create(null);
    items.forEach(function (item, i) {
      var box = $("input[type=checkbox]", item);
      if (!box || !keys[i]) return;
      box.disabled = false;
      box.setAttribute("aria-label", "Done: " + words(item).slice(0, 80));
      box.checked = Boolean(ticks[keys[i]]);
      box.addEventListener("change", function () {
        store.update(function (d) {
          var mine = d.ticks[page] = d.ticks[page] || Object.create(null);
          if (box.checked) mine[keys[i]] = Date.now(); else delete mine[keys[i]];
        });
      });
    });
  }

  /* Self-checks (nexus/steps/selfcheck.py renders them; answers and explanations are in the HTML). */
  function answerOf(q) {
    if (q.dataset.type === "order") {
      return $$("select", q).map(function (s) { return s.value ? Number(s.value) : null; });
    }
    return $$("input", q).filter(function (i) { return i.checked; }).map(function (i) { return Number(i.value); });
  }

  function grade(q, answer) {
    if (q.dataset.type === "order") {
      if (answer.indexOf(null) !== -1) return null;
      return $$(".nexus-q__step", q).every(function (step, i) { return Number(step.dataset.pos) === answer[i]; });
    }
    if (!answer.length) return null;
    var right = $$(".nexus-q__option", q).filter(function (o) { return o.dataset.correct === "true"; })
      .map(function (o) { return Number(o.dataset.option); });
    return right.length === answer.length && right.every(function (i) { return answer.indexOf(i) !== -1; });
  }

  function feedback(into, node) {
    var box = document.createElement("div");
    box.className = "nexus-q__feedback";
    if (node) box.appendChild(node.cloneNode(true)); else box.textContent = "";
    into.appendChild(box);
    return box;
  }

  function show(q, record, moveFocus) {
    var order = q.dataset.type === "order";
    $$("input, select", q).forEach(function (control, i) {
      if (order) control.value = record.answer[i] || ""; else control.checked = record.answer.indexOf(i) !== -1;
      control.disabled = true;
    });
    if (order) {
      $$(".nexus-q__step", q).forEach(function (step, i) {
        var ok = Number(step.dataset.pos) === record.answer[i];
        step.classList.add(ok ? "is-right" : "is-wrong");
        feedback(step).textContent = ok ? "Right position." : "Belongs at position " + step.dataset.pos + ".";
      });
      feedback($(".nexus-q__steps", q), $(".nexus-q__why", q));
    } else {
      $$(".nexus-q__option", q).forEach(function (option) {
        var chosen = record.answer.indexOf(Number(option.dataset.option)) !== -1;
        option.classList.add(option.dataset.correct === "true" ? "is-right" : "is-wrong");
        if (chosen) option.classList.add("is-chosen");
        var why = feedback(option, $('.nexus-q__why[data-option="' + option.dataset.option + '"]', q));
        if (chosen) ($("p", why) || why).insertAdjacentText("afterbegin", "Your answer. ");
      });
    }
    $(".nexus-q__result", q).textContent = record.ok
      ? "Correct. The explanations are under each answer."
      : "Not quite. The explanations under each answer say why.";
    $(".nexus-q__check", q).hidden = true;
    var retry = $(".nexus-q__retry", q);
    retry.hidden = false;
    if (moveFocus) retry.focus();
  }

  function reset(q) {
    $$(".nexus-q__feedback", q).forEach(function (node) { node.remove(); });
    $$(".is-right, .is-wrong, .is-chosen", q).forEach(function (node) { node.classList.remove("is-right", "is-wrong", "is-chosen"); });
    $$("input, select", q).forEach(function (control) {
      control.disabled = false;
      if (control.tagName === "SELECT") control.value = ""; else control.checked = false;
    });
    $(".nexus-q__result", q).textContent = "";
    $(".nexus-q__retry", q).hidden = true;
    $(".nexus-q__check", q).hidden = false;
  }

  function showScore(root, page) {
    var saved = store.read().checks[page] || Object.create(null), total = 0, right = 0, done = 0;
    $$(".nexus-q", root).forEach(function (q) {
      total += 1;
      if (saved[q.dataset.q]) { done += 1; if (saved[q.dataset.q].ok) right += 1; }
    });
    var score = $(".nexus-selfcheck__score", root);
    score.hidden = !done;
    score.textContent = "Your score: " + right + " of " + total + " right" +
      (done < total ? " (" + (total - done) + " not answered yet)." : ".");
  }

  function bindSelfChecks(page) {
    $$(".nexus-selfcheck").forEach(function (root) {
      page = root.dataset.page || page;
      root.classList.add("is-js");
      $(".nexus-selfcheck__intro", root).textContent =
        root.dataset.count + " questions. Answer each one and press Check; your answers stay in this browser.";
      var saved = store.read().checks[page] || Object.create(null);
      $$(".nexus-q", root).forEach(function (q) {
        var id = q.dataset.q;
        $(".nexus-q__actions", q).hidden = false;
        $(".nexus-q__check", q).addEventListener("click", function () {
          var answer = answerOf(q), ok = grade(q, answer);
          if (ok === null) {
            $(".nexus-q__result", q).textContent = q.dataset.type === "order"
              ? "Give every step a position, then press Check." : "Choose an answer, then press Check.";
            return;
          }
          var record = { ok: ok, answer: answer, t: Date.now() };
          store.update(function (d) { (d.checks[page] = d.checks[page] || Object.create(null))[id] = record; });
          show(q, record, true);
          showScore(root, page);
        });
        $(".nexus-q__retry", q).addEventListener("click", function () {
          store.update(function (d) { if (d.checks[page]) delete d.checks[page][id]; });
          reset(q);
          showScore(root, page);
          $("input, select", q).focus();
        });
        if (saved[id] && Array.isArray(saved[id].answer)) show(q, saved[id], false);
      });
      showScore(root, page);
    });
  }

  /* Save for later, notes and recent pages (the tools block in overrides/main.html). */
  function bindTools(page) {
    var tools = $(".nexus-tools");
    if (!tools || !page) return;
    var title = tools.dataset.title, data = store.read();
    tools.hidden = false;
    var save = $(".nexus-save", tools);
    if (save) {
      save.setAttribute("aria-pressed", String(Boolean(data.saved[page])));
      save.addEventListener("click", function () {
        var on = save.getAttribute("aria-pressed") !== "true";
        store.update(function (d) { if (on) d.saved[page] = { title: title, t: Date.now() }; else delete d.saved[page]; });
        save.setAttribute("aria-pressed", String(on));
      });
    }
    var note = $(".nexus-notes__text", tools);
    if (note) {
      note.maxLength = store.limits.noteChars;     // the store's own limit (store.js SCHEMA)
      var status = $(".nexus-notes__status", tools), timer = null;
      /* A kept note is announced in the summary, not opened: opening it would move the page
       * (and the footer) under the reader's eyes on a short page. */
      if (data.notes[page] && data.notes[page].text) {
        note.value = data.notes[page].text;
        $(".nexus-notes summary", tools).textContent = "My notes on this page (1 kept)";
      }
      var keep = function () {
        clearTimeout(timer);
        store.update(function (d) {
          if (note.value.trim()) d.notes[page] = { text: note.value, title: title, t: Date.now() };
          else delete d.notes[page];
        });
        status.textContent = store.problem() ? "" : "Saved in this browser.";
      };
      note.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(keep, 400); });
      note.addEventListener("change", keep);
    }
    if (save) {
      store.update(function (d) {
        d.recent = [{ page: page, title: title, t: Date.now() }]
          .concat(d.recent.filter(function (visit) { return visit.page !== page; })).slice(0, 10);
      });
    }
  }

  /* My learning (docs/my-learning.md): the build puts every page's title, URL, tick keys and
   * question ids in data-index; this only counts and lists. */
  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    return node;
  }

  /* A page's URL from its source path, for directory URLs (hosted) and .html files (offline). */
  function pageUrl(page) {
    if (/\.html$/.test(location.pathname)) return page.replace(/\.md$/, ".html");
    return page.replace(/(^|\/)index\.md$/, "$1").replace(/\.md$/, "/");
  }

  /* Stored page keys are checked paths (store.js), so this is always a page of this hub; a URL
   * that would leave the hub anyway is shown as text, never as a link. */
  function link(index, page, title) {
    var text = (index[page] && index[page].t) || title || page, url = new URL(pageUrl(page), __md_scope);
    if (url.protocol !== __md_scope.protocol || url.href.lastIndexOf(__md_scope.href, 0) !== 0) return el("span", text);
    return el("a", text, { href: url.href });
  }

  function fill(id, nodes, empty) {
    var box = document.getElementById(id);
    if (!box) return;
    box.textContent = "";
    if (!nodes.length) { box.appendChild(el("p", empty)); return; }
    var list = el("ul");
    nodes.forEach(function (node) { var item = el("li"); item.appendChild(node); list.appendChild(item); });
    box.appendChild(list);
  }

  function line(index, page, text) {
    var span = el("span");
    span.appendChild(link(index, page));
    span.appendChild(document.createTextNode(text));
    return span;
  }

  /* The index lists tick keys as FNV-1a hashes (nexus/site/learning.py fnv()), to keep it small. */
  function fnv(key) {
    var value = 0x811c9dc5, bytes = new TextEncoder().encode(key);
    for (var i = 0; i < bytes.length; i += 1) value = Math.imul(value ^ bytes[i], 0x01000193) >>> 0;
    return value.toString(36);
  }

  function counts(index, data, page) {
    var entry = index[page], keys = entry.k || [], checks = data.checks[page] || Object.create(null);
    var done = Object.keys(data.ticks[page] || Object.create(null)).filter(function (k) { return keys.indexOf(fnv(k)) !== -1; }).length;
    // Version-1 ticks of a page not visited since: counted by position until the page resolves them.
    var prefix = scopePath() + pageUrl(page).replace(/index\.html$/, "") + "#";
    Object.keys(data.legacy).forEach(function (old) {
      if (data.legacy[old] && old.lastIndexOf(prefix, 0) === 0 && Number(old.slice(prefix.length)) < keys.length) done += 1;
    });
    return {
      done: Math.min(done, keys.length), items: keys.length,
      right: (entry.q || []).filter(function (q) { return checks[q] && checks[q].ok; }).length,
      answered: (entry.q || []).filter(function (q) { return checks[q]; }).length, questions: (entry.q || []).length
    };
  }

  function renderLearning(root, index) {
    var data = store.read(), pages = Object.keys(index);
    fill("nexus-months", pages.filter(function (p) { return /^path\/month-\d+\.md$/.test(p); }).map(function (page) {
      var c = counts(index, data, page);
      var row = line(index, page, ": " + c.done + " of " + c.items + " items done");
      row.appendChild(el("progress", "", { max: String(c.items || 1), value: String(c.done), "aria-label": (index[page].t || page) + " progress" }));
      return row;
    }), "No month pages found.");
    var sections = {};
    pages.forEach(function (page) {
      var c = counts(index, data, page), s = index[page].s || "Home";
      var sum = sections[s] = sections[s] || { done: 0, items: 0, right: 0, questions: 0 };
      sum.done += c.done; sum.items += c.items; sum.right += c.right; sum.questions += c.questions;
    });
    fill("nexus-sections", Object.keys(sections).filter(function (s) { return sections[s].items || sections[s].questions; })
      .map(function (s) {
        var sum = sections[s];
        return el("span", s + ": " + sum.done + " of " + sum.items + " checklist items done" +
          (sum.questions ? ", " + sum.right + " of " + sum.questions + " self-check questions right" : ""));
      }), "No checklists found.");
    fill("nexus-scores", pages.filter(function (p) { return counts(index, data, p).answered; }).map(function (page) {
      var c = counts(index, data, page);
      return line(index, page, ": " + c.right + " of " + c.questions + " right" +
        (c.answered < c.questions ? " (" + (c.questions - c.answered) + " not answered yet)" : ""));
    }), "No self-check answered yet.");
    fill("nexus-saved", Object.keys(data.saved).sort(function (a, b) { return data.saved[b].t - data.saved[a].t; })
      .map(function (page) { return link(index, page, data.saved[page].title); }),
      "Nothing saved yet: use “Save for later” at the end of any page.");
    fill("nexus-notes-list", Object.keys(data.notes).map(function (page) {
      var box = el("div");
      box.appendChild(link(index, page, data.notes[page].title));
      box.appendChild(el("blockquote", data.notes[page].text));
      return box;
    }), "No notes yet: open “My notes on this page” at the end of a page.");
    fill("nexus-recent", data.recent.map(function (visit) { return link(index, visit.page, visit.title); }),
      "No pages visited yet.");
  }

  function bindLearning() {
    var root = document.getElementById("nexus-learning");
    if (!root) return;
    var index = JSON.parse(root.getAttribute("data-index") || "{}");
    $$(".nexus-learning__nojs").forEach(function (node) { node.remove(); });
    $$(".nexus-learning__js").forEach(function (node) { node.hidden = false; });
    var status = document.getElementById("nexus-data-status");
    var confirmBox = document.getElementById("nexus-clear-confirm");
    var say = function (text) { status.textContent = text; renderLearning(root, index); };
    document.getElementById("nexus-export").addEventListener("click", function () {
      var file = new Blob([store.exported()], { type: "application/json" });
      var a = el("a", "", { href: URL.createObjectURL(file),
        download: "project-nexus-my-learning-" + new Date().toISOString().slice(0, 10) + ".json" });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
      status.textContent = "Exported: keep the file, then import it on another device or browser.";
    });
    document.getElementById("nexus-import").addEventListener("change", function (event) {
      var chosen = event.target.files[0];
      if (!chosen) return;
      var refuse = function (why) { say("Could not import " + chosen.name + ": " + why + " Nothing was changed."); };
      if (chosen.size > store.limits.fileBytes) {       // refused before a byte is read
        refuse(store.tooLarge());
        event.target.value = "";
        return;
      }
      var reader = new FileReader();
      reader.onload = function () {
        try {
          store.importText(reader.result);      // all or nothing: checked whole before anything is written
          say("Imported " + chosen.name + ": added to what this browser already had; nothing was removed.");
        } catch (e) {
          refuse(e.message);
        }
        event.target.value = "";
      };
      reader.onerror = function () { refuse("this browser could not read the file."); event.target.value = ""; };
      reader.readAsText(chosen);
    });
    document.getElementById("nexus-clear").addEventListener("click", function () {
      confirmBox.hidden = false;
      document.getElementById("nexus-clear-no").focus();
    });
    document.getElementById("nexus-clear-no").addEventListener("click", function () {
      confirmBox.hidden = true;
      document.getElementById("nexus-clear").focus();
    });
    document.getElementById("nexus-clear-yes").addEventListener("click", function () {
      store.clear();
      confirmBox.hidden = true;
      document.getElementById("nexus-clear").focus();
      say("Everything this hub kept in this browser is deleted.");
    });
    renderLearning(root, index);
    root.classList.add("is-ready");   // extra.css shows the filled block
  }

  function bindFilters() {
    document.querySelectorAll("select[data-filter-table]").forEach(function (select) {
      var box = document.getElementById(select.dataset.filterTable);
      var count = select.parentNode.querySelector(".nexus-filter__count");
      if (!box) return;
      select.addEventListener("change", function () {
        var shown = 0;
        box.querySelectorAll("tbody tr").forEach(function (row) {
          var values = Array.prototype.map.call(row.querySelectorAll("td:last-child code"),
            function (code) { return code.textContent; });
          var visible = !select.value || values.indexOf(select.value) !== -1;
          row.hidden = !visible;
          if (visible) shown += 1;
        });
        if (count) count.textContent = shown + (shown === 1 ? " challenge" : " challenges");
      });
    });
  }

  /* Names for landmarks Material leaves unnamed (axe landmark-unique): the copy-button bar the
   * bundle adds to each code block, the tag list, and sidebar sections whose label is a link. */
  function nameLandmarks() {
    document.querySelectorAll("nav.md-code__nav:not([aria-label])").forEach(function (nav, i) {
      nav.setAttribute("aria-label", "Code block " + (i + 1) + " actions");
    });
    document.querySelectorAll("nav.md-tags:not([aria-label])").forEach(function (nav) {
      nav.setAttribute("aria-label", "Tags");
    });
    document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      var text = label && label.textContent.trim();
      if (!text && label) {
        var link = label.parentNode.querySelector("a");
        nav.removeAttribute("aria-labelledby");
        nav.setAttribute("aria-label", link ? link.textContent.trim() : "Section");
      }
    });
  }

  function init() {
    var tools = $(".nexus-tools"), page = tools && tools.dataset.page;
    bindTicks(page);
    bindSelfChecks(page);
    bindTools(page);
    bindLearning();
    bindFilters();
    nameLandmarks();
    store.notify();
  }
  if (typeof document$ !== "undefined") document$.subscribe(init); else init();
})();
