/** sweepPlan: a scenario's parameters and the combinations a sweep runs (scenario/params.ts). */
import { checkScenario } from '../scenario/compile';
import type { Diagnostic } from '../scenario/diagnostics';
import type { SweepParam, SweepPlan, SweepPoint } from './types';

/** Every combination, the first parameter outermost (the order of the CSV's rows). */
export function sweepPoints(params: readonly SweepParam[]): SweepPoint[] {
  let points: Record<string, string>[] = [{}];
  for (const p of params) points = points.flatMap((pt) => p.values.map((v) => ({ ...pt, [p.name]: v })));
  return points.map((values) => ({ values }));
}

/** Most extra checks of swept values (each parses the scenario once more). */
const MAX_VALUE_CHECKS = 200;

export function sweepPlan(text: string): SweepPlan {
  const checked = checkScenario(text);
  const decls = checked.ast.params ?? [];
  const params: SweepParam[] = decls.filter((d) => d.swept).map((d) => ({ name: d.name.text, values: d.values }));
  const fixed: Record<string, string> = {};
  for (const d of decls) if (!d.swept) fixed[d.name.text] = d.values[0]!;
  const diagnostics: Diagnostic[] = [...checked.diagnostics];
  // A value other than the first may not fit where it goes (`sweep mode safe bogus`): check each
  // value once, the other parameters at their first value.
  const seen = new Set(diagnostics.map((d) => `${d.span.from}:${d.code}:${d.message}`));
  let checks = 0;
  for (const p of params) {
    for (const v of p.values.slice(1)) {
      if (++checks > MAX_VALUE_CHECKS) break;
      for (const d of checkScenario(text, { values: { [p.name]: v } }).diagnostics) {
        if (d.severity !== 'error') continue;
        const key = `${d.span.from}:${d.code}:${d.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        diagnostics.push({ ...d, message: `${d.message} (with ${p.name} = ${v})` });
      }
    }
  }
  diagnostics.sort((a, b) => a.span.from - b.span.from);
  return {
    ok: !diagnostics.some((d) => d.severity === 'error'),
    params, fixed, points: sweepPoints(params), seed: checked.ast.seed?.value ?? null, plot: checked.ast.plot?.metric ?? null, diagnostics,
  };
}
