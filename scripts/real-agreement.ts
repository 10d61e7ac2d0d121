// Writes core/verify/real-agreement.json: for each recording in core/test/real-examples/
// (KEY.real.json, KEY = example id, or id@MODE for a lesson step that changes http-reuse), the
// modern engine's verdict against it. Run from the repository root:
//   node scripts/run-bundled.mjs scripts/real-agreement.ts
// (core/test/real-examples.test.ts checks the file is up to date). Record an example again with
//   npm run verify -- core/examples/ID.scenario --engine modern --record core/test/real-examples/ID.real.json
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { agreementOf } from '../core/verify/agreement-check';
import type { Agreement } from '../core/verify/agreement';
import type { RealTrace } from '../core/verify/real-trace';

const root = process.cwd();
const dir = join(root, 'core/test/real-examples');
const out: Record<string, Agreement> = {};
for (const f of readdirSync(dir).filter((x) => x.endsWith('.real.json')).sort()) {
  const key = f.slice(0, -'.real.json'.length);
  out[key] = agreementOf(key, JSON.parse(readFileSync(join(dir, f), 'utf8')) as RealTrace);
}
writeFileSync(join(root, 'core/verify/real-agreement.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`wrote core/verify/real-agreement.json (${Object.keys(out).length} recordings)`);
