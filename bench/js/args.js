// The benchmarks' command line: `[runs] [--name value ...] [--flag]`, shared by the drivers.
export function parseArgs(argv = process.argv.slice(2), { runs: defaultRuns = 5 } = {}) {
  const at = (name) => argv.indexOf(name);
  const option = (name, fallback) => (at(name) >= 0 ? Number(argv[at(name) + 1]) : fallback);
  const text = (name, fallback) => (at(name) >= 0 ? argv[at(name) + 1] : fallback);
  const flag = (name) => at(name) >= 0;
  // The bare number that is not an option's value.
  const bare = argv.find((arg, i) => /^\d+$/.test(arg) && !argv[i - 1]?.startsWith('--'));
  return { runs: Number(bare ?? defaultRuns), option, text, flag };
}
