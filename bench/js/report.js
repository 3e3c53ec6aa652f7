// Prints benchmark runs and their medians; the statistics the drivers share.
import os from 'node:os';

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Median, min and max of the runs' `field` (null runs, steps not run, are left out). */
export function spread(results, field) {
  const values = results.map((r) => r[field]).filter((v) => typeof v === 'number' && Number.isFinite(v));
  if (values.length === 0) return null;
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

export const loadAverage = () => `${os.loadavg().map((n) => n.toFixed(2)).join(' ')} (${os.cpus().length} cores)`;

export function printRuns(label, results) {
  console.log(`${label}: ${results.length} runs of ${results[0].count} items`);
  for (const key of Object.keys(results[0]).filter((k) => k !== 'count')) {
    const value = median(results.map((r) => r[key]));
    console.log(`  ${key.padEnd(22)} median ${Number.isInteger(value) ? value : value.toFixed(3)}`
      + `   runs: ${results.map((r) => (Number.isInteger(r[key]) ? r[key] : r[key].toFixed(2))).join(', ')}`);
  }
}

/** Prints `results` (one object per run) as median [min .. max] per field. */
export function printSpread(label, results) {
  console.log(label);
  for (const field of Object.keys(results[0])) {
    const s = spread(results, field);
    if (s) console.log(`  ${field.padEnd(26)} ${s.median.toFixed(1).padStart(9)}  [${s.min.toFixed(1)} .. ${s.max.toFixed(1)}]`);
  }
}
