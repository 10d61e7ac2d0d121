import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkScenario } from '../core/scenario/index';
const DIR = 'core/test/configs/files';
for (const f of readdirSync(DIR)) {
  const text = readFileSync(join(DIR, f), 'utf8');
  for (const v of ['3.0', '3.4'] as const) {
    const errs = checkScenario(text, { engine: 'modern', version: v }).diagnostics.filter((d) => d.severity === 'error');
    for (const e of errs) console.log(`${v} ${f}:${e.line}: ${e.message.slice(0, 140)}`);
  }
}
