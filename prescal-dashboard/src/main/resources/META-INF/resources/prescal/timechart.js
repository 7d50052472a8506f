// Prescal's small wrapper around uPlot (loaded before this file from the uPlot WebJar).
// The server (TimeChart.java) calls init once, then setData on open or range change, and
// append once a second; markers are scale events drawn as dashed vertical lines.
(function () {
  'use strict';
  const MARK_COLORS = { up: '#4cc38a', down: '#e0a84a', cold: '#6aa8ff', other: '#b0b8c8' };

  function format(v, unit) {
    if (v == null || !isFinite(v)) return '–';
    if (unit === '%') return (v < 1 ? v.toFixed(2) : v.toFixed(1)) + ' %';
    if (unit === 'ms') return v >= 1000 ? (v / 1000).toFixed(2) + ' s' : (v >= 100 ? v.toFixed(0) : v.toFixed(1)) + ' ms';
    if (Math.abs(v) >= 10000) return (v / 1000).toFixed(1) + 'k';
    if (unit === 'int') return Math.round(v).toString();
    return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2).replace(/\.?0+$/, '');
  }

  // Axis ticks: short, no needless decimals.
  function tick(v, unit) {
    if (unit === 'ms') return v >= 1000 ? (v / 1000) + ' s' : Math.round(v) + ' ms';
    if (unit === 'int') return Number.isInteger(v) ? v.toString() : '';
    return v >= 10000 ? (v / 1000) + 'k' : (Number.isInteger(v) ? v.toString() : v.toFixed(1));
  }

  function markersPlugin(el) {
    return {
      hooks: {
        draw: [u => {
          const marks = el.__marks || [];
          if (!marks.length) return;
          const ctx = u.ctx, dpr = window.devicePixelRatio || 1;
          const { left, top, width, height } = u.bbox;
          ctx.save();
          ctx.font = (10 * dpr) + 'px sans-serif';
          ctx.lineWidth = dpr;
          for (const m of marks) {
            const x = Math.round(u.valToPos(m.t, 'x', true));
            if (x < left || x > left + width) continue;
            const color = MARK_COLORS[m.kind] || MARK_COLORS.other;
            ctx.strokeStyle = color;
            ctx.setLineDash([4 * dpr, 3 * dpr]);
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + height);
            ctx.stroke();
            ctx.setLineDash([]);
            ctx.fillStyle = color;
            ctx.fillText(m.label, x + 3 * dpr, top + 11 * dpr);
          }
          ctx.restore();
        }]
      }
    };
  }

  function latest(el) {
    const xs = el.__data[0];
    return xs.length ? xs[xs.length - 1] : Date.now() / 1000;
  }

  function trim(el) {
    const cut = latest(el) - el.__window;
    const xs = el.__data[0];
    let i = 0;
    while (i < xs.length && xs[i] < cut) i++;
    if (i > 0) el.__data = el.__data.map(col => col.slice(i));
  }

  window.prescalChart = {
    init(el, spec) {
      if (el.__u) el.__u.destroy();
      el.__window = spec.windowSec;
      el.__marks = [];
      el.__data = [[]].concat(spec.series.map(() => []));
      const unit = spec.unit;
      const axisColor = '#8a94a6', grid = { stroke: 'rgba(160,170,190,0.10)', width: 1 };
      const opts = {
        width: Math.max(el.clientWidth, 200),
        height: spec.height,
        padding: [8, 8, 0, 0],
        cursor: { drag: { x: false, y: false } },
        legend: { live: true },
        hooks: { setData: [u => { if (u.cursor.idx == null) u.setLegend({ idx: u.data[0].length - 1 }); }] },
        scales: {
          x: { time: true, range: (u, min, max) => { const end = latest(el); return [end - el.__window, end]; } },
          y: { range: (u, min, max) => [0, max > 0 ? max * 1.15 : (unit === 'int' ? 2 : 1)] }
        },
        axes: [
          { stroke: axisColor, grid, ticks: grid, space: 70,
            values: (u, vals) => vals.map(v => new Date(v * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false })) },
          { stroke: axisColor, grid, ticks: grid, size: 62, values: (u, vals) => vals.map(v => tick(v, unit)) }
        ],
        series: [{ value: (u, v) => v == null ? '–' : new Date(v * 1000).toLocaleTimeString() }].concat(
          spec.series.map(s => ({
            label: s.label,
            stroke: s.color,
            width: 1.75,
            fill: s.fill || undefined,
            paths: s.stepped ? uPlot.paths.stepped({ align: 1 }) : undefined,
            points: { show: false },
            value: (u, v) => format(v, unit)
          }))),
        plugins: [markersPlugin(el)]
      };
      el.__u = new uPlot(opts, el.__data, el);
      if (window.ResizeObserver) {
        el.__resize = new ResizeObserver(() => {
          const w = Math.max(el.clientWidth, 200);
          if (el.__u && Math.abs(el.__u.width - w) > 2) el.__u.setSize({ width: w, height: spec.height });
        });
        el.__resize.observe(el);
      }
    },
    setData(el, columns, marks, windowSec) {
      if (!el.__u) return;
      el.__window = windowSec;
      el.__data = columns;
      el.__marks = marks || [];
      trim(el);
      el.__u.setData(el.__data);
    },
    append(el, row) {
      if (!el.__u) return;
      const xs = el.__data[0];
      if (xs.length && row[0] <= xs[xs.length - 1]) return; // already have it (history and live overlap)
      el.__data.forEach((col, i) => col.push(row[i]));
      trim(el);
      el.__u.setData(el.__data);
    },
    mark(el, marker) {
      if (!el.__u) return;
      el.__marks.push(marker);
      el.__u.redraw(false);
    }
  };
})();
