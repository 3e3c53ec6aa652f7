// Prints benchmark runs and their medians.
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

export function printRuns(label, results) {
  console.log(`${label}: ${results.length} runs of ${results[0].count} items`);
  for (const key of Object.keys(results[0]).filter((k) => k !== 'count')) {
    const value = median(results.map((r) => r[key]));
    console.log(`  ${key.padEnd(22)} median ${Number.isInteger(value) ? value : value.toFixed(3)}`
      + `   runs: ${results.map((r) => (Number.isInteger(r[key]) ? r[key] : r[key].toFixed(2))).join(', ')}`);
  }
}
