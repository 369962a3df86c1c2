/* The claim browser: a filtered, sorted, paged table of every claim, a side panel with
   all of a claim's fields, and the article with its claims highlighted.

   Data comes from JSON blocks in the page (script elements of type application/json):
   "meta" (topic labels, optional columns present, a Traditional→Simplified character map
   for search, the speaker × topic × stance table), "docs-data" (document metadata),
   "claims-data" (the claims, columnar) and one "doc-N" per document holding its text as
   HTML already escaped and highlighted by pipeline/report.py, parsed only when the
   article is opened. Everything is written with textContent except those article blocks.
   State lives in the URL query (?q=…&speaker=…&speaker=…&topic=…) and the hash (#c12,
   #d3), so a view can be bookmarked or shared. */
(function () {
  "use strict";
  function $(s, r) { return (r || document).querySelector(s); }
  function $$(s, r) { return Array.prototype.slice.call((r || document).querySelectorAll(s)); }
  function json(id) { var el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  var META = json("meta"), DOCS = json("docs-data"), RAW = json("claims-data");
  var COLS = META.columns, LABELS = META.topic_labels, T2S = META.t2s;
  var collator = new Intl.Collator("zh");
  function simp(s) {  // Traditional → Simplified, character by character (OpenCC's table, embedded)
    var out = "";
    for (var i = 0; i < s.length; i++) { var ch = s.charAt(i); out += T2S[ch] || ch; }
    return out;
  }
  function label(topic) { return LABELS[topic] || topic; }
  var CLAIMS = RAW.rows.map(function (row, i) {
    var c = { i: i };
    RAW.keys.forEach(function (k, j) { c[k] = row[j]; });
    if (c.text_s === null) c.text_s = c.text;
    // what the search box looks in: both scripts of the claim, the speaker id and the mention
    c.hay = [c.text, c.text_s, c.speaker, c.mention, simp(c.mention)].join("\u0001").toLowerCase();
    return c;
  });

  var ui = {
    q: $("#f-q"), speakerInput: $("#f-speaker-input"), chips: $("#f-speakers"), topic: $("#f-topic"),
    stance: $("#f-stance"), kind: $("#f-kind"), outlet: $("#f-outlet"), region: $("#f-region"),
    from: $("#f-from"), to: $("#f-to"), conf: $("#f-conf"), size: $("#page-size"),
    tbody: $("#claims-table tbody"), toggle: $("#script-toggle"), docSelect: $("#doc-select"),
  };
  var state = { speakers: [], sort: "", dir: 1, page: 0 };
  var filtered = CLAIMS, simplified = false, currentDoc = -1, selected = -1;

  // ---------------------------------------------------------------- the filter controls

  function countBy(key) {
    var n = {};
    CLAIMS.forEach(function (c) {
      var vs = key === "topics" ? c.topics : [c[key]];
      vs.forEach(function (v) { if (v) n[v] = (n[v] || 0) + 1; });
    });
    return Object.keys(n).sort(function (a, b) { return n[b] - n[a] || collator.compare(a, b); })
      .map(function (v) { return [v, n[v]]; });
  }
  function fillSelect(select, values, allLabel, show) {
    select.appendChild(el("option", "", allLabel)).value = "";
    values.forEach(function (vn) {
      select.appendChild(el("option", "", (show ? show(vn[0]) : vn[0]) + " (" + vn[1] + ")")).value = vn[0];
    });
  }
  fillSelect(ui.topic, countBy("topics"), "all topics", label);
  fillSelect(ui.stance, countBy("stance"), "all stances");
  fillSelect(ui.kind, countBy("kind"), "all kinds");
  fillSelect(ui.outlet, countBy("outlet"), "all outlets");
  fillSelect(ui.region, countBy("region"), "all regions");
  var SPEAKERS = countBy("speaker");
  var speakerSet = {};
  SPEAKERS.forEach(function (vn) {
    speakerSet[vn[0]] = true;
    $("#speaker-list").appendChild(el("option", "", vn[1] + " claims")).value = vn[0];
  });
  // columns other stages may not produce: their filters and table columns only when present
  $$("[data-col]").forEach(function (e) { e.hidden = COLS.indexOf(e.dataset.col) < 0; });

  function renderChips() {
    ui.chips.textContent = "";
    state.speakers.forEach(function (s) {
      var b = el("button", "chip", s);
      b.type = "button"; b.dataset.speaker = s; b.title = "remove " + s;
      ui.chips.appendChild(b);
    });
  }
  function addSpeaker(s) {
    if (!s) return;
    if (!speakerSet[s] && speakerSet[simp(s)]) s = simp(s);  // 普京 typed as 普京 or in Traditional
    if (state.speakers.indexOf(s) < 0) state.speakers.push(s);
    renderChips();
  }

  // ---------------------------------------------------------------- filtering, sorting, paging

  function query() { var q = ui.q.value.trim().toLowerCase(); return [q, simp(q)]; }
  function matcher() {
    var q = query(), from = ui.from.value, to = ui.to.value, conf = parseFloat(ui.conf.value) || 0;
    var sp = state.speakers, topic = ui.topic.value, stance = ui.stance.value, kind = ui.kind.value;
    var outlet = ui.outlet.value, region = ui.region.value;
    return function (c) {
      return (!sp.length || sp.indexOf(c.speaker) >= 0) && (!topic || c.topics.indexOf(topic) >= 0)
        && (!stance || c.stance === stance) && (!kind || c.kind === kind)
        && (!outlet || c.outlet === outlet) && (!region || c.region === region)
        && (!from || (c.date && c.date >= from)) && (!to || (c.date && c.date.slice(0, 10) <= to))
        && (!conf || c.conf >= conf)
        && (!q[0] || c.hay.indexOf(q[0]) >= 0 || c.hay.indexOf(q[1]) >= 0);
    };
  }
  var SORT_KEYS = {
    date: function (c) { return c.date || ""; }, speaker: function (c) { return c.speaker; },
    text: function (c) { return c.text; }, topic: function (c) { return c.topics.length ? label(c.topics[0]) : ""; },
    stance: function (c) { return c.stance; }, kind: function (c) { return c.kind; },
    conf: function (c) { return c.conf; }, outlet: function (c) { return c.outlet || ""; },
    region: function (c) { return c.region || ""; }, reach: function (c) { return c.reach || 0; },
  };
  function applyFilters(keepPage) {
    var ok = matcher();
    filtered = CLAIMS.filter(ok);
    if (state.sort) {
      var key = SORT_KEYS[state.sort], dir = state.dir;
      filtered.sort(function (a, b) {
        var x = key(a), y = key(b);
        var d = typeof x === "number" ? x - y : collator.compare(x, y);
        return d * dir || a.i - b.i;  // ties keep document order: a stable, repeatable order
      });
    }
    if (!keepPage) state.page = 0;
    $$("#claims-table th[data-sort]").forEach(function (th) {
      if (th.dataset.sort === state.sort) th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
    renderTable();
    dimArticle(ok);
    saveState();
  }
  function pageSize() { return parseInt(ui.size.value, 10) || 50; }
  function renderTable() {
    var size = pageSize(), pages = Math.max(1, Math.ceil(filtered.length / size));
    state.page = Math.min(Math.max(0, state.page), pages - 1);
    var rows = filtered.slice(state.page * size, (state.page + 1) * size);
    var frag = document.createDocumentFragment();
    rows.forEach(function (c) { frag.appendChild(row(c)); });
    ui.tbody.textContent = "";
    ui.tbody.appendChild(frag);
    $("#claim-count").textContent = filtered.length + " of " + CLAIMS.length + " claims";
    $("#page-pos").textContent = "page " + (state.page + 1) + " of " + pages;
    $("#prev-page").disabled = state.page === 0;
    $("#next-page").disabled = state.page >= pages - 1;
  }
  function pill(c) { return el("span", "pill st-" + c.stance, c.stance + " " + c.stance_conf.toFixed(2)); }
  function row(c) {
    var tr = el("tr");
    tr.dataset.i = c.i;
    tr.tabIndex = 0;  // rows are reachable with Tab; Enter selects
    if (c.i === selected) tr.className = "selected";
    function td(text, cls) { var d = el("td", cls, text); tr.appendChild(d); return d; }
    td(c.date ? c.date.slice(0, 10) : "—", "nowrap");
    var who = td(c.speaker, "nowrap");
    if (c.mention && c.mention !== c.speaker) who.appendChild(el("span", "mention-as", " (" + c.mention + ")"));
    var t = td(simplified ? c.text_s : c.text, "claim-text");
    t.lang = simplified ? "zh-Hans" : "zh";
    td(c.topics.map(label).join("、"));
    td("", "nowrap").appendChild(pill(c));
    td(c.kind, "nowrap");
    td(c.conf.toFixed(2));
    if (COLS.indexOf("outlet") >= 0) td(c.outlet || "—", "nowrap");
    if (COLS.indexOf("region") >= 0) td(c.region || "—", "nowrap");
    if (COLS.indexOf("statement_id") >= 0) td(c.reach ? String(c.reach) : "—");
    var link = td("", "nowrap");
    if (DOCS[c.doc].has_text) {
      var a = el("a", "", "open →");
      a.href = "#c" + c.i; a.className = "to-article";
      link.appendChild(a);
    } else link.textContent = "(text not included)";
    return tr;
  }

  // ---------------------------------------------------------------- export of the selection

  var EXPORT_FIELDS = [
    "claim_id", "doc_id", "start", "end", "date", "date_source", "speaker", "speaker_mention", "speaker_resolution",
    "cue", "cue_role", "kind", "text", "text_simplified", "topics", "topic_labels", "stance", "stance_confidence",
    "attribution_confidence", "target", "outlet", "region", "statement_id", "reach", "rule", "speaker_rule",
    "stance_evidence", "topic_evidence", "title",
  ];
  function record(c) {
    var d = DOCS[c.doc];
    return {
      claim_id: c.id, doc_id: d.id, start: c.start, end: c.end, date: c.date, date_source: c.date_source,
      speaker: c.speaker, speaker_mention: c.mention, speaker_resolution: c.resolution, cue: c.cue,
      cue_role: c.cue_role, kind: c.kind, text: c.text, text_simplified: c.text_s, topics: c.topics,
      topic_labels: c.topics.map(label), stance: c.stance, stance_confidence: c.stance_conf,
      attribution_confidence: c.conf, target: c.target, outlet: c.outlet, region: c.region,
      statement_id: c.statement_id, reach: c.reach, rule: c.rule, speaker_rule: c.speaker_rule,
      stance_evidence: c.stance_ev, topic_evidence: c.topic_ev, title: d.title,
    };
  }
  function exportJSON() { return JSON.stringify(filtered.map(record), null, 1); }
  function csvCell(v) {
    if (v === null || v === undefined) return "";
    if (Array.isArray(v)) v = v.join("; ");
    v = String(v);
    return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function exportCSV() {
    var lines = [EXPORT_FIELDS.join(",")];
    filtered.forEach(function (c) {
      var r = record(c);
      lines.push(EXPORT_FIELDS.map(function (f) { return csvCell(r[f]); }).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }
  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = el("a");
    a.href = url; a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 5000);
  }

  // ---------------------------------------------------------------- the article and the side panel

  DOCS.forEach(function (d, i) {
    var o = el("option", "", (d.title || d.id) + " · " + d.n_claims + (d.has_text ? "" : " · text not included"));
    o.value = i; o.disabled = !d.has_text;
    ui.docSelect.appendChild(o);
  });
  function swapScript(root) {  // .zh spans carry the other script's form of their text
    $$(".zh", root).forEach(function (e) { var t = e.textContent; e.textContent = e.dataset.s; e.dataset.s = t; });
  }
  function openDoc(pos) {
    var d = DOCS[pos];
    if (!d || !d.has_text) return false;
    if (pos !== currentDoc) {
      currentDoc = pos;
      var text = $("#doc-text");
      var block = document.getElementById("doc-" + pos);  // HTML built by report.py, the corpus text escaped
      text.innerHTML = block.type === "text/html" ? block.textContent : JSON.parse(block.textContent);
      text.lang = text.dataset.lang = d.lang;
      if (simplified) { swapScript(text); text.lang = "zh-Hans"; }
      $("#doc-title").textContent = simplified ? d.title_s : d.title;
      var meta = $("#doc-meta"); meta.textContent = "";
      [d.date || "no date", d.outlet, d.region, d.path, d.script, d.n_claims + " claims",
        d.duplicate_of ? "duplicate of " + d.duplicate_of : ""]
        .filter(Boolean).forEach(function (m, k) { meta.appendChild(document.createTextNode((k ? " · " : "") + m)); });
      if (d.url) {
        var a = el("a", "", "source"); a.href = d.url; a.rel = "noopener noreferrer";
        meta.appendChild(document.createTextNode(" · ")); meta.appendChild(a);
      }
      ui.docSelect.value = String(pos);
      $("#doc-pos").textContent = "document " + (pos + 1) + " of " + DOCS.length;
      $("#prev-doc").disabled = !DOCS.slice(0, pos).some(function (x) { return x.has_text; });
      $("#next-doc").disabled = !DOCS.slice(pos + 1).some(function (x) { return x.has_text; });
      dimArticle(matcher());
    }
    return true;
  }
  function stepDoc(step) {
    for (var p = currentDoc + step; p >= 0 && p < DOCS.length; p += step) if (openDoc(p)) return;
  }
  function dimArticle(ok) {
    $$("#doc-text mark.claim").forEach(function (m) { m.classList.toggle("dim", !ok(CLAIMS[+m.dataset.c.split(" ")[0]])); });
    $$("#doc-text a.mention").forEach(function (a) {
      a.classList.toggle("dim", !a.dataset.c.split(" ").some(function (i) { return ok(CLAIMS[+i]); }));
    });
  }
  function field(dl, name, value) {
    var dt = el("dt", "", name), dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = value === "" || value == null ? "—" : value;
    dl.appendChild(dt); dl.appendChild(dd);
  }
  function renderPanel(c) {
    var p = $("#panel-body"), d = DOCS[c.doc];
    p.textContent = "";
    var q = el("p", "quote", simplified ? c.text_s : c.text);
    q.lang = simplified ? "zh-Hans" : d.lang;
    p.appendChild(q);
    var dl = el("dl");
    field(dl, "speaker", c.speaker);
    field(dl, "mention", (c.mention || "(implicit)") + " · " + (c.resolution || "?"));
    field(dl, "stance", pill(c));
    field(dl, "stance evidence", c.stance_ev.join("; "));
    field(dl, "topics", c.topics.map(function (t) { return label(t) === t ? t : label(t) + " (" + t + ")"; }).join("、"));
    field(dl, "topic evidence", c.topic_ev.join("; "));
    field(dl, "cue", (c.cue || "(none)") + (c.cue_role ? " · " + c.cue_role : ""));
    field(dl, "kind", c.kind);
    field(dl, "target", c.target);
    field(dl, "said on", (c.date || "") + (c.date_source ? " (" + c.date_source + ")" : ""));
    field(dl, "confidence", "attribution " + c.conf.toFixed(2));
    field(dl, "rule", c.rule);
    field(dl, "speaker rule", c.speaker_rule);
    if (COLS.indexOf("statement_id") >= 0) {
      field(dl, "statement", (c.statement_id || "") + (c.reach ? " · reach " + c.reach + " documents" : ""));
    }
    if (COLS.indexOf("outlet") >= 0) field(dl, "outlet", c.outlet);
    if (COLS.indexOf("region") >= 0) field(dl, "region", c.region);
    var title = (simplified ? d.title_s : d.title) || d.id;
    field(dl, "document", (title.length > 60 ? title.slice(0, 60) + "…" : title) + (d.date ? " · " + d.date : ""));
    field(dl, "claim id", c.id);
    p.appendChild(dl);
  }
  function select(i, scroll) {
    var c = CLAIMS[i];
    if (!c) return;
    selected = i;
    openDoc(c.doc);
    $$(".selected").forEach(function (m) { m.classList.remove("selected"); });
    $$('#doc-text [data-c~="' + i + '"]').forEach(function (m) { m.classList.add("selected"); });
    var tr = $('#claims-table tr[data-i="' + i + '"]');
    if (tr) tr.classList.add("selected");
    renderPanel(c);
    var mark = document.getElementById("c" + i);
    if (scroll && mark) mark.scrollIntoView({ block: "center" });
  }
  function setScript(simp) {
    if (simp === simplified) return;
    simplified = simp;
    swapScript($("#doc-text"));
    var text = $("#doc-text");
    text.lang = simp ? "zh-Hans" : (text.dataset.lang || "zh");
    if (currentDoc >= 0) $("#doc-title").textContent = simp ? DOCS[currentDoc].title_s : DOCS[currentDoc].title;
    ui.toggle.setAttribute("aria-pressed", simp ? "true" : "false");
    ui.toggle.textContent = simp ? "原文 · show original script" : "简体 · show Simplified";
    document.body.dataset.script = simp ? "simplified" : "original";
    renderTable();
    if (selected >= 0) renderPanel(CLAIMS[selected]);
    saveState();
  }

  // ---------------------------------------------------------------- speaker × topic × stance

  (function renderSummary() {
    var frag = document.createDocumentFragment();
    META.summary.forEach(function (r) {
      var tr = el("tr");
      tr.dataset.speaker = r.speaker; tr.dataset.topic = r.topic;
      var net = r.net_stance;
      [r.speaker, label(r.topic), r.n_claims, r.n_favor, r.n_against, r.n_neutral].forEach(function (v) {
        tr.appendChild(el("td", "", String(v)));
      });
      tr.appendChild(el("td", net > 0 ? "net-favor" : net < 0 ? "net-against" : "", (net > 0 ? "+" : "") + net.toFixed(2)));
      [r.n_documents, r.first_date || "—", r.last_date || "—"].forEach(function (v) { tr.appendChild(el("td", "", String(v))); });
      frag.appendChild(tr);
    });
    $("#summary-table tbody").appendChild(frag);
  })();

  // ---------------------------------------------------------------- state in the URL

  function saveState() {
    var p = new URLSearchParams();
    if (ui.q.value) p.set("q", ui.q.value);
    state.speakers.forEach(function (s) { p.append("speaker", s); });
    [["topic", ui.topic], ["stance", ui.stance], ["kind", ui.kind], ["outlet", ui.outlet], ["region", ui.region],
      ["from", ui.from], ["to", ui.to]].forEach(function (kv) { if (kv[1].value) p.set(kv[0], kv[1].value); });
    if (parseFloat(ui.conf.value)) p.set("conf", ui.conf.value);
    if (state.sort) p.set("sort", (state.dir < 0 ? "-" : "") + state.sort);
    if (state.page) p.set("page", String(state.page + 1));
    if (ui.size.value !== "50") p.set("size", ui.size.value);
    if (simplified) p.set("script", "simplified");
    var qs = p.toString();
    try { history.replaceState(null, "", (qs ? "?" + qs : location.pathname) + location.hash); } catch (e) { /* file:// in some browsers */ }
  }
  function loadState() {
    var p = new URLSearchParams(location.search);
    ui.q.value = p.get("q") || "";
    p.getAll("speaker").forEach(addSpeaker);
    [["topic", ui.topic], ["stance", ui.stance], ["kind", ui.kind], ["outlet", ui.outlet], ["region", ui.region],
      ["from", ui.from], ["to", ui.to], ["conf", ui.conf], ["size", ui.size]]
      .forEach(function (kv) { if (p.get(kv[0]) !== null) kv[1].value = p.get(kv[0]); });
    var sort = p.get("sort") || "";
    state.dir = sort.charAt(0) === "-" ? -1 : 1;
    state.sort = SORT_KEYS[sort.replace(/^-/, "")] ? sort.replace(/^-/, "") : "";
    state.page = Math.max(0, (parseInt(p.get("page") || "1", 10) || 1) - 1);
    return p;
  }
  function fromHash() {
    var m = /^#([cd])(\d+)$/.exec(location.hash);
    if (!m) return false;
    if (m[1] === "c") select(+m[2], true); else openDoc(+m[2]);
    return true;
  }

  // ---------------------------------------------------------------- events

  $("#filters").addEventListener("submit", function (e) { e.preventDefault(); });
  var timer = 0;
  ui.q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { applyFilters(); }, 120); });
  [ui.topic, ui.stance, ui.kind, ui.outlet, ui.region, ui.from, ui.to, ui.conf].forEach(function (c) {
    c.addEventListener("change", function () { applyFilters(); });
  });
  ui.speakerInput.addEventListener("change", function () {
    var s = ui.speakerInput.value.trim();
    if (s) { addSpeaker(s); ui.speakerInput.value = ""; applyFilters(); }
  });
  ui.chips.addEventListener("click", function (e) {
    var b = e.target.closest("button.chip");
    if (!b) return;
    state.speakers = state.speakers.filter(function (s) { return s !== b.dataset.speaker; });
    renderChips(); applyFilters();
  });
  $("#filters").addEventListener("reset", function () {
    state.speakers = []; renderChips();
    setTimeout(function () { applyFilters(); }, 0);  // after the form has reset its fields
  });
  ui.size.addEventListener("change", function () { applyFilters(); });
  $("#prev-page").addEventListener("click", function () { state.page--; renderTable(); saveState(); });
  $("#next-page").addEventListener("click", function () { state.page++; renderTable(); saveState(); });
  $$("#claims-table th[data-sort] button").forEach(function (b) {
    b.addEventListener("click", function () {
      var key = b.parentNode.dataset.sort;
      state.dir = state.sort === key ? -state.dir : 1;
      state.sort = key;
      applyFilters();
    });
  });
  ui.tbody.addEventListener("click", function (e) {
    var tr = e.target.closest("tr");
    if (tr && !e.target.closest("a")) select(+tr.dataset.i, false);
  });
  ui.tbody.addEventListener("keydown", function (e) {
    var tr = e.target.closest("tr");
    if (tr && e.key === "Enter" && e.target === tr) select(+tr.dataset.i, false);
  });
  $("#summary-table tbody").addEventListener("click", function (e) {
    var tr = e.target.closest("tr");
    if (!tr) return;
    state.speakers = [tr.dataset.speaker]; renderChips();
    ui.topic.value = tr.dataset.topic;
    applyFilters();
    $("#claims-section").scrollIntoView();
  });
  $("#export-csv").addEventListener("click", function () { download("claims.csv", "text/csv;charset=utf-8", "\ufeff" + exportCSV()); });
  $("#export-json").addEventListener("click", function () { download("claims.json", "application/json", exportJSON()); });
  ui.toggle.addEventListener("click", function () { setScript(!simplified); });
  ui.docSelect.addEventListener("change", function () { openDoc(+ui.docSelect.value); });
  $("#prev-doc").addEventListener("click", function () { stepDoc(-1); });
  $("#next-doc").addEventListener("click", function () { stepDoc(1); });
  $("#doc-text").addEventListener("click", function (e) {
    var m = e.target.closest("mark.claim");
    if (m && !e.target.closest("a")) select(+m.dataset.c.split(" ")[0], false);
  });
  $("#doc-text").addEventListener("mouseover", function (e) {  // tooltips, written when first needed
    var m = e.target.closest("mark.claim, a.mention");
    if (!m || m.title) return;
    var ids = m.dataset.c.split(" "), c = CLAIMS[+ids[0]];
    if (m.tagName === "A") {
      m.title = "speaker " + c.speaker + " (" + (c.resolution || "?") + "): go to " + (ids.length > 1 ? ids.length + " claims" : "its claim");
      return;
    }
    m.title = [c.speaker + " · " + c.stance + " (" + c.stance_conf.toFixed(2) + ")",
      c.topics.length ? "topics: " + c.topics.map(label).join("、") : "",
      c.stance_ev.length ? "evidence: " + c.stance_ev.join("; ") : "",
      "mention: " + (c.mention || "(implicit)") + " (" + (c.resolution || "?") + ") · cue: " + (c.cue || "(none)")]
      .filter(Boolean).join("\n");
  });
  $("#doc-text").addEventListener("focusin", function (e) {
    var m = e.target.closest && e.target.closest("mark.claim");
    if (m) select(+m.dataset.c.split(" ")[0], false);
  });
  window.addEventListener("hashchange", fromHash);

  // ---------------------------------------------------------------- start

  var params = loadState();
  applyFilters(true);
  if (params.get("script") === "simplified") setScript(true);
  if (!fromHash()) {
    var first = DOCS.findIndex(function (d) { return d.has_text && d.n_claims > 0; });
    if (!openDoc(parseInt(params.get("doc") || "-1", 10)) && first >= 0) openDoc(first);
  }
  // for scripts and tests: the current selection and its exports
  window.claimBrowser = {
    claims: CLAIMS, selection: function () { return filtered.slice(); },
    exportCSV: exportCSV, exportJSON: exportJSON, select: select, openDoc: openDoc,
  };
  document.body.dataset.ready = "true";
})();
