// The "Паутинка" of annexes 7 and 8: a radar chart of the competency averages, as inline
// SVG (no script, no image file), drawn in the forms' font. Pure.

export interface RadarPoint {
  /** Printed at the end of the axis: the competency's number in the table. */
  label: string;
  /** The average; undefined on a blank form (only the web is drawn). */
  value?: number;
}

export interface RadarOptions {
  min: number;
  max: number;
  /** Number of concentric rings (one per point of the scale). */
  rings: number;
  /** Lowest possible average (the points of the weakest answer), drawn as a dashed ring. */
  floor?: number;
  size?: number;
}

const f = (n: number) => (Math.round(n * 100) / 100).toString();

export function radarChart(points: RadarPoint[], options: RadarOptions): string {
  const size = options.size ?? 300;
  const c = size / 2;
  const radius = size / 2 - 28;
  const n = points.length;
  const angle = (i: number) => -Math.PI / 2 + (2 * Math.PI * i) / n;
  const at = (i: number, r: number) => [c + r * Math.cos(angle(i)), c + r * Math.sin(angle(i))];
  const scale = (v: number) => ((Math.max(options.min, Math.min(options.max, v)) - options.min) / (options.max - options.min)) * radius;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="radar" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img">`,
  );
  for (let ring = 1; ring <= options.rings; ring++) {
    const r = (radius * ring) / options.rings;
    const poly = points.map((_, i) => at(i, r).map(f).join(',')).join(' ');
    parts.push(`<polygon points="${poly}" fill="none" stroke="#999" stroke-width="0.6"/>`);
    const [x, y] = at(0, r);
    parts.push(
      `<text x="${f(x + 3)}" y="${f(y + 3)}" font-size="8" fill="#555">${(ring * (options.max - options.min)) / options.rings + options.min}</text>`,
    );
  }
  points.forEach((p, i) => {
    const [x, y] = at(i, radius);
    parts.push(`<line x1="${c}" y1="${c}" x2="${f(x)}" y2="${f(y)}" stroke="#999" stroke-width="0.6"/>`);
    const [lx, ly] = at(i, radius + 14);
    parts.push(`<text x="${f(lx)}" y="${f(ly + 4)}" font-size="11" text-anchor="middle" font-weight="700">${escapeXml(p.label)}</text>`);
  });
  if (points.length && points.every((p) => p.value !== undefined)) {
    const poly = points.map((p, i) => at(i, scale(p.value!)).map(f).join(',')).join(' ');
    parts.push(`<polygon points="${poly}" fill="rgba(0,0,0,0.12)" stroke="#000" stroke-width="1.6"/>`);
    points.forEach((p, i) => {
      const [x, y] = at(i, scale(p.value!));
      parts.push(`<circle cx="${f(x)}" cy="${f(y)}" r="2.4" fill="#000"/>`);
    });
  }
  parts.push('</svg>');
  return parts.join('');
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
}
