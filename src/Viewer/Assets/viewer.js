/* OnnxKit graph page: renders the model document embedded in #model-data.
 * Layout: dagre (vendored, inlined before this script). Everything else is plain DOM/SVG. */
window.addEventListener('error', e => { document.body.dataset.error = `${e.message} (line ${e.lineno})`; });
(() => {
  'use strict';

  const data = JSON.parse(document.getElementById('model-data').textContent);
  const SVGNS = 'http://www.w3.org/2000/svg';
  const FONT = getComputedStyle(document.documentElement).getPropertyValue('--font').trim() || 'sans-serif';
  const HEAD_H = 22, ROW_H = 15, IO_H = 26, MAX_ROWS = 5;

  const CATEGORY_COLOURS = {
    convolution: '#2d62a3', linear: '#3f51b5', activation: '#b23b3b', pooling: '#2e7d4f',
    normalization: '#1f7a78', arithmetic: '#5c6770', reduction: '#8a5a00', datamovement: '#7a5c4e',
    logic: '#6a4c93', controlflow: '#37474f', quantization: '#c2185b', sequence: '#00838f',
    constant: '#8d8d8d', custom: '#ad6800', other: '#616161', input: '#263241', output: '#263241',
  };
  const CATEGORY_NAMES = {
    convolution: 'Convolution', linear: 'MatMul / Gemm', activation: 'Activation', pooling: 'Pooling / resize',
    normalization: 'Normalization', arithmetic: 'Arithmetic', reduction: 'Reduction', datamovement: 'Data movement',
    logic: 'Logic', controlflow: 'Control flow', quantization: 'Quantization', sequence: 'RNN / attention',
    constant: 'Constant', custom: 'Custom domain', other: 'Other',
  };
  const PRECISION_COLOURS = {
    fp64: '#3949ab', fp32: '#2d62a3', fp16: '#2e9e5b', bf16: '#00897b', fp8: '#8e24aa', fp4: '#6a1b9a',
    int16: '#f9a825', int8: '#e67e22', int4: '#d84315', int2: '#b71c1c',
  };
  const DIFF_COLOURS = { added: '#16a34a', removed: '#dc2626', changed: '#d97706', unchanged: '#9aa3ad' };
  const NONE_COLOUR = '#b0b7c0';

  // ---------------------------------------------------------------- indexes over the document
  const overlayGraph = data.diff ? data.diff.overlayGraph : -1;
  const nodeById = new Map();
  const graphOfNode = new Map();
  const edgesInto = new Map();
  const edgesOutOf = new Map();
  data.graphs.forEach(g => {
    if (g.id === overlayGraph) return;
    g.nodes.forEach(n => { nodeById.set(n.id, n); graphOfNode.set(n.id, g.id); });
    g.edges.forEach(e => {
      push(edgesInto, e.to, e);
      push(edgesOutOf, e.from, e);
    });
  });
  function push(map, key, value) { const list = map.get(key); if (list) list.push(value); else map.set(key, [value]); }

  const rootOfGraph = new Map(); // graph index -> pane index (which model it belongs to)
  data.panes.forEach((p, i) => markRoot(p.graph, i));
  function markRoot(graphId, pane) {
    rootOfGraph.set(graphId, pane);
    data.graphs[graphId].nodes.forEach(n => (n.subgraphs || []).forEach(s => markRoot(s.graph, pane)));
  }

  // ---------------------------------------------------------------- small DOM helpers
  function h(tag, attrs, ...children) {
    const e = document.createElement(tag);
    setAttrs(e, attrs);
    children.flat(Infinity).forEach(c => { if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c)); });
    return e;
  }
  function s(tag, attrs, ...children) {
    const e = document.createElementNS(SVGNS, tag);
    setAttrs(e, attrs);
    children.flat(Infinity).forEach(c => { if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c)); });
    return e;
  }
  function setAttrs(e, attrs) {
    if (!attrs) return;
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'onclick') e.addEventListener('click', v);
      else e.setAttribute(k, v === true ? '' : v);
    }
  }
  const measureContext = document.createElement('canvas').getContext('2d');
  function textWidth(text, font) { measureContext.font = font; return measureContext.measureText(text).width; }
  function fmt(n) {
    if (n === null || n === undefined) return '–';
    if (typeof n === 'string') return n;
    if (n === 0) return '0';
    const a = Math.abs(n);
    return a >= 1e5 || a < 1e-3 ? n.toExponential(3) : Number(n.toPrecision(5)).toString();
  }
  function count(n) { return n.toLocaleString('en-US'); }
  function bytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB'];
    let v = n, u = 0;
    while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
    return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u]}`;
  }
  function dims(shape) { return shape.length === 0 ? 'scalar' : shape.join('×'); }
  /** "float[1,64,56,56]" -> "float 1×64×56×56" for edge labels. */
  function shortType(label) {
    const m = /^([^[]+)\[(.*)\]$/.exec(label || '');
    if (!m) return label || '';
    return m[2] === '' ? `${m[1]} scalar` : `${m[1]} ${m[2].split(',').join('×')}`;
  }

  // ---------------------------------------------------------------- state
  const state = {
    mode: data.diff ? 'side' : 'single',
    colourBy: data.diff ? 'diff' : 'category',
    expanded: new Set(),
    selected: null,
    matches: new Set(),
    panes: [],
    activePane: 0,
  };
  const timeRange = (() => {
    const times = [...nodeById.values()].map(n => n.timeMs).filter(t => typeof t === 'number' && t > 0);
    return times.length ? { min: Math.min(...times), max: Math.max(...times) } : null;
  })();

  function nodeColour(n) {
    if (n.kind === 'input' || n.kind === 'output') return CATEGORY_COLOURS.input;
    switch (state.colourBy) {
      case 'precision': return PRECISION_COLOURS[n.precision] || NONE_COLOUR;
      case 'time': return typeof n.timeMs === 'number' ? heat(n.timeMs) : NONE_COLOUR;
      case 'diff': return DIFF_COLOURS[n.diff] || CATEGORY_COLOURS[n.category] || NONE_COLOUR;
      default: return CATEGORY_COLOURS[n.category] || CATEGORY_COLOURS.other;
    }
  }
  function heat(ms) {
    if (!timeRange) return NONE_COLOUR;
    const lo = Math.log(timeRange.min), hi = Math.log(timeRange.max);
    const t = hi > lo ? (Math.log(Math.max(ms, timeRange.min)) - lo) / (hi - lo) : 1;
    const stops = [[253, 211, 138], [240, 130, 60], [200, 50, 40], [120, 10, 30]];
    const x = t * (stops.length - 1), i = Math.min(Math.floor(x), stops.length - 2), f = x - i;
    const c = stops[i].map((v, k) => Math.round(v + (stops[i + 1][k] - v) * f));
    return `rgb(${c[0]},${c[1]},${c[2]})`;
  }

  // ---------------------------------------------------------------- node geometry
  const HEAD_FONT = `600 11.5px ${FONT}`, ROW_FONT = `10.5px ${FONT}`, IO_FONT = `500 11.5px ${FONT}`;
  function nodeRows(n) {
    const rows = [];
    n.inputs.forEach(p => {
      if (p.tensor === undefined) return;
      const t = data.tensors[p.tensor];
      rows.push({ key: p.param, value: `⟨${dims(t.shape)}⟩` });
    });
    (n.attributes || []).forEach(a => {
      if (a.tensor !== undefined) rows.push({ key: a.name, value: `⟨${dims(data.tensors[a.tensor].shape)}⟩` });
    });
    if (rows.length > MAX_ROWS) {
      const extra = rows.length - (MAX_ROWS - 1);
      rows.splice(MAX_ROWS - 1, rows.length, { key: '', value: `+${extra} more` });
    }
    if (typeof n.timeMs === 'number') rows.push({ key: '', value: `${fmt(n.timeMs)} ms`, cls: 'time' });
    return rows;
  }
  function headLabel(n) {
    if (n.kind !== 'op') return n.name;
    return n.domain ? `${n.domain}.${n.op}` : n.op;
  }
  function nodeSize(n) {
    if (n.kind !== 'op') return { w: Math.max(60, textWidth(n.name, IO_FONT) + 24), h: IO_H, rows: [] };
    const rows = nodeRows(n);
    let w = textWidth(headLabel(n), HEAD_FONT) + 22 + (n.subgraphs && n.subgraphs.length ? 22 : 0) + (n.precision && state.colourBy === 'precision' ? 30 : 0);
    rows.forEach(r => { w = Math.max(w, textWidth(`${r.key} ${r.value}`, ROW_FONT) + 20); });
    return { w: Math.max(70, Math.ceil(w)), h: HEAD_H + (rows.length ? rows.length * ROW_H + 6 : 0), rows };
  }

  // ---------------------------------------------------------------- layout (dagre)
  /** Where the edges leaving an expanded If/Loop/Scan start: the body's matching output markers. */
  function expandedSources(n, value) {
    const k = n.outputs.findIndex(p => p.value === value);
    const offset = { If: 0, Loop: 1, Scan: 0 }[n.op];
    if (k < 0 || offset === undefined) return [n.id];
    const found = [];
    n.subgraphs.forEach(sg => {
      const outs = data.graphs[sg.graph].nodes.filter(m => m.kind === 'output');
      if (outs[k + offset]) found.push(outs[k + offset].id);
    });
    return found.length ? found : [n.id];
  }

  function buildLayoutGraph(pane) {
    const compound = [...state.expanded].some(id => nodeById.has(id));
    const g = new dagre.graphlib.Graph({ multigraph: true, compound });
    g.setGraph({ rankdir: 'TB', nodesep: 22, ranksep: 42, edgesep: 12, marginx: 30, marginy: 30 });
    const items = new Map();
    const clusters = [];
    const edges = [];
    const visible = new Set();

    function addGraph(graph, parent) {
      graph.nodes.forEach(n => {
        const size = nodeSize(n);
        g.setNode(n.id, { width: size.w, height: size.h });
        items.set(n.id, { node: n, size });
        visible.add(n.id);
        let home = parent;
        if (n.subgraphs && n.subgraphs.length && state.expanded.has(n.id)) {
          const cluster = `cluster:${n.id}`;
          g.setNode(cluster, {});
          if (parent) g.setParent(cluster, parent);
          clusters.push({ id: cluster, label: `${n.op} ${n.name}`.trim(), outer: true });
          home = cluster;
          n.subgraphs.forEach(sg => {
            const inner = `cluster:${n.id}:${sg.attribute}`;
            g.setNode(inner, {});
            g.setParent(inner, cluster);
            clusters.push({ id: inner, label: sg.attribute });
            const sub = data.graphs[sg.graph];
            addGraph(sub, inner);
            const fed = new Set(sub.edges.filter(e => !e.outer).map(e => e.to));
            sub.nodes.filter(m => !fed.has(m.id) && m.kind !== 'output')
              .forEach(m => edges.push({ from: n.id, to: m.id, value: `${sg.attribute}:${m.id}`, label: '', control: true }));
          });
        }
        if (home) g.setParent(n.id, home);
      });
      graph.edges.forEach(e => edges.push(e));
    }
    addGraph(data.graphs[pane.graphId], null);

    const drawn = [];
    edges.forEach((e, i) => {
      const fromNode = nodeById.get(e.from) || items.get(e.from)?.node;
      const sources = !e.control && fromNode && state.expanded.has(fromNode.id) && fromNode.subgraphs ? expandedSources(fromNode, e.value) : [e.from];
      sources.forEach((from, j) => {
        if (!visible.has(from) || !visible.has(e.to) || from === e.to) return;
        const name = `${i}:${j}`;
        g.setEdge(from, e.to, { minlen: 1, weight: e.control ? 1 : 2 }, name);
        drawn.push({ v: from, w: e.to, name, edge: e });
      });
    });
    return { g, items, clusters, edges: drawn };
  }

  function layout(pane) {
    const built = buildLayoutGraph(pane);
    const started = performance.now();
    try {
      dagre.layout(built.g);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      // dagre recurses once per rank; very deep graphs exceed the browser's stack. Lay the graph out in
      // bands of consecutive nodes instead, each by dagre, stacked top to bottom.
      layoutInBands(built);
      built.banded = true;
    }
    built.layoutMs = performance.now() - started;
    return built;
  }

  function layoutInBands(built) {
    const ids = built.g.nodes().filter(id => !id.startsWith('cluster:'));
    const bandSize = 400;
    let top = 0, width = 0;
    for (let start = 0; start < ids.length; start += bandSize) {
      const band = new Set(ids.slice(start, start + bandSize));
      const g = new dagre.graphlib.Graph({ multigraph: true });
      g.setGraph({ ...built.g.graph(), marginy: 10 });
      band.forEach(id => g.setNode(id, { ...built.g.node(id) }));
      built.edges.forEach(d => { if (band.has(d.v) && band.has(d.w)) g.setEdge(d.v, d.w, {}, d.name); });
      dagre.layout(g);
      band.forEach(id => { const a = g.node(id), b = built.g.node(id); b.x = a.x; b.y = a.y + top; });
      g.edges().forEach(o => { built.g.edge(o).points = g.edge(o).points.map(p => ({ x: p.x, y: p.y + top })); });
      top += g.graph().height;
      width = Math.max(width, g.graph().width);
    }
    built.edges.forEach(d => {
      const label = built.g.edge(d.v, d.w, d.name);
      if (label.points) return;
      const a = built.g.node(d.v), b = built.g.node(d.w);
      label.points = [{ x: a.x, y: a.y + a.height / 2 }, { x: b.x, y: b.y - b.height / 2 }];
    });
    built.g.graph().width = width;
    built.g.graph().height = top;
  }

  // ---------------------------------------------------------------- drawing
  function basisPath(points) {
    // Uniform cubic B-spline through dagre's bend points (the curve d3 calls "basis").
    if (points.length < 3) return `M${points.map(p => `${p.x},${p.y}`).join('L')}`;
    let d = `M${points[0].x},${points[0].y}`;
    let x0 = points[0].x, y0 = points[0].y, x1 = points[1].x, y1 = points[1].y;
    d += `L${(5 * x0 + x1) / 6},${(5 * y0 + y1) / 6}`;
    for (let i = 2; i < points.length; i++) {
      const x = points[i].x, y = points[i].y;
      d += `C${(2 * x0 + x1) / 3},${(2 * y0 + y1) / 3} ${(x0 + 2 * x1) / 3},${(y0 + 2 * y1) / 3} ${(x0 + 4 * x1 + x) / 6},${(y0 + 4 * y1 + y) / 6}`;
      x0 = x1; y0 = y1; x1 = x; y1 = y;
    }
    d += `C${(2 * x0 + x1) / 3},${(2 * y0 + y1) / 3} ${(x0 + 2 * x1) / 3},${(y0 + 2 * y1) / 3} ${x1},${y1}`;
    return d;
  }

  function drawNode(pane, item) {
    const n = item.node, { w, h: height, rows } = item.size;
    const ln = pane.layout.g.node(n.id);
    const classes = ['node', n.kind === 'op' ? 'op' : 'io'];
    if (n.diff) classes.push(`diff-${n.diff}`);
    const g = s('g', { class: classes.join(' '), transform: `translate(${ln.x - w / 2},${ln.y - height / 2})`, 'data-id': n.id, 'data-name': n.name, 'data-op': n.op });
    const colour = nodeColour(n);
    if (n.kind !== 'op') {
      g.append(s('rect', { class: 'box', width: w, height, rx: height / 2, style: `fill:${colour};stroke:${colour}` }));
      g.append(s('text', { class: 'head-text', x: w / 2, y: height / 2 + 4, 'text-anchor': 'middle' }, n.name));
      g.append(s('title', null, `${n.kind}: ${n.name}\n${n.op}`));
      return g;
    }
    g.append(s('rect', { class: 'box', width: w, height, rx: 5 }));
    g.append(s('path', { d: `M0,${HEAD_H}V5a5,5 0 0 1 5,-5H${w - 5}a5,5 0 0 1 5,5V${HEAD_H}${rows.length ? '' : `V${height - 5}a5,5 0 0 1 -5,5H5a5,5 0 0 1 -5,-5Z`}`, style: `fill:${colour}` }));
    g.append(s('text', { class: 'head-text', x: 10, y: 15 }, headLabel(n)));
    if (state.colourBy === 'precision' && n.precision) g.append(s('text', { class: 'badge', x: w - (n.subgraphs && n.subgraphs.length ? 28 : 8), y: 15, 'text-anchor': 'end' }, n.precision));
    rows.forEach((r, i) => {
      const t = s('text', { class: `row${r.cls ? ' ' + r.cls : ''}`, x: 10, y: HEAD_H + 13 + i * ROW_H });
      if (r.key) t.append(s('tspan', { class: 'k' }, r.key + ' '));
      t.append(s('tspan', null, r.value));
      g.append(t);
    });
    if (n.subgraphs && n.subgraphs.length) {
      const open = state.expanded.has(n.id);
      const toggle = s('g', { class: 'toggle-sub', transform: `translate(${w - 13},11)`, 'data-toggle': n.id },
        s('circle', { r: 7 }), s('text', { x: 0, y: 4, 'text-anchor': 'middle' }, open ? '−' : '+'),
        s('title', null, open ? 'Collapse subgraphs' : `Expand ${n.subgraphs.map(x => x.attribute).join(', ')}`));
      g.append(toggle);
    }
    if (n.diff && n.diff !== 'unchanged') {
      const mark = { added: '+', removed: '−', changed: '~' }[n.diff];
      g.append(s('circle', { cx: w, cy: 0, r: 8, style: `fill:${DIFF_COLOURS[n.diff]}` }));
      g.append(s('text', { class: 'badge', x: w, y: 4, 'text-anchor': 'middle' }, mark));
    }
    g.append(s('title', null, `${n.name ? n.name + '\n' : ''}${headLabel(n)}`));
    return g;
  }

  function drawEdge(pane, d) {
    const label = pane.layout.g.edge(d.v, d.w, d.name);
    const cls = ['edge'];
    if (d.edge.control) cls.push('control');
    if (d.edge.outer) cls.push('outer');
    const g = s('g', { class: cls.join(' '), 'data-from': d.v, 'data-to': d.w, 'data-value': d.edge.value });
    g.append(s('path', { d: basisPath(label.points), 'marker-end': `url(#arrow-${pane.index})` }));
    const text = shortType(d.edge.label);
    if (text) {
      // Beside the edge's last stretch, on the side it comes from, so labels into one node spread apart.
      const end = label.points[label.points.length - 1], before = label.points[Math.max(0, label.points.length - 3)];
      const fromLeft = before.x < end.x - 4;
      g.append(s('text', { x: end.x + (fromLeft ? -5 : 5), y: end.y - 9, 'text-anchor': fromLeft ? 'end' : 'start' }, text));
    }
    return g;
  }

  function renderPane(pane) {
    pane.layout = layout(pane);
    const svg = pane.svg;
    svg.textContent = '';
    svg.append(s('defs', null, s('marker', { id: `arrow-${pane.index}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      s('path', { class: 'arrow', d: 'M0,0L10,5L0,10z' }))));
    const viewport = s('g', { class: 'viewport' });
    pane.viewport = viewport;
    const clusterLayer = s('g', { class: 'clusters' }), edgeLayer = s('g', { class: 'edges' }), nodeLayer = s('g', { class: 'nodes' });
    viewport.append(clusterLayer, edgeLayer, nodeLayer);
    pane.layout.clusters.forEach(c => {
      const b = pane.layout.g.node(c.id);
      if (!b || b.width === undefined) return;
      clusterLayer.append(s('g', { class: 'cluster' },
        s('rect', { x: b.x - b.width / 2 - 8, y: b.y - b.height / 2 - 18, width: b.width + 16, height: b.height + 26 }),
        s('text', { x: b.x - b.width / 2 - 2, y: b.y - b.height / 2 - 5 }, c.label)));
    });
    pane.nodeEls = new Map();
    pane.edgeEls = [];
    pane.layout.edges.forEach(d => { const e = drawEdge(pane, d); pane.edgeEls.push(e); edgeLayer.append(e); });
    pane.layout.items.forEach(item => { const e = drawNode(pane, item); pane.nodeEls.set(item.node.id, e); nodeLayer.append(e); });
    svg.append(viewport);
    applyHighlights();
    if (!pane.transform) fitInitial(pane); else applyTransform(pane);
  }

  // ---------------------------------------------------------------- pan and zoom
  function graphSize(pane) { const gg = pane.layout.g.graph(); return { w: gg.width || 1, h: gg.height || 1 }; }
  function applyTransform(pane) {
    const t = pane.transform;
    pane.viewport.setAttribute('transform', `translate(${t.x},${t.y}) scale(${t.k})`);
  }
  function fitInitial(pane) {
    const { w, h } = graphSize(pane);
    const W = pane.svg.clientWidth || 800, H = pane.svg.clientHeight || 600;
    const fit = Math.min(W / w, H / h, 1) * 0.96;
    if (fit >= 0.45) { fit_(pane, fit); return; }
    // Too large to fit legibly: show the top of the graph at a readable scale. When it is also wider
    // than the pane, centre on its topmost node (where reading starts) rather than on the middle of its
    // bounding box, which in a wide graph can be empty space.
    const k = Math.max(0.45, Math.min(1, (W - 40) / w));
    const top = topmostNode(pane);
    const x = w * k <= W || !top ? (W - w * k) / 2 : W / 2 - top.x * k;
    pane.transform = { k, x, y: 10 };
    applyTransform(pane);
  }
  function topmostNode(pane) {
    let best = null;
    pane.layout.items.forEach((_, id) => {
      const n = pane.layout.g.node(id);
      if (n && n.y !== undefined && (!best || n.y < best.y)) best = n;
    });
    return best;
  }
  function fit_(pane, k) {
    const { w, h } = graphSize(pane);
    const W = pane.svg.clientWidth || 800, H = pane.svg.clientHeight || 600;
    pane.transform = { k, x: (W - w * k) / 2, y: Math.max(10, (H - h * k) / 2) };
    applyTransform(pane);
  }
  function fitAll(pane) {
    const { w, h } = graphSize(pane);
    fit_(pane, Math.min((pane.svg.clientWidth || 800) / w, (pane.svg.clientHeight || 600) / h, 2) * 0.96);
  }
  function zoomBy(pane, factor, cx, cy) {
    const t = pane.transform;
    const k = Math.min(4, Math.max(0.02, t.k * factor));
    if (cx === undefined) { cx = pane.svg.clientWidth / 2; cy = pane.svg.clientHeight / 2; }
    t.x = cx - (cx - t.x) * k / t.k;
    t.y = cy - (cy - t.y) * k / t.k;
    t.k = k;
    applyTransform(pane);
  }
  function centreOn(pane, id) {
    const n = pane.layout.g.node(id);
    if (!n) return;
    const t = pane.transform;
    t.k = Math.max(t.k, 0.8);
    t.x = pane.svg.clientWidth / 2 - n.x * t.k;
    t.y = pane.svg.clientHeight / 2 - n.y * t.k;
    applyTransform(pane);
  }
  function attachPanZoom(pane) {
    const svg = pane.svg;
    let drag = null;
    svg.addEventListener('wheel', e => {
      e.preventDefault();
      state.activePane = pane.index;
      const r = svg.getBoundingClientRect();
      if (e.ctrlKey || e.metaKey) zoomBy(pane, Math.exp(-e.deltaY * 0.0025), e.clientX - r.left, e.clientY - r.top);
      else { pane.transform.x -= e.deltaX; pane.transform.y -= e.deltaY; applyTransform(pane); }
    }, { passive: false });
    svg.addEventListener('pointerdown', e => {
      if (e.button !== 0) return;
      state.activePane = pane.index;
      drag = { x: e.clientX, y: e.clientY, tx: pane.transform.x, ty: pane.transform.y, moved: false };
    });
    svg.addEventListener('pointermove', e => {
      if (!drag) return;
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      if (!drag.moved) { drag.moved = true; svg.setPointerCapture(e.pointerId); svg.classList.add('dragging'); }
      pane.transform.x = drag.tx + dx; pane.transform.y = drag.ty + dy;
      applyTransform(pane);
    });
    const end = () => { if (drag) { pane.suppressClick = drag.moved; drag = null; svg.classList.remove('dragging'); } };
    svg.addEventListener('pointerup', end);
    svg.addEventListener('pointercancel', end);
    svg.addEventListener('click', e => {
      if (pane.suppressClick) { pane.suppressClick = false; return; }
      state.activePane = pane.index;
      const toggle = e.target.closest('[data-toggle]');
      if (toggle) { toggleExpanded(toggle.getAttribute('data-toggle')); return; }
      const nodeEl = e.target.closest('.node');
      if (nodeEl) { select(nodeEl.getAttribute('data-id'), { from: pane }); return; }
      const edgeEl = e.target.closest('.edge');
      if (edgeEl && !edgeEl.classList.contains('control')) { selectValue(edgeEl.getAttribute('data-value'), edgeEl.getAttribute('data-from')); return; }
      clearSelection();
    });
  }

  // ---------------------------------------------------------------- panes and modes
  function buildPanes() {
    const container = document.getElementById('panes');
    container.textContent = '';
    const specs = state.mode === 'side'
      ? data.panes.map((p, i) => ({ graphId: p.graph, label: p.label, model: i }))
      : state.mode === 'overlay'
        ? [{ graphId: overlayGraph, label: `Overlay: ${data.panes[0].label} → ${data.panes[1].label}`, model: 1 }]
        : [{ graphId: data.panes[0].graph, label: null, model: 0 }];
    state.panes = specs.map((spec, index) => {
      const el = h('div', { class: 'pane', 'data-pane': index });
      if (spec.label) el.append(h('div', { class: 'pane-label' }, spec.label));
      const svg = s('svg', { 'aria-label': 'Model graph' });
      el.append(svg);
      container.append(el);
      const pane = { ...spec, index, el, svg, transform: null };
      attachPanZoom(pane);
      return pane;
    });
    state.panes.forEach(renderPane);
    const layoutMs = state.panes.reduce((a, p) => a + p.layout.layoutMs, 0);
    setStatus(layoutMs);
    document.querySelectorAll('#mode-group button').forEach(b => b.classList.toggle('active', b.dataset.mode === state.mode));
    return layoutMs;
  }
  function rerender() {
    state.panes.forEach(p => renderPane(p));
    renderLegend();
    setStatus(state.panes.reduce((a, p) => a + p.layout.layoutMs, 0));
  }
  function toggleExpanded(id) {
    if (state.expanded.has(id)) state.expanded.delete(id); else state.expanded.add(id);
    rerender();
    const pane = state.panes.find(p => p.nodeEls.has(id));
    if (pane) centreOn(pane, id);
  }
  function setStatus(layoutMs) {
    const opCount = state.panes.reduce((a, p) => a + [...p.layout.items.values()].filter(i => i.node.kind === 'op').length, 0);
    const parts = [`${count(opCount)} nodes shown`, `layout ${Math.round(layoutMs)} ms (dagre ${dagre.version || ''})`];
    if (state.panes.some(p => p.layout.banded)) parts.push('deep graph: laid out in bands');
    if (data.diff) parts.push(`diff: +${data.diff.added} added, −${data.diff.removed} removed, ~${data.diff.changed} changed, ${data.diff.unchanged} unchanged`);
    parts.push('drag to pan · ctrl+wheel to zoom · / to search');
    document.getElementById('status').textContent = parts.join('  ·  ');
  }

  // ---------------------------------------------------------------- selection and highlighting
  function panesShowing(id) { return state.panes.filter(p => p.nodeEls && p.nodeEls.has(id)); }
  function select(id, options = {}) {
    const n = nodeById.get(id);
    if (!n) return false;
    // A node inside a collapsed subgraph: expand its ancestors first.
    let expandedSomething = false;
    for (let g = graphOfNode.get(id); ; ) {
      const holder = [...nodeById.values()].find(m => (m.subgraphs || []).some(sg => sg.graph === g));
      if (!holder) break;
      if (!state.expanded.has(holder.id)) { state.expanded.add(holder.id); expandedSomething = true; }
      g = graphOfNode.get(holder.id);
    }
    if (expandedSomething) rerender();
    state.selected = { kind: 'node', id };
    applyHighlights();
    const targets = [id, n.counterpart].filter(Boolean);
    state.panes.forEach(p => {
      const shown = targets.find(t => p.nodeEls.has(t));
      if (shown && (p !== options.from || options.centre !== false)) centreOn(p, shown);
    });
    showNode(n);
    return true;
  }
  function selectValue(value, producerId) {
    state.selected = { kind: 'value', value, id: producerId };
    applyHighlights();
    const pane = panesShowing(producerId)[0];
    if (pane) centreOn(pane, producerId);
    showValue(value, producerId);
  }
  function clearSelection() {
    state.selected = null;
    applyHighlights();
    hideSidebar();
  }
  function applyHighlights() {
    const sel = state.selected;
    const ids = new Set();
    if (sel && sel.kind === 'node') {
      ids.add(sel.id);
      const n = nodeById.get(sel.id);
      if (n && n.counterpart) ids.add(n.counterpart);
    }
    state.panes.forEach(p => {
      if (!p.nodeEls) return;
      p.nodeEls.forEach((el, id) => {
        el.classList.toggle('selected', ids.has(id));
        el.classList.toggle('match', state.matches.has(id));
      });
      p.edgeEls.forEach(el => {
        const hit = sel && (sel.kind === 'node'
          ? ids.has(el.getAttribute('data-from')) || ids.has(el.getAttribute('data-to'))
          : el.getAttribute('data-value') === sel.value && el.getAttribute('data-from') === sel.id);
        el.classList.toggle('highlight', !!hit);
      });
    });
  }

  // ---------------------------------------------------------------- side panel
  const sidebar = document.getElementById('sidebar');
  const sidebarContent = document.getElementById('sidebar-content');
  function showSidebar(...content) {
    sidebarContent.textContent = '';
    sidebarContent.append(...content);
    sidebar.hidden = false;
  }
  function hideSidebar() { sidebar.hidden = true; }
  document.getElementById('sidebar-close').addEventListener('click', clearSelection);

  function table(rows) {
    return h('table', null, rows.filter(Boolean).map(([k, v]) => h('tr', null, h('td', null, k), h('td', null, v))));
  }
  function nodeLink(id, text) {
    return h('a', { class: 'link', onclick: () => select(id) }, text);
  }
  function valueLink(value, producerId) {
    return h('a', { class: 'link mono', onclick: () => selectValue(value, producerId) }, value);
  }
  function producerOf(nodeId, value) {
    const e = (edgesInto.get(nodeId) || []).find(x => x.value === value);
    return e ? e.from : null;
  }

  function showNode(n) {
    const colour = nodeColour(n);
    const parts = [
      h('h2', null, h('span', { class: 'chip', style: `background:${colour}` }), n.kind === 'op' ? headLabel(n) : `${n.kind === 'input' ? 'Input' : 'Output'}`),
      h('div', { class: 'subtitle' }, n.name || '(unnamed node)'),
    ];
    const facts = [];
    if (n.kind === 'op') facts.push(['Category', CATEGORY_NAMES[n.category] || n.category]);
    if (n.kind !== 'op') facts.push(['Type', h('span', { class: 'type' }, n.op || 'unknown')]);
    if (n.precision) facts.push(['Precision', n.precision]);
    if (typeof n.timeMs === 'number') facts.push(['Time', `${fmt(n.timeMs)} ms per run`]);
    const pane = rootOfGraph.get(graphOfNode.get(n.id));
    if (data.panes.length > 1 && pane !== undefined) facts.push(['Model', data.panes[pane].label]);
    parts.push(table(facts));

    if (n.diff) {
      parts.push(h('h3', null, 'Comparison'));
      const tag = h('span', { class: `diff-tag ${n.diff}` }, n.diff);
      const other = n.counterpart ? nodeById.get(n.counterpart) : null;
      parts.push(h('div', null, tag, other ? [' · counterpart: ', nodeLink(other.id, other.name || other.op)] : ''));
      if (n.changes && n.changes.length) parts.push(h('ul', { class: 'changes' }, n.changes.map(c => h('li', null, c))));
    }

    if (n.attributes && n.attributes.length) {
      parts.push(h('h3', null, 'Attributes'));
      parts.push(table(n.attributes.map(a => [a.name, h('span', { class: 'mono', title: a.type }, a.value)])));
    }
    if (n.inputs.length) {
      parts.push(h('h3', null, n.kind === 'output' ? 'Value' : 'Inputs'));
      parts.push(table(n.inputs.map(p => [p.param || '', p.value === '' ? h('span', { class: 'note' }, 'omitted')
        : h('span', null, p.tensor !== undefined ? h('span', { class: 'mono' }, p.value) : valueLink(p.value, producerOf(n.id, p.value)),
          h('br'), h('span', { class: 'type' }, p.type || 'type unknown'), p.tensor !== undefined ? h('span', { class: 'note' }, ' · weight') : '')])));
    }
    if (n.outputs.length && n.kind !== 'output') {
      parts.push(h('h3', null, n.kind === 'input' ? 'Value' : 'Outputs'));
      parts.push(table(n.outputs.map(p => {
        const users = (edgesOutOf.get(n.id) || []).filter(e => e.value === p.value).map(e => nodeById.get(e.to)).filter(Boolean);
        return [p.param || '', h('span', null, valueLink(p.value, n.id), h('br'), h('span', { class: 'type' }, p.type || 'type unknown'),
          users.length ? h('div', { class: 'note' }, '→ ', users.slice(0, 8).map((u, i) => [i ? ', ' : '', nodeLink(u.id, u.name || u.op)]), users.length > 8 ? ` +${users.length - 8}` : '') : '')];
      })));
    }
    if (n.subgraphs && n.subgraphs.length) {
      parts.push(h('h3', null, 'Subgraphs'));
      const open = state.expanded.has(n.id);
      parts.push(h('div', null, n.subgraphs.map(sg => h('span', { class: 'mono' }, `${sg.attribute} (${data.graphs[sg.graph].nodes.filter(m => m.kind === 'op').length} nodes) `)),
        h('br'), h('button', { class: 'action', type: 'button', onclick: () => { toggleExpanded(n.id); showNode(n); } }, open ? 'Collapse' : 'Expand in place')));
    }
    const weights = [];
    n.inputs.forEach(p => { if (p.tensor !== undefined) weights.push(p.tensor); });
    (n.attributes || []).forEach(a => { if (a.tensor !== undefined) weights.push(a.tensor); });
    if (weights.length) {
      parts.push(h('h3', null, 'Weights'));
      weights.forEach(t => parts.push(weightCard(data.tensors[t])));
    }
    if (n.doc) { parts.push(h('h3', null, 'Documentation')); parts.push(h('div', { class: 'doc' }, n.doc)); }
    showSidebar(...parts);
    sidebar.dataset.node = n.id;
  }

  function weightCard(t) {
    const elements = t.shape.reduce((a, b) => a * b, 1);
    const card = h('div', { class: 'weight', 'data-tensor': t.name },
      h('div', { class: 'weight-name' }, t.name),
      h('div', null, h('span', { class: 'type' }, `${t.dataType}[${t.shape.join(',')}]`), h('span', { class: 'note' }, ` · ${count(elements)} elements · ${bytes(t.bytes)}`)));
    if (t.stats) {
      const st = t.stats;
      card.append(h('div', { class: 'stats' },
        [['min', st.min], ['max', st.max], ['mean', st.mean], ['std', st.std], ['sparsity', `${(st.sparsity * 100).toFixed(2)}%`], ['non-finite', st.nonFiniteCount]]
          .map(([k, v]) => h('div', { class: `stat-${k}` }, h('span', null, k), fmt(v)))));
      card.append(histogram(st));
      if (st.isSampled) card.append(h('div', { class: 'note' }, `Sampled: ${count(st.sampledCount)} of ${count(st.elementCount)} elements, read in evenly spaced blocks.`));
    } else if (t.error) {
      card.append(h('div', { class: 'note' }, `No statistics: ${t.error}`));
    } else {
      card.append(h('div', { class: 'note' }, 'No statistics for this element type.'));
    }
    return card;
  }
  function histogram(st) {
    const W = 340, H = 70, bins = st.histogram, max = Math.max(1, ...bins), bw = W / bins.length;
    const svg = s('svg', { class: 'hist', width: W, height: H + 14, viewBox: `0 0 ${W} ${H + 14}` });
    bins.forEach((c, i) => {
      const bh = c === 0 ? 0 : Math.max(1, (c / max) * H);
      svg.append(s('rect', { x: i * bw + 0.5, y: H - bh, width: Math.max(1, bw - 1), height: bh }, s('title', null, `${count(c)}`)));
    });
    svg.append(s('text', { x: 0, y: H + 11 }, fmt(st.min)), s('text', { x: W, y: H + 11, 'text-anchor': 'end' }, fmt(st.max)));
    return svg;
  }

  function showValue(value, producerId) {
    const producer = nodeById.get(producerId);
    const port = producer ? producer.outputs.find(p => p.value === value) : null;
    const users = (edgesOutOf.get(producerId) || []).filter(e => e.value === value).map(e => nodeById.get(e.to)).filter(Boolean);
    showSidebar(
      h('h2', null, 'Tensor'),
      h('div', { class: 'subtitle' }, value),
      table([
        ['Type', h('span', { class: 'type' }, (port && port.type) || 'unknown')],
        ['Produced by', producer ? nodeLink(producer.id, producer.name || producer.op) : '–'],
        ['Used by', users.length ? h('span', null, users.map((u, i) => [i ? ', ' : '', nodeLink(u.id, u.name || u.op)])) : '–'],
      ]));
    sidebar.dataset.node = '';
  }

  function showModel() {
    const parts = [h('h2', null, data.panes.length > 1 ? 'Models' : 'Model')];
    data.panes.forEach(p => {
      parts.push(h('h3', null, p.label));
      parts.push(table(p.properties.map(([k, v]) => [k, h('span', { class: 'mono' }, v)])));
      const g = data.graphs[p.graph];
      const ops = new Map();
      data.graphs.filter(x => rootOfGraph.get(x.id) === data.panes.indexOf(p)).forEach(x => x.nodes.forEach(n => { if (n.kind === 'op') ops.set(n.op, (ops.get(n.op) || 0) + 1); }));
      parts.push(table([
        ['Inputs', h('span', null, g.nodes.filter(n => n.kind === 'input').map((n, i) => [i ? h('br') : '', nodeLink(n.id, n.name), ' ', h('span', { class: 'type' }, n.op)]))],
        ['Outputs', h('span', null, g.nodes.filter(n => n.kind === 'output').map((n, i) => [i ? h('br') : '', nodeLink(n.id, n.name), ' ', h('span', { class: 'type' }, n.op)]))],
        ['Operators', [...ops.entries()].sort((a, b) => b[1] - a[1]).map(([op, c]) => `${op} ×${c}`).join(', ')],
      ]));
    });
    if (data.diff) {
      parts.push(h('h3', null, 'What changed'));
      parts.push(h('div', null, `${data.diff.added} added, ${data.diff.removed} removed, ${data.diff.changed} changed, ${data.diff.unchanged} unchanged`));
      const list = [...nodeById.values()].filter(n => n.diff && n.diff !== 'unchanged' && !(n.diff === 'changed' && rootOfGraph.get(graphOfNode.get(n.id)) === 0));
      parts.push(h('ul', { class: 'changes' }, list.slice(0, 500).map(n => h('li', null, h('span', { class: `diff-tag ${n.diff}` }, n.diff), ' ', nodeLink(n.id, `${n.op} ${n.name}`.trim()),
        n.changes ? h('div', { class: 'note' }, n.changes.join('; ')) : ''))));
    }
    showSidebar(...parts);
    sidebar.dataset.node = '';
  }
  document.getElementById('model-info').addEventListener('click', showModel);

  // ---------------------------------------------------------------- search
  const searchInput = document.getElementById('search');
  const resultsBox = document.getElementById('search-results');
  const searchIndex = [];
  (() => {
    const seenValues = new Set();
    nodeById.forEach(n => {
      if (n.kind === 'op') searchIndex.push({ kind: 'node', name: n.name || `(${n.op})`, sub: headLabel(n), op: n.op, id: n.id });
      else searchIndex.push({ kind: 'node', name: n.name, sub: n.kind, op: n.kind, id: n.id });
      if (n.kind !== 'output') n.outputs.forEach(p => {
        const key = `${n.id}|${p.value}`;
        if (p.value && !seenValues.has(key)) { seenValues.add(key); searchIndex.push({ kind: 'tensor', name: p.value, sub: p.type, value: p.value, id: n.id }); }
      });
    });
    const weightUsers = new Map();
    nodeById.forEach(n => n.inputs.forEach(p => { if (p.tensor !== undefined && !weightUsers.has(p.tensor)) weightUsers.set(p.tensor, n.id); }));
    weightUsers.forEach((id, t) => searchIndex.push({ kind: 'weight', name: data.tensors[t].name, sub: `${data.tensors[t].dataType}[${data.tensors[t].shape.join(',')}]`, id }));
  })();
  let results = [], activeResult = 0;
  function runSearch(query) {
    const q = query.trim().toLowerCase();
    state.matches = new Set();
    results = [];
    if (!q) { resultsBox.hidden = true; applyHighlights(); return; }
    for (const entry of searchIndex) {
      const exactOp = entry.kind === 'node' && entry.op && entry.op.toLowerCase() === q;
      if (exactOp || entry.name.toLowerCase().includes(q) || (entry.kind === 'node' && entry.sub.toLowerCase().includes(q))) {
        results.push({ entry, rank: entry.name.toLowerCase() === q || exactOp ? 0 : entry.name.toLowerCase().startsWith(q) ? 1 : 2 });
        if (entry.kind === 'node') state.matches.add(entry.id);
      }
    }
    results.sort((a, b) => a.rank - b.rank);
    activeResult = 0;
    resultsBox.textContent = '';
    if (!results.length) resultsBox.append(h('div', { class: 'empty' }, 'No match'));
    results.slice(0, 200).forEach((r, i) => {
      resultsBox.append(h('div', { class: `result${i === 0 ? ' active' : ''}`, 'data-index': i, onclick: () => pick(i) },
        h('span', { class: `kind ${r.entry.kind}` }, r.entry.kind), h('span', { class: 'name' }, r.entry.name), h('span', { class: 'sub' }, r.entry.sub || '')));
    });
    if (results.length > 200) resultsBox.append(h('div', { class: 'more' }, `${results.length - 200} more; refine the search`));
    resultsBox.hidden = false;
    resultsBox.dataset.count = String(results.length);
    applyHighlights();
  }
  function pick(i) {
    const r = results[i];
    if (!r) return;
    resultsBox.hidden = true;
    if (r.entry.kind === 'tensor') selectValue(r.entry.value, r.entry.id);
    else {
      select(r.entry.id);
      if (r.entry.kind === 'weight') {
        const card = [...sidebarContent.querySelectorAll('.weight')].find(c => c.dataset.tensor === r.entry.name);
        if (card) card.scrollIntoView({ block: 'nearest' });
      }
    }
  }
  searchInput.addEventListener('input', () => runSearch(searchInput.value));
  searchInput.addEventListener('focus', () => { if (searchInput.value) resultsBox.hidden = false; });
  searchInput.addEventListener('keydown', e => {
    const items = resultsBox.querySelectorAll('.result');
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      activeResult = Math.max(0, Math.min(items.length - 1, activeResult + (e.key === 'ArrowDown' ? 1 : -1)));
      items.forEach((el, i) => el.classList.toggle('active', i === activeResult));
      if (items[activeResult]) items[activeResult].scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter') { pick(activeResult); }
    else if (e.key === 'Escape') { searchInput.value = ''; runSearch(''); searchInput.blur(); }
  });
  document.addEventListener('click', e => { if (!e.target.closest('.search')) resultsBox.hidden = true; });

  // ---------------------------------------------------------------- colour modes and legend
  const colourSelect = document.getElementById('colour-by');
  [['category', 'Op type'], ['precision', 'Precision'], timeRange ? ['time', 'Time (profile)'] : null, data.diff ? ['diff', 'Diff status'] : null]
    .filter(Boolean).forEach(([v, label]) => colourSelect.append(h('option', { value: v }, label)));
  colourSelect.value = state.colourBy;
  colourSelect.addEventListener('change', () => { state.colourBy = colourSelect.value; rerender(); });

  function renderLegend() {
    const legend = document.getElementById('legend');
    legend.textContent = '';
    const item = (colour, label) => h('div', { class: 'item' }, h('span', { class: 'swatch', style: `background:${colour}` }), label);
    const shown = [...nodeById.values()];
    if (state.colourBy === 'category') {
      const present = new Set(shown.filter(n => n.kind === 'op').map(n => n.category));
      Object.keys(CATEGORY_NAMES).filter(c => present.has(c)).forEach(c => legend.append(item(CATEGORY_COLOURS[c], CATEGORY_NAMES[c])));
    } else if (state.colourBy === 'precision') {
      const present = new Set(shown.map(n => n.precision).filter(Boolean));
      Object.keys(PRECISION_COLOURS).filter(p => present.has(p)).forEach(p => legend.append(item(PRECISION_COLOURS[p], p)));
      legend.append(item(NONE_COLOUR, 'no float/quantized type'));
    } else if (state.colourBy === 'time' && timeRange) {
      legend.append(h('div', { class: 'item' }, `${fmt(timeRange.min)} ms`, h('span', { class: 'ramp', style: `background:linear-gradient(90deg,${heat(timeRange.min)},${heat(Math.sqrt(timeRange.min * timeRange.max))},${heat(timeRange.max)})` }), `${fmt(timeRange.max)} ms`));
      legend.append(item(NONE_COLOUR, 'not in profile'));
    } else if (state.colourBy === 'diff') {
      Object.entries(DIFF_COLOURS).forEach(([k, c]) => legend.append(item(c, k)));
    }
    legend.hidden = !legend.childElementCount;
  }

  // ---------------------------------------------------------------- export
  function activePane() { return state.panes[Math.min(state.activePane, state.panes.length - 1)]; }
  function svgText(pane) {
    const { w, h: height } = graphSize(pane);
    const clone = pane.svg.cloneNode(true);
    clone.setAttribute('xmlns', SVGNS);
    clone.setAttribute('width', Math.ceil(w));
    clone.setAttribute('height', Math.ceil(height));
    clone.setAttribute('viewBox', `0 0 ${Math.ceil(w)} ${Math.ceil(height)}`);
    clone.querySelector('.viewport').removeAttribute('transform');
    const style = document.createElementNS(SVGNS, 'style');
    style.textContent = document.querySelector('style').textContent;
    clone.insertBefore(style, clone.firstChild);
    clone.insertBefore(s('rect', { width: '100%', height: '100%', fill: '#f6f7f9' }), style.nextSibling);
    return new XMLSerializer().serializeToString(clone);
  }
  function download(name, blob) {
    const a = h('a', { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  function baseName() { return (data.panes[Math.min(activePane().model, data.panes.length - 1)].label || 'model').replace(/\.onnx$/i, ''); }
  /** Exports the active pane; `save` false only records the result (the fragment hook: headless browsers cannot save files). */
  function exportSvg(save = true) {
    const text = svgText(activePane());
    document.body.dataset.exportSvg = String(text.length);
    if (save) download(`${baseName()}.svg`, new Blob([text], { type: 'image/svg+xml' }));
  }
  function exportPng(save = true) {
    const pane = activePane();
    const { w, h: height } = graphSize(pane);
    const scale = Math.min(2, Math.sqrt(120e6 / (w * height)), 16000 / w, 16000 / height);
    const img = new Image();
    const url = URL.createObjectURL(new Blob([svgText(pane)], { type: 'image/svg+xml' }));
    img.onload = () => {
      const canvas = h('canvas', { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(height * scale)) });
      const ctx = canvas.getContext('2d');
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0, w, height);
      URL.revokeObjectURL(url);
      // Encoded synchronously (toDataURL rather than toBlob) so the result exists as soon as the image has loaded.
      const encoded = atob(canvas.toDataURL('image/png').split(',')[1]);
      const png = new Uint8Array(encoded.length);
      for (let i = 0; i < encoded.length; i++) png[i] = encoded.charCodeAt(i);
      document.body.dataset.exportPng = `${canvas.width}x${canvas.height}`;
      if (save) download(`${baseName()}.png`, new Blob([png], { type: 'image/png' }));
    };
    img.onerror = () => { document.body.dataset.exportPng = 'failed'; URL.revokeObjectURL(url); };
    img.src = url;
  }
  document.getElementById('export-svg').addEventListener('click', () => exportSvg());
  document.getElementById('export-png').addEventListener('click', () => exportPng());
  document.getElementById('zoom-in').addEventListener('click', () => zoomBy(activePane(), 1.25));
  document.getElementById('zoom-out').addEventListener('click', () => zoomBy(activePane(), 0.8));
  document.getElementById('zoom-fit').addEventListener('click', () => state.panes.forEach(fitAll));
  document.querySelectorAll('#mode-group button').forEach(b => b.addEventListener('click', () => {
    if (state.mode === b.dataset.mode) return;
    state.mode = b.dataset.mode;
    buildPanes();
    renderLegend();
    if (state.selected && state.selected.kind === 'node') select(state.selected.id);
  }));
  document.addEventListener('keydown', e => {
    if (e.target === searchInput) return;
    if (e.key === '/' || (e.key === 'f' && (e.ctrlKey || e.metaKey))) { e.preventDefault(); searchInput.focus(); searchInput.select(); }
    else if (e.key === 'Escape') clearSelection();
    else if (e.key === '+' || e.key === '=') zoomBy(activePane(), 1.25);
    else if (e.key === '-') zoomBy(activePane(), 0.8);
    else if (e.key === '0') state.panes.forEach(fitAll);
  });

  // ---------------------------------------------------------------- start-up
  /**
   * Applies a URL fragment such as #search=conv&pick=0&select=node_name&expand=loop&mode=overlay&colour=precision&export=svg,
   * driving the same handlers the toolbar and mouse use (for links into a view, and for browser tests).
   */
  function applyFragment() {
    const params = new URLSearchParams(location.hash.slice(1));
    const byName = name => [...nodeById.values()].find(n => n.id === name || n.name === name);
    if (params.get('mode') && data.diff) document.querySelector(`#mode-group button[data-mode="${params.get('mode')}"]`)?.click();
    if (params.get('colour')) { colourSelect.value = params.get('colour'); colourSelect.dispatchEvent(new Event('change')); }
    for (const name of params.getAll('expand')) {
      const n = byName(name);
      if (n && !state.expanded.has(n.id)) toggleExpanded(n.id);
    }
    if (params.has('search')) {
      searchInput.value = params.get('search');
      searchInput.dispatchEvent(new Event('input'));
      if (params.has('pick')) resultsBox.querySelectorAll('.result')[Number(params.get('pick'))]?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    }
    if (params.has('select')) {
      const n = byName(params.get('select'));
      const el = n && state.panes.map(p => p.nodeEls.get(n.id)).find(Boolean);
      if (el) el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      else if (n) select(n.id);
    }
    if (params.get('model') !== null && params.has('model')) showModel();
    if (params.get('export') === 'svg') exportSvg(false);
    if (params.get('export') === 'png') exportPng(false);
  }

  function start() {
    document.getElementById('mode-group').hidden = !data.diff;
    const layoutMs = buildPanes();
    renderLegend();
    document.body.dataset.layoutMs = String(Math.round(layoutMs));
    document.body.dataset.renderMs = String(Math.round(performance.now()));
    document.body.dataset.nodes = String(state.panes.reduce((a, p) => a + p.nodeEls.size, 0));
    document.getElementById('loading').hidden = true;
    applyFragment();
    document.body.dataset.ready = '1';
  }
  window.addEventListener('hashchange', applyFragment);
  // A short timer (not requestAnimationFrame, which a hidden or headless page may never run) lets the
  // "Laying out" notice paint before the possibly long layout.
  setTimeout(() => {
    try { start(); } catch (err) {
      document.getElementById('loading').textContent = `Could not draw the graph: ${err.message}`;
      document.body.dataset.error = err.message;
      throw err;
    }
  }, 30);
})();
