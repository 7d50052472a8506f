// Prescal's small wrapper around uPlot (loaded before this file from the uPlot WebJar).
// The server (TimeChart.java) calls init once, then setData on open or range change, and
// append once a second; markers are scale events drawn as dashed vertical lines.
(function () {
  'use strict';
  const MARK_COLORS = { up: '#4cc38a', down: '#e0a84a', cold: '#6aa8ff', other: '#b0b8c8' };
  // Marker labels stack in at most this many rows at the top of a chart; a label with no room
  // left in any row is not drawn (its dashed line still is; the Scaling view lists every one).
  const MARK_ROWS = 3, MARK_ROW_HEIGHT = 11, MARK_GAP = 4;
  // Time ticks: at least this far apart, and never so near the right edge that the label clips.
  const X_TICK_SPACE = 60, X_EDGE = 22;
  const X_INCRS = [15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

  function pad(n) { return n < 10 ? '0' + n : '' + n; }

  // 24-hour clock everywhere (axes, legend), as in the header: "06:20" or "06:20:06".
  function clock(epochSec, seconds) {
    const d = new Date(epochSec * 1000);
    const hm = pad(d.getHours()) + ':' + pad(d.getMinutes());
    return seconds ? hm + ':' + pad(d.getSeconds()) : hm;
  }

  // A value in the legend: "–" when there is none (no traffic, so no latency).
  function format(v, unit) {
    if (v == null || !isFinite(v)) return '–';
    if (unit === '%') return (v < 1 ? v.toFixed(2) : v.toFixed(1)) + ' %';
    if (unit === 'ms') return v >= 1000 ? (v / 1000).toFixed(2) + ' s' : (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) + ' ms';
    if (Math.abs(v) >= 10000) return (v / 1000).toFixed(1) + 'k';
    if (unit === 'int') return Math.round(v).toString();
    return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2).replace(/\.?0+$/, '');
  }

  // Decimals a tick needs so neighbours differ: a step of 0.2 needs 1, of 0.05 needs 2.
  function decimals(step) {
    if (!(step > 0) || step >= 1) return 0;
    return Math.min(3, Math.ceil(-Math.log10(step) - 1e-9));
  }

  // An axis tick, with as many decimals as the step between ticks needs ("0.5 ms", not "1 ms").
  function tick(v, unit, step) {
    if (unit === 'ms') {
      if (v >= 1000) return fixed(v / 1000, step / 1000) + ' s';
      return fixed(v, step) + ' ms';
    }
    if (unit === 'int') return Number.isInteger(v) ? v.toString() : '';
    if (Math.abs(v) >= 10000) return fixed(v / 1000, step / 1000) + 'k';
    return fixed(v, step);
  }

  // "0.5", "1" and "1.5" rather than "0.5", "1.0" and "1.5".
  function fixed(v, step) {
    const text = v.toFixed(decimals(step));
    return text.indexOf('.') < 0 ? text : text.replace(/\.?0+$/, '');
  }

  // Time ticks a whole number of steps apart in local time, leaving out one whose label would
  // be cut off at the right edge.
  function timeSplits(el, u, min, max) {
    const dpr = window.devicePixelRatio || 1;
    const plotWidth = u.bbox.width / dpr;
    const most = Math.max(1, Math.floor(plotWidth / X_TICK_SPACE));
    const step = X_INCRS.find(i => (max - min) / i <= most) || X_INCRS[X_INCRS.length - 1];
    el.__xStep = step;
    const offset = -new Date(min * 1000).getTimezoneOffset() * 60;
    const splits = [];
    for (let t = Math.ceil((min + offset) / step) * step - offset; t <= max; t += step) {
      const pos = u.valToPos(t, 'x');
      if (pos <= plotWidth - X_EDGE) splits.push(t);
    }
    return splits;
  }

  // Where each marker's label goes: the first row with room, or nowhere.
  function layoutMarks(u, el, ctx, dpr) {
    const { left, width } = u.bbox;
    const rowEnds = new Array(MARK_ROWS).fill(-Infinity);
    const layout = [];
    const marks = (el.__marks || []).slice().sort((a, b) => a.t - b.t);
    for (const m of marks) {
      const x = Math.round(u.valToPos(m.t, 'x', true));
      if (x < left || x > left + width) continue;
      const w = ctx.measureText(m.label).width;
      const start = x + 3 * dpr;
      let row = rowEnds.findIndex(end => start >= end + MARK_GAP * dpr);
      if (row >= 0) rowEnds[row] = start + w;
      else row = null;
      layout.push({ m, x, start, w, row });
    }
    return layout;
  }

  function markersPlugin(el) {
    return {
      hooks: {
        draw: [u => {
          const ctx = u.ctx, dpr = window.devicePixelRatio || 1;
          const { top, height } = u.bbox;
          ctx.save();
          ctx.font = (10 * dpr) + 'px sans-serif';
          ctx.lineWidth = dpr;
          const layout = layoutMarks(u, el, ctx, dpr);
          for (const l of layout) {
            const color = MARK_COLORS[l.m.kind] || MARK_COLORS.other;
            ctx.strokeStyle = color;
            ctx.setLineDash([4 * dpr, 3 * dpr]);
            ctx.beginPath();
            ctx.moveTo(l.x, top);
            ctx.lineTo(l.x, top + height);
            ctx.stroke();
            ctx.setLineDash([]);
            if (l.row != null) {
              ctx.fillStyle = color;
              ctx.fillText(l.m.label, l.start, top + (MARK_ROW_HEIGHT * (l.row + 1)) * dpr);
            }
          }
          ctx.restore();
          // In CSS pixels, for tests: what a person sees of the markers.
          el.__markLayout = layout.map(l => ({
            label: l.m.label, left: l.start / dpr, right: (l.start + l.w) / dpr, row: l.row }));
        }]
      }
    };
  }

  // Values that are not numbers (a latency with no traffic arrives as NaN) are gaps.
  function clean(columns) {
    return columns.map(col => col.map(v => (typeof v === 'number' && isFinite(v)) ? v : null));
  }

  function showNewest(u) {
    if (u.cursor.idx == null && u.data[0].length) u.setLegend({ idx: u.data[0].length - 1 });
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
      const yAxis = { stroke: axisColor, grid, ticks: grid, size: 62,
        values: (u, vals, axisIdx, space, incr) => {
          const step = vals.length > 1 ? vals[1] - vals[0] : incr;
          return (el.__yLabels = vals.map(v => tick(v, unit, step)));
        } };
      if (unit === 'int') yAxis.incrs = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
      const opts = {
        width: Math.max(el.clientWidth, 200),
        height: spec.height,
        padding: [8, 8, 0, 0],
        cursor: { drag: { x: false, y: false } },
        legend: { live: true },
        // With the pointer away, the legend shows the newest values (not dashes).
        hooks: { setData: [showNewest], setCursor: [showNewest], setSize: [showNewest] },
        scales: {
          x: { time: true, range: (u, min, max) => { const end = latest(el); return [end - el.__window, end]; } },
          y: { range: (u, min, max) => [0, max > 0 ? max * 1.15 : (unit === 'int' ? 2 : 1)] }
        },
        axes: [
          { stroke: axisColor, grid, ticks: grid,
            splits: (u, axisIdx, min, max) => timeSplits(el, u, min, max),
            values: (u, vals) => { el.__xSplits = vals; return (el.__xLabels = vals.map(v => clock(v, el.__xStep < 60))); } },
          yAxis
        ],
        series: [{ value: (u, v) => v == null ? '–' : clock(v, true) }].concat(
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
      el.__data = clean(columns);
      el.__marks = marks || [];
      trim(el);
      el.__u.setData(el.__data);
    },
    append(el, row) {
      if (!el.__u) return;
      const xs = el.__data[0];
      if (xs.length && row[0] <= xs[xs.length - 1]) return; // already have it (history and live overlap)
      clean([row])[0].forEach((v, i) => el.__data[i].push(v));
      trim(el);
      el.__u.setData(el.__data);
    },
    mark(el, marker) {
      if (!el.__u) return;
      el.__marks.push(marker);
      el.__u.redraw(false);
    },
    // What the chart shows, in CSS pixels, for tests: axis labels and where they sit, marker
    // labels, the legend's time.
    describe(el) {
      const u = el.__u, dpr = window.devicePixelRatio || 1;
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif';
      const splits = el.__xSplits || [];
      const plotLeft = u.bbox.left / dpr;
      return {
        width: u.width,
        xTicks: (el.__xLabels || []).map((label, i) => {
          const center = plotLeft + u.valToPos(splits[i], 'x');
          const w = ctx.measureText(label).width;
          return { label, left: center - w / 2, right: center + w / 2 };
        }),
        yTicks: el.__yLabels || [],
        marks: el.__markLayout || [],
        legendTime: (el.querySelector('.u-legend .u-series:first-child .u-value') || {}).textContent
      };
    }
  };
})();
