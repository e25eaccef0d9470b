// postlint: the page for staff. Plain JavaScript, no libraries.
//
// As the user types, the post is sent (debounced) to POST /api/lint, and the
// findings come back with spans: byte offsets into the UTF-8 text that was
// sent. They are converted to JavaScript string indices (UTF-16 code units)
// and drawn as <mark> elements in a backdrop that mirrors the textarea, and
// listed with their severity, clause and suggestion. Nothing is kept in the
// browser: the draft lives only in the form.
'use strict';

(function () {
  const DEBOUNCE_MS = 250;

  // Post length limits per channel, in characters (grapheme clusters).
  const CHANNELS = {
    twitter: { name: 'X (Twitter)', limit: 280 },
    facebook: { name: 'Facebook', limit: 63206 },
    instagram: { name: 'Instagram', limit: 2200 },
    linkedin: { name: 'LinkedIn', limit: 3000 },
    tiktok: { name: 'TikTok', limit: 2200 },
  };

  const VERDICTS = {
    ok: {
      title: 'Safe to post',
      detail: 'Nothing in your post goes against the policy. You are still responsible for what you post.',
    },
    review: {
      title: 'Check before posting',
      detail: 'Something in your post may go against the policy. Read each point below, and change your post or ask the Communications Team.',
    },
    block: {
      title: 'Do not post',
      detail: 'Your post goes against the policy. Change it as shown below before you post it.',
    },
  };

  const SEVERITIES = {
    error: { label: 'Must change', rank: 3 },
    warning: { label: 'Check this', rank: 2 },
    info: { label: 'Note', rank: 1 },
  };

  // ---- Text measures -------------------------------------------------

  // utf8IndexMap returns a function that maps a UTF-8 byte offset into s
  // (as the server counts) to an index into the JavaScript string s (UTF-16
  // code units). An offset inside a character maps to the character's
  // start. A lone surrogate is sent by JSON.stringify as an escape that the
  // server reads as U+FFFD: three bytes.
  function utf8IndexMap(s) {
    const n = s.length;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) total += 1;
      else if (c < 0x800) total += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { total += 4; i++; }
      else total += 3;
    }
    const table = new Int32Array(total + 1).fill(-1);
    let b = 0;
    for (let i = 0; i < n; i++) {
      table[b] = i;
      const c = s.charCodeAt(i);
      if (c < 0x80) b += 1;
      else if (c < 0x800) b += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { b += 4; i++; }
      else b += 3;
    }
    table[total] = n;
    return function (off) {
      let o = Math.min(Math.max(off | 0, 0), total);
      while (o > 0 && table[o] < 0) o--;
      return table[o];
    };
  }

  const segmenter = typeof Intl !== 'undefined' && Intl.Segmenter
    ? new Intl.Segmenter(undefined, { granularity: 'grapheme' })
    : null;

  // graphemes counts the user-perceived characters of s.
  function graphemes(s) {
    if (!segmenter) return Array.from(s).length;
    let n = 0;
    for (const _ of segmenter.segment(s)) n++;
    return n;
  }

  function plural(n, one, many) {
    return n + ' ' + (n === 1 ? one : many);
  }

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // ---- Highlights ----------------------------------------------------

  // A Mirror draws marks behind a textarea. Marks are {start, end, rank,
  // severity} in string indices of the text they were computed for; when
  // the text changes before the next answer, marks before and after the
  // edit are kept (shifted) and marks touching it are dropped.
  function Mirror(textarea, layer) {
    this.textarea = textarea;
    this.layer = layer;
    this.marks = [];
    this.basis = textarea.value;
    textarea.addEventListener('scroll', () => { layer.parentNode.scrollTop = textarea.scrollTop; });
  }

  Mirror.prototype.setMarks = function (marks, basis) {
    this.marks = marks;
    this.basis = basis;
    this.sync();
  };

  Mirror.prototype.sync = function () {
    const now = this.textarea.value;
    if (now !== this.basis) {
      shiftMarks(this.marks, this.basis, now);
      this.marks = this.marks.filter((m) => !m.gone);
      this.basis = now;
    }
    this.render();
    this.grow();
  };

  Mirror.prototype.render = function () {
    const text = this.textarea.value;
    const nodes = [];
    const marks = this.marks.filter((m) => m.end > m.start && m.start >= 0 && m.end <= text.length);
    if (marks.length === 0) {
      nodes.push(document.createTextNode(text));
    } else {
      // Cut the text at every mark boundary; each piece covered by marks
      // takes the most severe of them.
      const cuts = new Set([0, text.length]);
      for (const m of marks) { cuts.add(m.start); cuts.add(m.end); }
      const points = Array.from(cuts).sort((a, b) => a - b);
      for (let i = 0; i + 1 < points.length; i++) {
        const a = points[i], b = points[i + 1];
        let best = null;
        for (const m of marks) {
          if (m.start <= a && m.end >= b && (!best || m.rank > best.rank)) best = m;
        }
        const piece = text.slice(a, b);
        if (best) {
          const mk = el('mark', 'hl hl-' + best.severity, piece);
          nodes.push(mk);
        } else {
          nodes.push(document.createTextNode(piece));
        }
      }
    }
    // A final line break needs something after it to take up a line.
    nodes.push(document.createTextNode('\u200b'));
    this.layer.replaceChildren(...nodes);
  };

  // grow makes the textarea as tall as its text, so that it never scrolls
  // and the backdrop never drifts.
  Mirror.prototype.grow = function () {
    const ta = this.textarea;
    ta.style.height = 'auto';
    ta.style.height = ta.scrollHeight + (ta.offsetHeight - ta.clientHeight) + 'px';
  };

  // shiftMarks moves marks (in place) from text before to text after an
  // edit: marks before the edit stay, marks after it move by the change in
  // length, and marks the edit touches are marked gone.
  function shiftMarks(marks, before, after) {
    let p = 0;
    const max = Math.min(before.length, after.length);
    while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
    let s = 0;
    while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
    const delta = after.length - before.length;
    const editEnd = before.length - s;
    for (const m of marks) {
      if (m.end <= p) continue;
      if (m.start >= editEnd) { m.start += delta; m.end += delta; continue; }
      m.gone = true;
    }
  }

  // ---- The form ------------------------------------------------------

  const form = document.getElementById('compose');
  const draft = document.getElementById('draft');
  const channel = document.getElementById('channel');
  const count = document.getElementById('draft-count');
  const replySection = document.getElementById('reply-section');
  const replyAuthor = document.getElementById('reply-author');
  const replyText = document.getElementById('reply-text');
  const mediaSection = document.getElementById('media-section');
  const mediaList = document.getElementById('media-list');
  const mediaTemplate = document.getElementById('media-template');
  const addMedia = document.getElementById('add-media');
  const verdictBox = document.getElementById('verdict');
  const verdictTitle = document.getElementById('verdict-title');
  const verdictSummary = document.getElementById('verdict-summary');
  const verdictDetail = document.getElementById('verdict-detail');
  const checking = document.getElementById('checking');
  const findingsHeading = document.getElementById('findings-heading');
  const findingsList = document.getElementById('findings');

  const mirrors = {
    text: new Mirror(draft, document.getElementById('draft-highlights')),
    'reply_to.text': new Mirror(replyText, document.getElementById('reply-highlights')),
  };

  let mediaCounter = 0;

  function checkedValue(name) {
    const input = form.querySelector('input[name="' + name + '"]:checked');
    return input ? input.value : '';
  }

  // collect returns the post as the API takes it, and the elements its
  // fields came from, so that findings can be placed.
  function collect() {
    const p = { text: draft.value, channel: channel.value, account: checkedValue('account') };
    const fields = { text: draft };
    if (replySection.open) {
      const action = checkedValue('action') || 'reply';
      if (replyText.value !== '' || replyAuthor.value !== '' || action !== 'reply') {
        p.reply_to = { author: replyAuthor.value, text: replyText.value, action: action };
        fields['reply_to.text'] = replyText;
        fields['reply_to.author'] = replyAuthor;
      }
    }
    if (mediaSection.open) {
      const media = [];
      for (const item of mediaList.children) {
        const file = item.querySelector('[data-name="file"]');
        const alt = item.querySelector('[data-name="alt_text"]');
        const consent = item.querySelector('[data-name="consent"]');
        if (file.value === '' && alt.value === '') continue;
        const i = media.length;
        media.push({ file: file.value, alt_text: alt.value, consent: consent.checked });
        fields['media[' + i + '].file'] = file;
        fields['media[' + i + '].alt_text'] = alt;
        fields['media[' + i + ']'] = file;
      }
      if (media.length > 0) p.media = media;
    }
    return { post: p, fields: fields };
  }

  function isEmpty(p) {
    return p.text.trim() === '' && !p.reply_to && !p.media;
  }

  function updateCount() {
    const ch = CHANNELS[channel.value] || CHANNELS.twitter;
    const n = graphemes(draft.value);
    let msg = n.toLocaleString('en-GB') + ' of ' + ch.limit.toLocaleString('en-GB') + ' characters for ' + ch.name;
    const over = n > ch.limit;
    if (over) msg += ': ' + plural(n - ch.limit, 'character', 'characters') + ' too long';
    count.textContent = msg;
    count.classList.toggle('over', over);
  }

  // ---- Rules (clause titles) -------------------------------------------

  const ruleInfo = new Map();
  fetch('/api/rules', { credentials: 'omit' })
    .then((r) => (r.ok ? r.json() : null))
    .then((body) => {
      if (!body || !Array.isArray(body.rules)) return;
      for (const r of body.rules) ruleInfo.set(r.id, r);
      if (lastShown) renderFindings(lastShown.result, lastShown.sent, lastShown.fields, true);
    })
    .catch(() => {});

  // ---- Checking --------------------------------------------------------

  let timer = 0;
  let inflight = null;
  let seq = 0;
  let lastShown = null;
  let lastKey = '';

  // schedule runs a check once the user pauses typing. An answer to an
  // earlier request is no longer wanted: it is cancelled.
  function schedule() {
    updateCount();
    for (const m of Object.values(mirrors)) m.sync();
    clearTimeout(timer);
    if (inflight) inflight.abort();
    inflight = null;
    seq++;
    verdictBox.dataset.state = 'pending';
    timer = setTimeout(check, DEBOUNCE_MS);
  }

  async function check() {
    const { post, fields } = collect();
    if (inflight) inflight.abort();
    inflight = null;
    const mine = ++seq;
    if (isEmpty(post)) {
      showEmpty();
      return;
    }
    const controller = new AbortController();
    inflight = controller;
    checking.classList.add('is-on');
    verdictBox.setAttribute('aria-busy', 'true');
    const sent = JSON.stringify(post);
    let res, body;
    try {
      res = await fetch('/api/lint', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: sent,
        signal: controller.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
      body = await res.json().catch(() => null);
    } catch (e) {
      if (e && e.name === 'AbortError') return;
      if (mine === seq) done(() => showError('postlint is not answering. Is it still running? Start it again with “postlint serve”.'));
      return;
    }
    if (mine !== seq) return;
    done(() => {
      if (!res.ok || !body) {
        showError((body && body.error) || 'postlint answered with an error (' + res.status + ').');
        return;
      }
      show(body, post, fields);
    });
  }

  function done(f) {
    inflight = null;
    checking.classList.remove('is-on');
    verdictBox.removeAttribute('aria-busy');
    f();
    verdictBox.dataset.state = 'done';
  }

  function setVerdict(kind, title, detail, summary) {
    verdictBox.className = 'verdict verdict-' + kind;
    if (verdictTitle.textContent !== title) verdictTitle.textContent = title;
    if (verdictSummary.textContent !== (summary || '')) verdictSummary.textContent = summary || '';
    if (verdictDetail.textContent !== detail) verdictDetail.textContent = detail;
    verdictBox.dataset.verdict = kind;
  }

  function showEmpty() {
    verdictBox.dataset.state = 'done';
    checking.classList.remove('is-on');
    verdictBox.removeAttribute('aria-busy');
    lastShown = null;
    lastKey = '';
    setVerdict('empty', 'Nothing to check yet', 'Type or paste your post, and the result appears here.');
    for (const m of Object.values(mirrors)) m.setMarks([], m.textarea.value);
    findingsList.replaceChildren();
    findingsHeading.hidden = true;
  }

  function showError(msg) {
    setVerdict('error', 'Could not check your post', msg);
  }

  function show(result, sent, fields) {
    const active = (result.findings || []).filter((f) => !f.suppressed);
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of active) counts[f.severity] = (counts[f.severity] || 0) + 1;
    const v = VERDICTS[result.verdict] || VERDICTS.review;
    const parts = [];
    if (counts.error) parts.push(plural(counts.error, 'thing', 'things') + ' to change');
    if (counts.warning) parts.push(plural(counts.warning, 'thing', 'things') + ' to check');
    if (counts.info) parts.push(plural(counts.info, 'note', 'notes'));
    const summary = parts.length ? capitalise(joinWords(parts)) + '.' : '';
    setVerdict(result.verdict in VERDICTS ? result.verdict : 'review', v.title, v.detail, summary);
    renderFindings(result, sent, fields, false);
  }

  // joinWords joins ["a", "b", "c"] as "a, b and c".
  function joinWords(parts) {
    if (parts.length < 2) return parts.join('');
    return parts.slice(0, -1).join(', ') + ' and ' + parts[parts.length - 1];
  }

  function capitalise(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  // fieldText returns the text of a field of the post that was sent.
  function fieldText(sent, field) {
    if (field === '' || field === 'text') return sent.text;
    if (field === 'reply_to.text') return sent.reply_to ? sent.reply_to.text : '';
    if (field === 'reply_to.author') return sent.reply_to ? sent.reply_to.author : '';
    const m = /^media\[(\d+)\]\.(file|alt_text)$/.exec(field);
    if (m && sent.media && sent.media[+m[1]]) return sent.media[+m[1]][m[2]] || '';
    return null;
  }

  function fieldLabel(field) {
    if (field === '' || field === 'text') return 'In your post';
    if (field === 'reply_to.text') return 'In the comment you are answering';
    if (field === 'reply_to.author') return 'In the name of the comment’s author';
    if (field === 'post') return 'About the post as a whole';
    const m = /^media\[(\d+)\](?:\.(file|alt_text))?$/.exec(field);
    if (m) {
      const n = +m[1] + 1;
      if (m[2] === 'file') return 'In the file name of photo or video ' + n;
      if (m[2] === 'alt_text') return 'In the description of photo or video ' + n;
      return 'About photo or video ' + n;
    }
    return 'In ' + field;
  }

  // renderFindings draws the marks and the list. The list is rebuilt only
  // when the findings change, so that keyboard focus is not lost while the
  // user types.
  function renderFindings(result, sent, fields, force) {
    const active = (result.findings || []).filter((f) => !f.suppressed);
    const marksByField = {};
    const items = active.map((f) => {
      const field = f.field || 'text';
      const text = fieldText(sent, field);
      let mark = null;
      let excerpt = '';
      const sp = f.span || {};
      if (text !== null && text !== undefined && sp.end > sp.start) {
        const map = utf8IndexMap(text);
        const start = map(sp.start), end = map(sp.end);
        if (end > start) {
          excerpt = text.slice(start, end);
          const sev = SEVERITIES[f.severity] ? f.severity : 'info';
          mark = { start: start, end: end, rank: SEVERITIES[sev].rank, severity: sev, field: field };
          (marksByField[field] = marksByField[field] || []).push(mark);
        }
      }
      return { f: f, field: field, mark: mark, excerpt: excerpt, line: sp.line || 0 };
    });
    for (const [field, mirror] of Object.entries(mirrors)) {
      mirror.setMarks(marksByField[field] || [], fieldText(sent, field) || '');
    }
    items.sort((a, b) => {
      const ra = (SEVERITIES[a.f.severity] || { rank: 0 }).rank;
      const rb = (SEVERITIES[b.f.severity] || { rank: 0 }).rank;
      if (ra !== rb) return rb - ra;
      if (a.field !== b.field) return a.field === 'text' ? -1 : b.field === 'text' ? 1 : a.field < b.field ? -1 : 1;
      return (a.mark ? a.mark.start : -1) - (b.mark ? b.mark.start : -1);
    });
    lastShown = { result: result, sent: sent, fields: fields };
    const key = JSON.stringify(items.map((it) => [it.f.rule, it.field, it.excerpt, it.f.message, it.f.severity]));
    if (!force && key === lastKey) {
      // Same findings: keep the list (and any focus in it), but point its
      // buttons at the new marks.
      findingsList.querySelectorAll('li').forEach((li, i) => { li._item = items[i]; li._fields = fields; });
      return;
    }
    lastKey = key;
    findingsHeading.hidden = items.length === 0;
    findingsList.replaceChildren(...items.map((it) => findingItem(it, fields)));
  }

  function findingItem(it, fields) {
    const f = it.f;
    const sev = SEVERITIES[f.severity] ? f.severity : 'info';
    const li = el('li', 'finding sev-' + sev);
    li._item = it;
    li._fields = fields;
    li.dataset.rule = f.rule;

    const head = el('p', 'finding-head');
    head.append(el('span', 'badge', SEVERITIES[sev].label));
    let where = fieldLabel(it.field);
    if (it.line > 0 && (it.field === 'text' || it.field === 'reply_to.text')) where += ', line ' + it.line;
    head.append(el('span', 'where', where));
    li.append(head);

    const msg = el('p', 'finding-message', f.message);
    li.append(msg);

    const dl = el('dl', 'finding-details');
    if (it.excerpt) {
      dl.append(el('dt', '', 'Found'));
      const dd = el('dd');
      dd.append(el('q', 'quote', it.excerpt));
      dl.append(dd);
    }
    dl.append(el('dt', '', 'Policy'));
    const clause = el('dd');
    const info = ruleInfo.get(f.rule);
    const title = info && info.clause_title ? info.clause_title : '';
    clause.append(el('span', 'clause-title', 'Clause ' + f.clause + (title ? ': ' + title : '')));
    if (f.clause_text) {
      const more = el('details', 'clause-more');
      const sum = el('summary');
      sum.append(el('span', '', 'What the policy says'));
      more.append(sum, el('blockquote', 'clause-text', f.clause_text));
      clause.append(more);
    }
    dl.append(clause);
    if (f.suggestion) {
      dl.append(el('dt', '', 'What to do instead'));
      dl.append(el('dd', '', f.suggestion));
    }
    li.append(dl);

    const foot = el('div', 'finding-foot');
    if (typeof f.confidence === 'number') {
      const pct = Math.round(f.confidence * 100);
      const word = pct >= 85 ? 'very likely' : pct >= 60 ? 'likely' : 'possible';
      foot.append(el('p', 'confidence', 'How sure: ' + word + ' (' + pct + '%)'));
    }
    if (fields[it.field] || (it.field.startsWith('media[') && fields[it.field.replace(/\..*$/, '')])) {
      const btn = el('button', 'button button-link', it.mark ? 'Show in post' : 'Go to field');
      btn.type = 'button';
      btn.addEventListener('click', () => reveal(li._item, li._fields));
      foot.append(btn);
    }
    li.append(foot);
    return li;
  }

  // reveal moves focus to the field of a finding and selects its match.
  function reveal(it, fields) {
    const target = fields[it.field] || fields[it.field.replace(/\..*$/, '')];
    if (!target) return;
    const details = target.closest('details');
    if (details && !details.open) details.open = true;
    target.focus();
    const m = it.mark;
    if (m && !m.gone && typeof target.setSelectionRange === 'function') {
      target.setSelectionRange(m.start, m.end);
    }
    target.scrollIntoView({ block: 'center' });
  }

  // ---- Attachments -----------------------------------------------------

  function addMediaItem() {
    const frag = mediaTemplate.content.cloneNode(true);
    const li = frag.querySelector('li');
    const n = ++mediaCounter;
    for (const label of li.querySelectorAll('label[data-for]')) {
      const input = label.parentNode.querySelector('input');
      input.id = 'media-' + n + '-' + label.dataset.for;
      label.htmlFor = input.id;
    }
    li.querySelector('[data-action="remove"]').addEventListener('click', () => {
      li.remove();
      renumberMedia();
      addMedia.focus();
      schedule();
    });
    mediaList.append(li);
    renumberMedia();
    li.querySelector('[data-name="file"]').focus();
  }

  function renumberMedia() {
    let i = 0;
    for (const li of mediaList.children) {
      i++;
      li.querySelector('.media-legend').textContent = 'Photo or video ' + i;
    }
  }

  // ---- Wiring ----------------------------------------------------------

  // Text boxes, the channel list, radios and checkboxes all fire "input".
  form.addEventListener('input', schedule);
  form.addEventListener('submit', (e) => { e.preventDefault(); clearTimeout(timer); check(); });
  replySection.addEventListener('toggle', () => { for (const m of Object.values(mirrors)) m.grow(); schedule(); });
  mediaSection.addEventListener('toggle', () => {
    if (mediaSection.open && mediaList.children.length === 0) addMediaItem();
    schedule();
  });
  addMedia.addEventListener('click', addMediaItem);
  window.addEventListener('resize', () => { for (const m of Object.values(mirrors)) m.grow(); });

  updateCount();
  for (const m of Object.values(mirrors)) m.sync();
  if (draft.value !== '') schedule();
})();
