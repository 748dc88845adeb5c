// Placeholder until the benchmark harness lands (issue: benchmarks).
process.stderr.write('npm run bench: the benchmark harness is not in this revision yet.\n');
process.exit(1);
