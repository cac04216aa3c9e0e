// The search page: finds units, criteria, notes and tasks in the index that
// tiendo writes under tim-kiem/chi-muc/ (see docs/search.md). Each index
// file is a script that calls tiendoSearch(name, data), so that it loads
// from file:// too. Only the shards of the query's words and the chunks of
// the results shown are loaded. Words come from the page (data-*), never
// from this file; titles are set as text, never as HTML.
(function () {
  'use strict';
  var box = document.getElementById('tim-kiem');
  if (!box) return;
  var input = document.getElementById('q');
  var statusLine = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var form = box.querySelector('form');
  var d = box.dataset;
  var shown = parseInt(d.results, 10) || 20;

  // ------------------------------------------------------------ loading
  var loaded = {};
  var waiting = {};
  window.tiendoSearch = function (name, data) {
    loaded[name] = data;
    (waiting[name] || []).forEach(function (w) { w.resolve(data); });
    delete waiting[name];
  };
  function load(name) {
    return new Promise(function (resolve, reject) {
      if (Object.prototype.hasOwnProperty.call(loaded, name)) return resolve(loaded[name]);
      if (waiting[name]) return waiting[name].push({ resolve: resolve, reject: reject });
      waiting[name] = [{ resolve: resolve, reject: reject }];
      var s = document.createElement('script');
      s.src = d.index + name + '.js';
      s.onerror = function () {
        (waiting[name] || []).forEach(function (w) { w.reject(new Error(name)); });
        delete waiting[name];
      };
      document.head.appendChild(s);
    });
  }

  // ------------------------------------------------------------ words
  // As tiendo folds them: no accents, đ → d, lower case.
  function fold(w) {
    return w.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  }
  function words(text) {
    return text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}.]+/u)
      .map(function (w) { return w.replace(/^\.+|\.+$/g, ''); })
      .filter(Boolean)
      .map(function (w) { return { written: w, folded: fold(w) }; });
  }

  // A list of ids: gaps in base 36, or "~" and a bitmap in base64.
  function ids(code) {
    var out = [];
    if (code.charAt(0) === '~') {
      var bin = atob(code.slice(1));
      for (var i = 0; i < bin.length; i++) {
        var b = bin.charCodeAt(i);
        for (var k = 0; k < 8; k++) if (b & (1 << k)) out.push(i * 8 + k);
      }
    } else {
      var id = 0;
      code.split(',').forEach(function (gap) { id += parseInt(gap, 36); out.push(id); });
    }
    return out;
  }

  // The shards that may hold a word: the longest key it starts with and,
  // for a word being typed, the keys that start with it (if only a few).
  function shardsFor(keys, word, prefix) {
    var best = -1;
    keys.forEach(function (k, i) {
      if (word.indexOf(k) === 0 && (best < 0 || k.length > keys[best].length)) best = i;
    });
    var out = best < 0 ? [] : [best];
    if (prefix) {
      var more = [];
      keys.forEach(function (k, i) { if (i !== best && k.indexOf(word) === 0) more.push(i); });
      if (more.length <= 3) out = out.concat(more);
    }
    return out.map(function (i) { return 't' + i; });
  }

  // Each document that has the word → how well: the same accents 3, the
  // same letters 2, a longer word that starts with it 1.
  function matches(shards, term, prefix) {
    var found = new Map();
    shards.forEach(function (shard) {
      Object.keys(shard).forEach(function (w) {
        var exact = w === term.folded;
        if (!exact && !(prefix && w.indexOf(term.folded) === 0)) return;
        var forms = shard[w];
        Object.keys(forms).forEach(function (form) {
          var q = exact ? (form === term.written ? 3 : 2) : 1;
          ids(forms[form]).forEach(function (id) {
            if ((found.get(id) || 0) < q) found.set(id, q);
          });
        });
      });
    });
    return found;
  }

  async function search(query) {
    var terms = words(query);
    if (!terms.length) return null;
    var index = await load('index');
    var last = terms.length - 1;
    var perTerm = await Promise.all(terms.map(async function (t, i) {
      var prefix = i === last && t.folded.length >= 2;
      var shards = await Promise.all(shardsFor(index.keys, t.folded, prefix).map(load));
      return matches(shards, t, prefix);
    }));
    perTerm.sort(function (a, b) { return a.size - b.size; });
    var kinds = index.kinds;
    function kindOf(id) {
      var k = 0;
      while (k + 1 < kinds.length && id >= kinds[k + 1][1]) k++;
      return k;
    }
    var hits = [];
    perTerm[0].forEach(function (q, id) {
      var score = q;
      for (var j = 1; j < perTerm.length; j++) {
        var other = perTerm[j].get(id);
        if (!other) return;
        score += other;
      }
      var kind = kindOf(id);
      hits.push({ id: id, kind: kinds[kind][0], score: score * 10 + (kinds.length - kind) });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    var top = hits.slice(0, shown);
    var chunks = {};
    top.forEach(function (h) { chunks[Math.floor(h.id / index.chunk)] = true; });
    await Promise.all(Object.keys(chunks).map(function (c) { return load('d' + c); }));
    top.forEach(function (h) { h.doc = loaded['d' + Math.floor(h.id / index.chunk)][h.id % index.chunk]; });
    return { total: hits.length, top: top };
  }

  // ------------------------------------------------------------ page
  function fill(text, slots) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return k in slots ? slots[k] : m; });
  }
  function show(query, result) {
    list.textContent = '';
    if (!result) { statusLine.textContent = ''; return; }
    var slots = { count: result.total.toLocaleString('vi-VN'), query: query, shown: result.top.length };
    statusLine.textContent = fill(result.total === 0 ? d.none : result.total > result.top.length ? d.more : d.count, slots);
    result.top.forEach(function (h) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = d.root + h.doc[1];
      a.textContent = h.doc[0];
      var meta = document.createElement('span');
      meta.className = 'muted';
      var kind = d['kind' + h.kind.charAt(0).toUpperCase() + h.kind.slice(1)] || '';
      meta.textContent = h.doc[2] ? kind + ' · ' + h.doc[2] : kind;
      li.appendChild(a);
      li.appendChild(meta);
      list.appendChild(li);
    });
  }

  var latest = 0;
  function run(push) {
    var query = input.value.trim();
    var mine = ++latest;
    if (push && window.history && history.replaceState) {
      try {
        var url = new URL(window.location.href);
        if (query) url.searchParams.set('q', query); else url.searchParams.delete('q');
        history.replaceState(null, '', url.href);
      } catch (e) { /* file:// may refuse; the results still show */ }
    }
    if (query) statusLine.textContent = d.loading;
    search(query).then(function (result) {
      if (mine === latest) show(query, result);
    }, function () {
      if (mine === latest) { list.textContent = ''; statusLine.textContent = d.failed; }
    });
  }

  var timer = 0;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(true); }, 200);
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run(true);
  });
  var initial = new URLSearchParams(window.location.search).get('q');
  if (initial) {
    input.value = initial;
    run(false);
  }
})();
