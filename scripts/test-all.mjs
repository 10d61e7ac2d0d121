// npm test: the type check, unit and property tests (vitest), then end-to-end tests (Playwright in
// Debian's Chromium against the production build). Ends with a plain
// "N passed, N failed" line that CI reads.
import { spawnSync } from 'node:child_process';

let passed = 0;
let failed = 0;
let ok = true;

// Colourless output, so the counts can be read (FORCE_COLOR would override NO_COLOR). Playwright
// gets neither: it writes to a pipe without colour by itself, and it sets FORCE_COLOR for the
// processes it starts, which would then warn about NO_COLOR.
const plainEnv = { ...process.env, NO_COLOR: '1' };
delete plainEnv.FORCE_COLOR;
const pipeEnv = { ...process.env };
delete pipeEnv.FORCE_COLOR;
delete pipeEnv.NO_COLOR;

function run(label, cmd, args, parse, env = plainEnv) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env });
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  if (parse) {
    // eslint-disable-next-line no-control-regex
    const plain = ((r.stdout ?? '') + (r.stderr ?? '')).replace(/\x1b\[[0-9;]*m/g, '');
    const counts = parse(plain);
    passed += counts.passed;
    failed += counts.failed;
  }
  if (r.status !== 0) ok = false;
  return r.status === 0;
}

// vitest: "Tests  12 passed | 1 failed (13)"
const vitestCounts = (out) => {
  const line = out.split('\n').find((l) => /^\s*Tests\s+/.test(l)) ?? '';
  return { passed: Number(/(\d+) passed/.exec(line)?.[1] ?? 0), failed: Number(/(\d+) failed/.exec(line)?.[1] ?? 0) };
};
// playwright list reporter: "  7 passed (20s)", "  1 failed"
const pwCounts = (out) => ({
  passed: Number(/^\s*(\d+) passed/m.exec(out)?.[1] ?? 0),
  failed: Number(/^\s*(\d+) failed/m.exec(out)?.[1] ?? 0),
});

const only = process.argv[2];
if (!only || only === 'unit') {
  // Types first: neither vitest nor vite checks them. core/ alone against ES2022 without the DOM
  // (core/tsconfig.json): it must run in a worker and in Node as it does in the page.
  run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  run('typecheck core/ without the DOM', 'npx', ['tsc', '-p', 'core/tsconfig.json']);
  run('unit and property tests', 'npx', ['vitest', 'run'], vitestCounts);
}
if (!only || only === 'e2e') {
  if (run('chromium', 'node', ['scripts/ensure-chromium.mjs']) && run('build', 'npx', ['vite', 'build', '--logLevel', 'warn'])) {
    run('end-to-end tests', 'npx', ['playwright', 'test'], pwCounts, pipeEnv);
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
