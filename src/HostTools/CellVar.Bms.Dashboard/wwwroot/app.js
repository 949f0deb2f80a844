// CellVar.Bms dashboard: one page, five views, live over server-sent events (/dashboard/events).
// State comes from the service's JSON API at load (and after every reconnect); the feed then patches it.
'use strict';
(function () {
  const LIMIT_Z = 3.72;          // the service's alarm limit z = Φ⁻¹(1 − 10⁻⁴), see the service README
  const FLAG_R = 1, FLAG_HOT = 2, FLAG_INVALID = 4, FLAG_NOT_CONVERGED = 8;
  const api = p => fetch(p, { credentials: 'same-origin' }).then(r => { if (!r.ok) throw new Error(p + ': ' + r.status); return r.json(); });
  const $ = id => document.getElementById(id);
  const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const nowMs = () => performance.timeOrigin + performance.now();

  // Measurements read by the browser tests (and shown in the footer).
  const m = window.cellvar = { loadId: Math.random().toString(36).slice(2), lat: [], sseLat: [], renderMs: [], batches: 0, renders: 0 };

  const S = {
    monitors: new Map(),      // id -> {monitor_id, site, online, stale, last_seen_ms, open_alerts, cell_count}
    cells: new Map(),         // id -> Map(cell -> {v, r, q, t, rz, tz, flags, seq, device_ms, received_ms})
    priors: {},               // id -> device prior payload (r, q, tr: loc, sd, hi, lo)
    alerts: [],
    lastUpdate: null,
    view: 'fleet', packMonitor: null, cellSel: null,
    dirty: new Set(), structure: true, pendingLat: [], pendingSent: [],
  };

  // ---------- scores and colours ----------
  function priorOf(mon, key, cell) {
    const p = S.priors[mon]; if (!p || !p[key]) return null;
    const o = (p.cells || []).find(x => x.c === cell && x[key]);
    return o ? Object.assign({}, p[key], o[key]) : p[key];
  }
  let robustQ = new Map();      // monitor -> {m, s}: capacity score without a prior uses the pack's median and MAD
  function median(a) { const b = a.slice().sort((x, y) => x - y); const n = b.length; return n ? (n % 2 ? b[(n - 1) / 2] : (b[n / 2 - 1] + b[n / 2]) / 2) : NaN; }
  function robust(a) { const med = median(a); const mad = median(a.map(x => Math.abs(x - med))); return { m: med, s: 1.4826 * mad }; }
  function refreshRobust(mon) {
    const cs = S.cells.get(mon); if (!cs) return;
    const qs = []; for (const c of cs.values()) if (!(c.flags & (FLAG_INVALID | FLAG_NOT_CONVERGED))) qs.push(c.q);
    robustQ.set(mon, robust(qs));
  }
  function scores(mon, no, c) {
    const p = priorOf(mon, 'q', no);
    let qz = null;
    if (p && p.sd > 0) qz = (c.q - p.loc) / p.sd;
    else { const r = robustQ.get(mon); if (r && r.s > 0) qz = (c.q - r.m) / r.s; }
    return { r: c.rz / 100, q: qz, t: c.tz / 100 };
  }
  function openAlertAt(mon, no) { return S.alerts.some(a => a.open && a.monitor_id === mon && a.cell === no); }
  function isRed(mon, no, c) {
    const z = scores(mon, no, c);
    return (c.flags & (FLAG_R | FLAG_HOT)) !== 0 || openAlertAt(mon, no) || Math.abs(z.r) >= LIMIT_Z || Math.abs(z.t) >= LIMIT_Z || (z.q !== null && z.q <= -LIMIT_Z);
  }
  function colour(z) {
    if (z === null || !isFinite(z)) return '#ddd';
    const t = Math.max(-1, Math.min(1, z / 4)), a = Math.abs(t), to = t > 0 ? [178, 24, 43] : [33, 102, 172];
    return `rgb(${Math.round(247 + (to[0] - 247) * a)},${Math.round(247 + (to[1] - 247) * a)},${Math.round(247 + (to[2] - 247) * a)})`;
  }
  function worst(mon, no, c) { const z = scores(mon, no, c); let w = z.r; for (const v of [z.t, z.q]) if (v !== null && Math.abs(v) > Math.abs(w)) w = v; return w; }
  function age(ms) { if (!ms) return '–'; const s = Math.max(0, (Date.now() - ms) / 1000); return s < 90 ? s.toFixed(0) + ' s ago' : s < 5400 ? (s / 60).toFixed(0) + ' min ago' : (s / 3600).toFixed(1) + ' h ago'; }
  function time(ms) { return ms ? new Date(ms).toLocaleString() : ''; }

  // ---------- loading ----------
  async function loadMonitors() {
    const list = await api('/api/monitors');
    const ids = new Set();
    for (const x of list) { ids.add(x.monitor_id); S.monitors.set(x.monitor_id, Object.assign(S.monitors.get(x.monitor_id) || {}, x)); }
    S.structure = true;
  }
  async function loadAlerts() {
    S.alerts = await api('api/alerts');
    const open = new Map();
    for (const a of S.alerts) if (a.open) open.set(a.monitor_id, (open.get(a.monitor_id) || 0) + 1);
    for (const [id, mo] of S.monitors) mo.open_alerts = open.get(id) || 0;
    for (const id of S.monitors.keys()) for (const no of (S.cells.get(id) || new Map()).keys()) S.dirty.add(id + '/' + no);
    $('open-alerts-badge').textContent = S.alerts.filter(a => a.open && !a.acked_ms).length || '';
  }
  async function loadPopulation() {
    const p = await api('api/population');
    S.priors = p.priors || {};
    S.lastUpdate = p.last_update;
    for (const r of p.cells) setCell(r[0], r[1], { v: r[2], r: r[3], q: r[4], t: r[5], rz: r[6], tz: r[7], flags: r[8], received_ms: r[9] });
    for (const id of S.cells.keys()) refreshRobust(id);
  }
  async function loadAll() {
    await loadMonitors(); await loadPopulation(); await loadAlerts();
    // The alerts view may already be open (a reload on #alerts): without this it stayed empty until the 10 s poll.
    S.structure = true; S.alertsDirty = true; schedule();
  }
  function setCell(mon, no, c) {
    let cs = S.cells.get(mon); if (!cs) { cs = new Map(); S.cells.set(mon, cs); S.structure = true; }
    if (!cs.has(no)) S.structure = true;
    cs.set(no, Object.assign(cs.get(no) || {}, c));
    S.dirty.add(mon + '/' + no);
  }

  // ---------- live feed ----------
  let alertReload = null;
  function connect() {
    const es = new EventSource('events');
    es.onopen = () => { $('live').className = 'live on'; $('live').textContent = 'live'; loadAll().catch(console.error); };
    es.onerror = () => { $('live').className = 'live off'; $('live').textContent = 'reconnecting'; };
    es.onmessage = ev => apply(JSON.parse(ev.data));
  }
  function apply(b) {
    m.batches++;
    const touched = new Set();
    for (const r of b.cells) {
      const [mon, no, v, res, q, t, rz, tz, flags, seq, dev, recv] = r;
      if (!S.monitors.has(mon)) { S.monitors.set(mon, { monitor_id: mon, site: b.sites[mon] || '', online: true, stale: false, open_alerts: 0 }); S.structure = true; }
      const mo = S.monitors.get(mon); mo.last_seen_ms = Math.max(mo.last_seen_ms || 0, recv); mo.stale = false;
      setCell(mon, no, { v, r: res, q, t, rz, tz, flags, seq, device_ms: dev, received_ms: recv });
      touched.add(mon);
      S.pendingLat.push(recv);
      if (S.cellSel && S.cellSel[0] === mon && S.cellSel[1] === no) cellAppend({ device_ms: dev, resistance_uohm: res, capacity_mah: q, temperature_dc: t });
    }
    for (const mon of touched) refreshRobust(mon);
    for (const [mon, online, recv] of b.states) {
      const mo = S.monitors.get(mon) || { monitor_id: mon, site: b.sites[mon] || '', open_alerts: 0 };
      mo.online = online; mo.last_seen_ms = Math.max(mo.last_seen_ms || 0, recv); S.monitors.set(mon, mo); S.structure = true;
      S.pendingLat.push(recv);
    }
    if (b.alerts.length) {
      for (const a of b.alerts) S.pendingLat.push(a[7]);
      // The feed announces only stored messages, so the API already has the alert rows (with ids to acknowledge).
      clearTimeout(alertReload);
      alertReload = setTimeout(() => loadAlerts().then(() => { S.alertsDirty = true; schedule(); }).catch(console.error), 0);
    }
    S.pendingSent.push(b.sent_ms);
    schedule();
  }

  // ---------- rendering ----------
  let frame = 0;
  function schedule() { if (!frame) frame = requestAnimationFrame(render); }
  function render() {
    frame = 0;
    const started = performance.now();
    if (S.view === 'fleet') renderFleet();
    else if (S.view === 'pack') renderPack();
    if (S.view === 'alerts' && S.alertsDirty) renderAlerts();
    if (S.view === 'cell' && S.alertsDirty) renderCellAlerts();
    S.alertsDirty = false;
    S.dirty.clear(); S.structure = false;
    const t = nowMs();
    m.renderMs.push(performance.now() - started);
    if (m.renderMs.length > 5000) m.renderMs.splice(0, m.renderMs.length - 5000);
    for (const r of S.pendingLat) m.lat.push(t - r);
    for (const s of S.pendingSent) m.sseLat.push(t - s);
    if (m.lat.length > 50000) m.lat.splice(0, m.lat.length - 50000);
    if (m.sseLat.length > 5000) m.sseLat.splice(0, m.sseLat.length - 5000);
    if (S.pendingLat.length) { const last = m.lat.slice(-200).sort((a, b) => a - b); $('latency').textContent = `p50 ${last[last.length >> 1].toFixed(0)} ms (last ${last.length} updates)`; }
    S.pendingLat = []; S.pendingSent = [];
    m.renders++;
  }

  function monitorIds() { return [...S.monitors.keys()].sort(); }
  function renderFleet() {
    const tb = $('fleet-table').tBodies[0];
    const ids = monitorIds();
    $('fleet-empty').style.display = ids.length ? 'none' : '';
    if (S.structure || tb.rows.length !== ids.length) {
      tb.innerHTML = ids.map(id => {
        const n = [...(S.cells.get(id) || new Map()).keys()].sort((a, b) => a - b);
        return `<tr data-monitor="${esc(id)}"><td><a href="#pack/${esc(id)}">${esc(id)}</a></td><td></td><td class="state"></td><td class="age"></td><td class="open"></td>` +
          `<td><span class="strip">${n.map(no => `<i id="f-${esc(id)}-${no}" title="cell ${no}"></i>`).join('')}</span></td></tr>`;
      }).join('');
      for (const id of ids) for (const no of (S.cells.get(id) || new Map()).keys()) S.dirty.add(id + '/' + no);
    }
    for (const row of tb.rows) {
      const mo = S.monitors.get(row.dataset.monitor);
      row.cells[1].textContent = mo.site || '';
      const st = !mo.online ? 'offline' : mo.stale ? 'stale' : 'online';
      row.cells[2].textContent = st; row.cells[2].className = 'state ' + st;
      row.cells[3].textContent = age(mo.last_seen_ms);
      row.cells[4].textContent = mo.open_alerts || 0;
    }
    for (const key of S.dirty) {
      const i = key.lastIndexOf('/'), mon = key.slice(0, i), no = +key.slice(i + 1);
      const el = document.getElementById(`f-${mon}-${no}`); if (!el) continue;
      const c = S.cells.get(mon).get(no);
      el.style.background = colour(worst(mon, no, c));
      el.style.outline = isRed(mon, no, c) ? '1px solid #d50000' : '';
    }
  }

  function renderPack() {
    const sel = $('pack-monitor'), ids = monitorIds();
    if (sel.options.length !== ids.length) sel.innerHTML = ids.map(id => `<option>${esc(id)}</option>`).join('');
    if (!S.packMonitor && ids.length) S.packMonitor = ids[0];
    sel.value = S.packMonitor || '';
    const mon = S.packMonitor, cs = S.cells.get(mon) || new Map(), grid = $('pack-grid');
    const nos = [...cs.keys()].sort((a, b) => a - b);
    if (S.structure || grid.dataset.monitor !== mon || grid.children.length !== nos.length) {
      grid.dataset.monitor = mon || '';
      grid.innerHTML = nos.map(no => `<div class="cell" id="cell-${esc(mon)}-${no}" data-cell="${no}"><span class="no">${no}</span>` +
        `<div class="bar r"><b>R</b><span></span></div><div class="bar q"><b>Q</b><span></span></div><div class="bar t"><b>T</b><span></span></div></div>`).join('');
      for (const no of nos) S.dirty.add(mon + '/' + no);
    }
    for (const no of nos) {
      if (!S.dirty.has(mon + '/' + no)) continue;
      const c = cs.get(no), z = scores(mon, no, c), el = document.getElementById(`cell-${mon}-${no}`);
      for (const k of ['r', 'q', 't']) {
        const bar = el.querySelector('.bar.' + k);
        bar.style.background = colour(z[k]);
        bar.lastChild.textContent = z[k] === null ? '–' : z[k].toFixed(1);
      }
      el.classList.toggle('alert', isRed(mon, no, c));
      el.title = `cell ${no}: ${c.r} µΩ, ${c.q} mAh, ${(c.t / 10).toFixed(1)} °C, flags ${c.flags}`;
    }
  }

  function alertFilterQuery() {
    const q = new URLSearchParams();
    for (const [k, id] of [['kind', 'f-kind'], ['severity', 'f-severity'], ['monitor', 'f-monitor']]) if ($(id).value) q.set(k, $(id).value);
    if ($('f-open').checked) q.set('open', 'true');
    return q;
  }
  function renderAlerts() {
    const fm = $('f-monitor'), cur = fm.value, ids = monitorIds();
    if (fm.options.length !== ids.length + 1) { fm.innerHTML = '<option value="">all</option>' + ids.map(id => `<option>${esc(id)}</option>`).join(''); fm.value = cur; }
    const q = alertFilterQuery();
    $('export-csv').href = 'api/alerts.csv' + (q.toString() ? '?' + q : '');
    const kind = q.get('kind'), sev = q.get('severity'), mon = q.get('monitor'), open = q.get('open');
    const rows = S.alerts.filter(a => (!kind || a.kind === kind) && (!sev || a.severity === sev) && (!mon || a.monitor_id === mon) && (!open || a.open));
    // The list is redrawn on every alert and every 10 s poll: keep acknowledgement notes being typed, and the focus.
    const notes = new Map(), focused = document.activeElement && document.activeElement.classList.contains('ack-note')
      ? document.activeElement.closest('tr').dataset.alertId : null;
    for (const input of $('alerts-table').querySelectorAll('tr[data-alert-id] .ack-note')) if (input.value) notes.set(input.closest('tr').dataset.alertId, input.value);
    $('alerts-table').tBodies[0].innerHTML = rows.map(a => `<tr data-alert-id="${a.alert_id}" class="sev-${esc(a.severity)}"><td>${a.alert_id}</td><td>${esc(time(a.raised_ms))}</td>` +
      `<td>${esc(a.monitor_id)}</td><td><a href="#cell/${esc(a.monitor_id)}/${a.cell}">${a.cell}</a></td><td>${esc(a.kind)}</td><td>${esc(a.severity)}</td>` +
      `<td>${a.value ?? ''} / ${a.limit ?? ''}</td><td>${a.score_c == null ? '' : (a.score_c / 100).toFixed(2)}</td><td>${a.open ? 'open' : 'cleared'}</td><td>` +
      (a.acked_ms ? `<span class="acked">✔ ${esc(a.acked_by)}: ${esc(a.ack_note)}</span>`
                  : `<input class="ack-note" placeholder="note"> <button class="ack-btn">acknowledge</button>`) + '</td></tr>').join('');
    for (const input of $('alerts-table').querySelectorAll('tr[data-alert-id] .ack-note')) {
      const id = input.closest('tr').dataset.alertId;
      if (notes.has(id)) input.value = notes.get(id);
      if (id === focused) input.focus();
    }
  }
  $('alerts-table').addEventListener('click', async e => {
    if (!e.target.classList.contains('ack-btn')) return;
    const tr = e.target.closest('tr'), note = tr.querySelector('.ack-note').value;
    e.target.disabled = true;
    const r = await fetch(`/api/alerts/${tr.dataset.alertId}/ack`, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ by: 'dashboard', note }) });
    if (!r.ok) { e.target.disabled = false; alert('acknowledge failed: ' + r.status + ' ' + await r.text()); return; }
    await loadAlerts(); renderAlerts();
  });
  for (const id of ['f-kind', 'f-severity', 'f-monitor', 'f-open']) $(id).addEventListener('change', renderAlerts);

  // ---------- cell view ----------
  let cellPlot = null, cellData = null;
  const Q = { r: ['resistance_uohm', 'r', 'µΩ'], q: ['capacity_mah', 'q', 'mAh'], t: ['temperature_dc', 'tr', '0.1 °C'] };
  function cellSeries(points) {
    const [field, key] = Q[$('cell-quantity').value];
    const [mon, no] = S.cellSel;
    const x = [], y = [], lo = [], hi = [], plo = [], phi = [], lim = [];
    let p = priorOf(mon, key, no), base = 0;
    if (key === 'tr' && p) { const ts = [...(S.cells.get(mon) || new Map()).values()].map(c => c.t); base = median(ts); }
    for (let i = 0; i < points.length; i++) {
      x.push(points[i].device_ms / 1000); y.push(points[i][field]);
      // Band: ±2 s.d. of the last 10 estimates; the wire carries no per-sample uncertainty.
      const w = points.slice(Math.max(0, i - 9), i + 1).map(p => p[field]);
      const mean = w.reduce((a, b) => a + b, 0) / w.length, sd = Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, w.length - 1));
      lo.push(mean - 2 * sd); hi.push(mean + 2 * sd);
      plo.push(p ? base + p.loc - LIMIT_Z * p.sd : null); phi.push(p ? base + p.loc + LIMIT_Z * p.sd : null);
      lim.push(p ? (p.hi != null ? base + p.hi : p.lo != null ? base + p.lo : null) : null);
    }
    return [x, y, lo, hi, plo, phi, lim];
  }
  async function loadCell() {
    const [mon, no] = S.cellSel;
    $('cell-title').textContent = `${mon} / ${no}`;
    const pts = await api(`/api/monitors/${encodeURIComponent(mon)}/telemetry?cell=${no}&limit=600`);
    cellData = pts.map(p => ({ device_ms: p.device_ms, resistance_uohm: p.resistance_uohm, capacity_mah: p.capacity_mah, temperature_dc: p.temperature_dc }));
    drawCell(); renderCellAlerts();
  }
  function drawCell() {
    const el = $('cell-chart'), data = cellSeries(cellData || []), unit = Q[$('cell-quantity').value][2];
    m.cellPoints = data[0].length;
    const opts = {
      width: Math.min(1000, el.clientWidth || 900), height: 300,
      series: [{}, { label: 'estimate', stroke: '#1565c0', width: 2 }, { label: 'band −2sd', stroke: 'rgba(21,101,192,.3)', points: { show: false } },
        { label: 'band +2sd', stroke: 'rgba(21,101,192,.3)', points: { show: false } },
        { label: 'prior −z·sd', stroke: 'rgba(46,125,50,.6)', dash: [4, 4], points: { show: false } }, { label: 'prior +z·sd', stroke: 'rgba(46,125,50,.6)', dash: [4, 4], points: { show: false } },
        { label: 'alarm limit', stroke: '#d50000', width: 1.5, points: { show: false } }],
      bands: [{ series: [3, 2], fill: 'rgba(21,101,192,.12)' }, { series: [5, 4], fill: 'rgba(46,125,50,.08)' }],
      axes: [{}, { label: unit }],
    };
    if (cellPlot) cellPlot.destroy();
    el.innerHTML = '';
    cellPlot = new uPlot(opts, data, el);
    $('cell-note').textContent = (S.priors[S.cellSel[0]] ? '' : 'No prior sent to this monitor yet: no prior band or limit. ') +
      'Shaded blue: ±2 s.d. of the last 10 estimates. Green: prior loc ± 3.72·sd. Red: the alarm limit in force.';
  }
  let cellTimer = 0;
  function cellAppend(p) {
    if (!cellData) return;
    cellData.push(p); if (cellData.length > 600) cellData.shift();
    if (!cellTimer) cellTimer = setTimeout(() => { cellTimer = 0; if (cellPlot && S.view === 'cell') { const d = cellSeries(cellData); m.cellPoints = d[0].length; cellPlot.setData(d); } }, 250);
  }
  function renderCellAlerts() {
    if (!S.cellSel) return;
    const [mon, no] = S.cellSel;
    $('cell-alerts').tBodies[0].innerHTML = S.alerts.filter(a => a.monitor_id === mon && a.cell === no).map(a =>
      `<tr><td>${esc(time(a.raised_ms))}</td><td>${esc(a.kind)}</td><td>${a.value ?? ''}</td><td>${a.limit ?? ''}</td><td>${a.score_c == null ? '' : (a.score_c / 100).toFixed(2)}</td>` +
      `<td>${a.open ? 'open' : 'cleared ' + esc(time(a.cleared_ms))}</td><td>${a.acked_ms ? esc(a.acked_by + ': ' + (a.ack_note || '')) : ''}</td></tr>`).join('');
  }
  $('cell-quantity').addEventListener('change', drawCell);
  $('pack-grid').addEventListener('click', e => { const c = e.target.closest('.cell'); if (c) location.hash = `#cell/${S.packMonitor}/${c.dataset.cell}`; });
  $('pack-monitor').addEventListener('change', e => { location.hash = '#pack/' + e.target.value; });

  // ---------- population ----------
  let popPlot = null;
  function normalPdf(x, mu, sd) { return Math.exp(-0.5 * ((x - mu) / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI)); }
  async function loadPopulationView() { await loadPopulation(); drawPopulation(); }
  function drawPopulation() {
    const key = $('pop-quantity').value, pk = key === 't' ? 'tr' : key;
    const vals = [];
    for (const [mon, cs] of S.cells) {
      const ok = [...cs.values()].filter(c => !(c.flags & (FLAG_INVALID | FLAG_NOT_CONVERGED)));
      const tmed = median(ok.map(c => c.t));
      for (const c of ok) vals.push(key === 'r' ? c.r : key === 'q' ? c.q : c.t - tmed);
    }
    const prior = S.lastUpdate && S.lastUpdate.after ? S.lastUpdate.after[pk] : (Object.values(S.priors)[0] || {})[pk];
    let lo = Infinity, hi = -Infinity;
    for (const v of vals) { if (v < lo) lo = v; if (v > hi) hi = v; }   // no spread: large fleets would overflow the call stack
    if (prior) { lo = Math.min(lo, prior.loc - 4 * prior.sd); hi = Math.max(hi, prior.loc + 4 * prior.sd); }
    if (!vals.length || !isFinite(lo)) { $('pop-note').textContent = 'No cell estimates yet.'; if (popPlot) { popPlot.destroy(); popPlot = null; } return; }
    if (hi === lo) { hi = lo + 1; }
    const bins = 40, w = (hi - lo) / bins, x = [], counts = new Array(bins).fill(0), dens = [];
    for (const v of vals) counts[Math.min(bins - 1, Math.floor((v - lo) / w))]++;
    const log = $('pop-log').checked;
    for (let i = 0; i < bins; i++) { const c = lo + (i + 0.5) * w; x.push(c); dens.push(prior ? vals.length * w * normalPdf(c, prior.loc, prior.sd) : null); }
    // A log axis cannot show zero: empty bins and negligible density are left out rather than drawn at an arbitrary floor.
    const y1 = counts.map(c => log && c === 0 ? null : c), y2 = dens.map(d => d === null || (log && d < 0.01) ? null : d);
    const el = $('pop-chart');
    if (popPlot) popPlot.destroy();
    el.innerHTML = '';
    popPlot = new uPlot({
      width: Math.min(1000, el.clientWidth || 900), height: 300,
      scales: { x: { time: false }, y: log ? { distr: 3 } : {} },
      series: [{}, { label: 'cells', fill: 'rgba(21,101,192,.35)', stroke: '#1565c0', paths: uPlot.paths.bars({ size: [0.95, 100] }) },
        { label: 'prior density × n·bin', stroke: '#2e7d32', width: 2, points: { show: false } }],
      axes: [{ label: { r: 'resistance µΩ', q: 'capacity mAh', t: 'temperature rise 0.1 K' }[key] }, { label: 'cells per bin' }],
    }, [x, y1, y2], el);
    $('pop-note').textContent = `${vals.length} cells (invalid and not-converged cells excluded). ` + (prior ? `Prior: loc ${prior.loc}, sd ${prior.sd}.` : 'No prior sent yet.');
    renderPriorChange();
  }
  function renderPriorChange() {
    const u = S.lastUpdate, tb = $('prior-change').tBodies[0];
    if (!u) { tb.innerHTML = ''; $('prior-change-note').textContent = 'No prior update yet.'; return; }
    const rows = [];
    for (const k of ['r', 'q', 'tr']) for (const f of ['loc', 'sd', 'hi', 'lo']) {
      const b = u.before && u.before[k] ? u.before[k][f] : null, a = u.after && u.after[k] ? u.after[k][f] : null;
      if (a == null && b == null) continue;
      const d = a != null && b != null ? a - b : null;
      rows.push(`<tr><td>${k}</td><td>${f}</td><td>${b ?? '–'}</td><td>${a ?? '–'}</td><td>${d == null ? '' : (d > 0 ? '+' : '') + d + (b ? ` (${(100 * d / b).toFixed(1)} %)` : '')}</td></tr>`);
    }
    tb.innerHTML = rows.join('');
    $('prior-change-note').textContent = `Prior ${u.after ? u.after.id : ''} for ${u.monitor_id}, ${time(u.created_ms)} (${u.source || ''}, ${u.status})` + (u.before ? '' : ' — the first prior for this monitor.');
  }
  $('pop-quantity').addEventListener('change', drawPopulation);
  $('pop-log').addEventListener('change', drawPopulation);

  // ---------- routing ----------
  function route() {
    const parts = (location.hash || '#fleet').slice(1).split('/').map(decodeURIComponent);
    S.view = ['fleet', 'pack', 'cell', 'alerts', 'population'].includes(parts[0]) ? parts[0] : 'fleet';
    if (S.view === 'pack' && parts[1]) S.packMonitor = parts[1];
    if (S.view === 'cell' && parts[1] && parts[2]) S.cellSel = [parts[1], +parts[2]];
    if (S.view === 'cell' && !S.cellSel) { const id = monitorIds()[0]; if (id) S.cellSel = [id, 1]; }
    for (const v of document.querySelectorAll('.view')) v.classList.toggle('active', v.id === 'view-' + S.view);
    for (const a of document.querySelectorAll('header nav a')) a.classList.toggle('active', a.dataset.view === S.view);
    if (S.packMonitor) document.querySelector('nav a[data-view=pack]').href = '#pack/' + S.packMonitor;
    if (S.cellSel) document.querySelector('nav a[data-view=cell]').href = `#cell/${S.cellSel[0]}/${S.cellSel[1]}`;
    S.structure = true;
    if (S.view === 'alerts') S.alertsDirty = true;
    if (S.view === 'cell' && S.cellSel) loadCell().catch(console.error);
    if (S.view === 'population') loadPopulationView().catch(console.error);
    schedule();
  }
  window.addEventListener('hashchange', route);
  setInterval(() => { if (S.view === 'fleet') schedule(); }, 1000);   // message ages tick
  setInterval(() => { loadMonitors().then(loadAlerts).then(() => { S.alertsDirty = true; schedule(); }).catch(console.error); }, 10000);
  route();
  loadAll().catch(console.error).finally(connect);
})();
