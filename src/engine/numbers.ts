// Scores are decimals compared at a declared precision; binary floating point would
// make 3.995 round to 3.99. Rounding goes through scaled integers with a guard.

export function roundTo(value: number, precision: number, mode: 'halfUp' | 'down' = 'halfUp'): number {
  const scale = 10 ** precision;
  // The epsilon absorbs representation error (3.995 is stored as 3.99499999…).
  const scaled = value * scale;
  const nudged = scaled + Math.sign(scaled) * 1e-9 * Math.max(1, Math.abs(scaled));
  const integer = mode === 'halfUp' ? Math.sign(nudged) * Math.floor(Math.abs(nudged) + 0.5) : Math.trunc(nudged);
  return integer / scale;
}

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
