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

  function draw(trace, view, legend) {
    var m = model(trace);
    var kt = Object.keys(m.kthreads).map(Number).sort(function (a, b) { return a - b; });
    var cpus = Object.keys(m.cpus).map(Number).sort(function (a, b) { return a - b; });
    var ours = {};
    kt.forEach(function (t) { ours[t] = true; });
    if (!isFinite(m.t0)) { m.t0 = 0; m.t1 = 1; }
    var span = Math.max(m.t1 - m.t0, 1e-3);
    var W = 1200, LABEL = 210, ROW = 22, TOP = 30, plotW = W - LABEL - 10;
    var javaRows = {};
    m.java.forEach(function (j) { push(javaRows, j.pid + ':' + j.tid, j); });
    var jt = Object.keys(javaRows).sort();
    var H = TOP + ROW * (kt.length + jt.length + cpus.length + (cpus.length ? 1 : 0)) + 10;
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, id: 'timeline-svg' }, null);
    function x(t) { return LABEL + plotW * (t - m.t0) / span; }
    for (var i = 0; i <= 5; i++) {
      var tx = LABEL + plotW * i / 5;
      el('line', { x1: tx, y1: TOP - 6, x2: tx, y2: H - 10, stroke: '#e6e6e6' }, svg);
      el('text', { x: tx, y: TOP - 10, 'text-anchor': i === 0 ? 'start' : i === 5 ? 'end' : 'middle' }, svg)
        .textContent = '+' + us(span * i / 5);
    }
    var y = TOP;
    kt.forEach(function (tid) {
      var g = el('g', { 'class': 'row kthread-row', 'data-tid': tid }, svg);
      el('text', { x: 4, y: y + 15, 'class': 'label' }, g).textContent = m.names[KTHREAD_PID + ':' + tid] || ('pid ' + tid);
      m.kthreads[tid].forEach(function (s) {
        var r = el('rect', { x: x(s.ts), y: y + 3, width: Math.max(plotW * (s.dur || 0) / span, 2), height: ROW - 6,
          fill: COLORS[s.name] || '#000', 'class': 'slice phase', 'data-phase': s.name }, g);
        tooltip(r, phaseLines(m, tid, s));
      });
      y += ROW;
    });
    jt.forEach(function (key) {
      var g = el('g', { 'class': 'row java-row', 'data-thread': key }, svg);
      var first = javaRows[key][0];
      el('text', { x: 4, y: y + 15, 'class': 'label' }, g).textContent = 'Java ' + (m.names[key] || 'thread') + ' (' + first.tid + ')';
      javaRows[key].forEach(function (s) {
        var a = s.args || {};
        var r = el('rect', { x: x(s.ts), y: y + 3, width: Math.max(plotW * (s.dur || 0) / span, 2), height: ROW - 6,
          fill: JAVA, 'class': 'slice java' }, g);
        tooltip(r, ['Java call ' + s.name + ' on thread ' + s.tid, 'handle ' + a.handle + ', kthread pid ' + a.pid
          + ', errno ' + a.errno, us(s.dur || 0) + ' from +' + us(s.ts - m.t0)]);
      });
      y += ROW;
    });
    if (cpus.length) {
      el('text', { x: 4, y: y + 15, 'class': 'label' }, svg).textContent = 'CPUs (task that ran):';
      y += ROW;
    }
    cpus.forEach(function (cpu) {
      var g = el('g', { 'class': 'row cpu-row', 'data-cpu': cpu }, svg);
      el('text', { x: 4, y: y + 15, 'class': 'label' }, g).textContent = m.names[CPU_PID + ':' + cpu] || ('CPU ' + cpu);
      m.cpus[cpu].forEach(function (s) {
        var a = s.args || {};
        var r = el('rect', { x: x(s.ts), y: y + 3, width: Math.max(plotW * (s.dur || 0) / span, 1), height: ROW - 6,
          fill: ours[a.pid] ? CPU_OURS : CPU_OTHER, 'class': 'slice cpu' }, g);
        tooltip(r, ['CPU ' + cpu + ': ' + (a.comm || s.name) + ' (pid ' + a.pid + ')',
          us(s.dur || 0) + ' from +' + us(s.ts - m.t0)]);
      });
      y += ROW;
    });
    view.appendChild(svg);
    var items = PHASES.map(function (p) { return [p, COLORS[p]]; });
    if (jt.length) { items.push(['a Java call', JAVA]); }
    if (cpus.length) { items.push(['a kthread of the run on a CPU', CPU_OURS], ['another task', CPU_OTHER]); }
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
    info.textContent = kt.length + ' kthreads, ' + cpus.length + ' CPUs, ' + us(span) + ' traced on kernel '
      + other.kernel + ' (clock ' + other.clock + '); events lost: ' + other.lostEvents;
    view.parentNode.insertBefore(info, view);
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
