// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The kthread-bridge authors
// report.html of kb bench: draws the embedded trace (kthread-bridge-trace/1,
// Trace Event Format) as a timeline. Vanilla, no network; all text from the
// data goes in through textContent.
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var CPU_PID = 1000000;
  var KTHREAD_PID = 1000001;
  var PHASES = ['created', 'woken', 'running', 'stopped', 'exited'];
  var COLORS = { created: '#9467bd', woken: '#ff7f0e', running: '#2ca02c', stopped: '#d62728', exited: '#7f7f7f' };
  var CPU_OURS = '#1f77b4';
  var CPU_OTHER = '#c7c7c7';
  var JAVA = '#17becf';

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(e); }
    return e;
  }

  function us(v) {
    if (v >= 1e6) { return (v / 1e6).toFixed(3) + ' s'; }
    if (v >= 1e3) { return (v / 1e3).toFixed(3) + ' ms'; }
    return v.toFixed(v >= 100 ? 1 : 2) + ' \u00b5s';
  }

  function push(map, key, v) {
    (map[key] = map[key] || []).push(v);
  }

  // the trace's events sorted into tracks
  function model(trace) {
    var m = { names: {}, kthreads: {}, cpus: {}, java: [], starts: {}, finishes: [], t0: Infinity, t1: -Infinity };
    (trace.traceEvents || []).forEach(function (e) {
      if (e.ph === 'M' && e.name === 'thread_name') {
        m.names[e.pid + ':' + e.tid] = e.args ? String(e.args.name) : '';
        if (e.pid === KTHREAD_PID) { m.kthreads[e.tid] = m.kthreads[e.tid] || []; }
        return;
      }
      if (e.ph === 'X') {
        var end = e.ts + (e.dur || 0);
        m.t0 = Math.min(m.t0, e.ts);
        m.t1 = Math.max(m.t1, end);
        if (e.pid === KTHREAD_PID) { push(m.kthreads, e.tid, e); }
        else if (e.pid === CPU_PID) { push(m.cpus, e.tid, e); }
        else if (e.cat === 'java') { m.java.push(e); }
      } else if (e.ph === 's') {
        m.starts[e.id] = e;
      } else if (e.ph === 'f') {
        m.finishes.push(e);
      }
    });
    // flow events: the Java call (span around the flow's start) that caused a phase (slice at the flow's end)
    m.finishes.forEach(function (f) {
      var s = m.starts[f.id];
      var phase = (m.kthreads[f.tid] || []).filter(function (x) { return Math.abs(x.ts - f.ts) < 1e-3; })[0];
      if (!s || !phase || f.pid !== KTHREAD_PID) { return; }
      var span = m.java.filter(function (j) {
        return j.pid === s.pid && j.tid === s.tid && j.ts <= s.ts && s.ts <= j.ts + (j.dur || 0);
      })[0];
      phase.kbCause = { flow: f.name || s.name, span: span, start: s };
    });
    return m;
  }

  function tooltip(e, lines) {
    var tip = document.getElementById('tip');
    e.addEventListener('mouseover', function (ev) {
      tip.textContent = lines.join('\n');
      tip.hidden = false;
      tip.style.left = (ev.clientX + 12) + 'px';
      tip.style.top = (ev.clientY + 12) + 'px';
    });
    e.addEventListener('mousemove', function (ev) {
      tip.style.left = (ev.clientX + 12) + 'px';
      tip.style.top = (ev.clientY + 12) + 'px';
    });
    e.addEventListener('mouseout', function () { tip.hidden = true; });
  }

  function phaseLines(m, tid, x) {
    var a = x.args || {};
    var lines = [(m.names[KTHREAD_PID + ':' + tid] || 'kthread') + ' (pid ' + tid + ')',
      x.name + ': ' + us(x.dur || 0) + ' from +' + us(x.ts - m.t0)];
    var c = x.kbCause;
    if (!c) {
      lines.push('no Java call linked to this phase');
    } else if (c.span) {
      var sa = c.span.args || {};
      lines.push('caused by the Java call ' + c.span.name + ' (' + c.flow + ')',
        'Java thread ' + c.span.tid + ', handle ' + sa.handle + ', errno ' + sa.errno + ', took ' + us(c.span.dur || 0));
    } else {
      lines.push('caused by ' + c.flow + ' (Java thread ' + c.start.tid + ')');
    }
    if (a.handle !== undefined) { lines.push('handle ' + a.handle); }
    return lines;
  }

  // the rows of the timeline, in order: kthreads, Java threads, CPUs
  function rows(m) {
    var kt = Object.keys(m.kthreads).map(Number).sort(function (a, b) { return a - b; });
    var cpus = Object.keys(m.cpus).map(Number).sort(function (a, b) { return a - b; });
    var javaRows = {};
    m.java.forEach(function (j) { push(javaRows, j.pid + ':' + j.tid, j); });
    return { kt: kt, cpus: cpus, javaRows: javaRows, jt: Object.keys(javaRows).sort() };
  }

  var W = 1200, LABEL = 210, ROW = 22, TOP = 30, PLOT_W = W - LABEL - 10;

  // one drawing of the window [win.a, win.b] (trace microseconds) into view; slices outside it are left out
  function render(m, r, win, view, zoomTo) {
    var ours = {};
    r.kt.forEach(function (t) { ours[t] = true; });
    var span = Math.max(win.b - win.a, 1e-3);
    var H = TOP + ROW * (r.kt.length + r.jt.length + r.cpus.length + (r.cpus.length ? 1 : 0)) + 10;
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, id: 'timeline-svg' }, null);
    function x(t) { return LABEL + PLOT_W * (t - win.a) / span; }
    // a slice's rect, cut to the window (null when outside it); at least minW wide
    function slice(g, s, y, minW, attrs) {
      var from = Math.max(s.ts, win.a), to = Math.min(s.ts + (s.dur || 0), win.b);
      if (to < from || s.ts > win.b) { return null; }
      attrs.x = x(from);
      attrs.y = y + 3;
      attrs.width = Math.max(PLOT_W * (to - from) / span, minW);
      attrs.height = ROW - 6;
      return el('rect', attrs, g);
    }
    for (var i = 0; i <= 5; i++) {
      var tx = LABEL + PLOT_W * i / 5;
      el('line', { x1: tx, y1: TOP - 6, x2: tx, y2: H - 10, stroke: '#e6e6e6' }, svg);
      el('text', { x: tx, y: TOP - 10, 'text-anchor': i === 0 ? 'start' : i === 5 ? 'end' : 'middle' }, svg)
        .textContent = '+' + us(win.a - m.t0 + span * i / 5);
    }
    var y = TOP;
    r.kt.forEach(function (tid) {
      var g = el('g', { 'class': 'row kthread-row', 'data-tid': tid }, svg);
      var label = el('text', { x: 4, y: y + 15, 'class': 'label zoom' }, g);
      label.textContent = m.names[KTHREAD_PID + ':' + tid] || ('pid ' + tid);
      label.addEventListener('click', function () { zoomTo(lifecycle(m.kthreads[tid])); });
      m.kthreads[tid].forEach(function (s) {
        var rect = slice(g, s, y, 2, { fill: COLORS[s.name] || '#000', 'class': 'slice phase', 'data-phase': s.name });
        if (rect) { tooltip(rect, phaseLines(m, tid, s)); }
      });
      y += ROW;
    });
    r.jt.forEach(function (key) {
      var g = el('g', { 'class': 'row java-row', 'data-thread': key }, svg);
      var first = r.javaRows[key][0];
      el('text', { x: 4, y: y + 15, 'class': 'label' }, g).textContent = 'Java ' + (m.names[key] || 'thread') + ' (' + first.tid + ')';
      r.javaRows[key].forEach(function (s) {
        var a = s.args || {};
        var rect = slice(g, s, y, 2, { fill: JAVA, 'class': 'slice java' });
        if (rect) {
          tooltip(rect, ['Java call ' + s.name + ' on thread ' + s.tid, 'handle ' + a.handle + ', kthread pid ' + a.pid
            + ', errno ' + a.errno, us(s.dur || 0) + ' from +' + us(s.ts - m.t0)]);
        }
      });
      y += ROW;
    });
    if (r.cpus.length) {
      el('text', { x: 4, y: y + 15, 'class': 'label' }, svg).textContent = 'CPUs (task that ran):';
      y += ROW;
    }
    r.cpus.forEach(function (cpu) {
      var g = el('g', { 'class': 'row cpu-row', 'data-cpu': cpu }, svg);
      el('text', { x: 4, y: y + 15, 'class': 'label' }, g).textContent = m.names[CPU_PID + ':' + cpu] || ('CPU ' + cpu);
      m.cpus[cpu].forEach(function (s) {
        var a = s.args || {};
        var rect = slice(g, s, y, 1, { fill: ours[a.pid] ? CPU_OURS : CPU_OTHER, 'class': 'slice cpu' });
        if (rect) {
          tooltip(rect, ['CPU ' + cpu + ': ' + (a.comm || s.name) + ' (pid ' + a.pid + ')',
            us(s.dur || 0) + ' from +' + us(s.ts - m.t0)]);
        }
      });
      y += ROW;
    });
    selectable(svg, H, win, span, zoomTo);
    view.textContent = '';
    view.appendChild(svg);
  }

  // a kthread's created -> exited, with a tenth of it on each side
  function lifecycle(phases) {
    var a = Infinity, b = -Infinity;
    phases.forEach(function (s) { a = Math.min(a, s.ts); b = Math.max(b, s.ts + (s.dur || 0)); });
    var pad = Math.max((b - a) / 10, 1);
    return { a: a - pad, b: b + pad };
  }

  // drag across the plot to zoom into that stretch of time
  function selectable(svg, H, win, span, zoomTo) {
    var start = null, band = null;
    function plotX(ev) {
      var box = svg.getBoundingClientRect();
      var px = (ev.clientX - box.left) * W / box.width;
      return Math.min(Math.max(px, LABEL), LABEL + PLOT_W);
    }
    svg.addEventListener('mousedown', function (ev) {
      if (ev.button !== 0 || plotX(ev) <= LABEL) { return; }
      start = plotX(ev);
      band = el('rect', { x: start, y: TOP - 6, width: 0, height: H - TOP - 4, 'class': 'zoom-band' }, svg);
      ev.preventDefault();
    });
    svg.addEventListener('mousemove', function (ev) {
      if (start === null) { return; }
      var px = plotX(ev);
      band.setAttribute('x', Math.min(start, px));
      band.setAttribute('width', Math.abs(px - start));
    });
    function finish(ev) {
      if (start === null) { return; }
      var px = plotX(ev), lo = Math.min(start, px), hi = Math.max(start, px);
      start = null;
      band.remove();
      if (hi - lo >= 4) {
        zoomTo({ a: win.a + span * (lo - LABEL) / PLOT_W, b: win.a + span * (hi - LABEL) / PLOT_W });
      }
    }
    svg.addEventListener('mouseup', finish);
    svg.addEventListener('mouseleave', finish);
  }

  function draw(trace, view, legend) {
    var m = model(trace);
    var r = rows(m);
    if (!isFinite(m.t0)) { m.t0 = 0; m.t1 = 1; }
    var whole = { a: m.t0, b: Math.max(m.t1, m.t0 + 1e-3) };
    var bar = document.createElement('p');
    bar.id = 'timeline-window';
    var shown = document.createElement('span');
    var reset = document.createElement('button');
    reset.type = 'button';
    reset.id = 'timeline-reset';
    reset.textContent = 'Whole run';
    bar.appendChild(shown);
    bar.appendChild(reset);
    function zoomTo(win) {
      var w = { a: Math.max(win.a, whole.a), b: Math.min(win.b, whole.b) };
      if (w.b - w.a < 1e-3) { w.b = w.a + 1e-3; }
      render(m, r, w, view, zoomTo);
      var all = w.a === whole.a && w.b === whole.b;
      shown.textContent = (all ? 'The whole run' : 'Shown: +' + us(w.a - m.t0) + ' to +' + us(w.b - m.t0)
        + ' of ' + us(whole.b - whole.a)) + '. Drag across the timeline to zoom in; click a kthread\'s name'
        + ' for its lifecycle. ';
      reset.disabled = all;
    }
    reset.addEventListener('click', function () { zoomTo(whole); });
    zoomTo(whole);
    var items = PHASES.map(function (p) { return [p, COLORS[p]]; });
    if (r.jt.length) { items.push(['a Java call', JAVA]); }
    if (r.cpus.length) { items.push(['a kthread of the run on a CPU', CPU_OURS], ['another task', CPU_OTHER]); }
    items.forEach(function (it) {
      var s = document.createElement('span');
      var sw = document.createElement('i');
      sw.style.background = it[1];
      s.appendChild(sw);
      s.appendChild(document.createTextNode(it[0]));
      legend.appendChild(s);
    });
    var other = trace.otherData || {};
    var info = document.createElement('p');
    info.id = 'trace-info';
    info.textContent = r.kt.length + ' kthreads, ' + r.cpus.length + ' CPUs, ' + us(whole.b - whole.a)
      + ' traced on kernel ' + other.kernel + ' (clock ' + other.clock + '); events lost: ' + other.lostEvents;
    view.parentNode.insertBefore(info, view);
    view.parentNode.insertBefore(bar, view);
  }

  var data = document.getElementById('trace-data');
  if (data) {
    var view = document.getElementById('timeline-view');
    try {
      draw(JSON.parse(data.textContent), view, document.getElementById('legend'));
    } catch (err) {
      var p = document.createElement('p');
      p.className = 'error';
      p.textContent = 'The timeline could not be drawn: ' + err;
      view.appendChild(p);
      throw err;
    }
  }
}());
