/**
 * Verifies one scenario text: the engine's run against a real HAProxy's. Shared by the command
 * line (one FILE) and the differential run (generated scenarios).
 */
import type { ModernVersion } from '../../core/model/names';
import { runScenario } from '../../core/run';
import type { EngineName } from '../../core/scenario/ast';
import { checkScenario } from '../../core/scenario/compile';
import { compareRuns, type Verdict } from '../../core/verify/compare';
import { engineView } from '../../core/verify/engine-view';
import type { RealTrace } from '../../core/verify/real-trace';
import { reproducible } from './haproxy-cfg';
import { haproxyFeatures, mayBindTransparent } from './haproxy';
import { realRun, type RealRunOptions } from './real-run';
import { needsVerbatim, verbatimReproducible } from './verbatim-cfg';

export type VerifyResult =
  | { readonly kind: 'bad-input'; readonly messages: string[] }
  | { readonly kind: 'compared'; readonly verdict: Verdict; readonly real: RealTrace; readonly engine: EngineName; readonly notes: string[] };

export interface VerifyOptions extends Omit<RealRunOptions, 'title' | 'verbatim'> {
  readonly engine?: EngineName;
  /** `--engine 'modern 3.0'`: the release the modern engine follows. */
  readonly version?: ModernVersion;
  readonly tieMs: number;
  /** Which haproxy.cfg: the scenario's own sections (`own`), the one derived from SimConfig (`derived`), or `auto` (own when it routes). */
  readonly cfg?: 'auto' | 'own' | 'derived';
}

export async function verifyText(text: string, name: string, o: VerifyOptions): Promise<VerifyResult> {
  const pick = { ...(o.engine ? { engine: o.engine } : {}), ...(o.version ? { version: o.version } : {}) };
  const checked = checkScenario(text, pick);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !checked.config) return { kind: 'bad-input', messages: errors.map((d) => `${name}:${d.line}:${d.column}: error: ${d.message}`) };
  const own = o.cfg === 'own' || (o.cfg !== 'derived' && needsVerbatim(checked.config, checked.ast));
  const features = haproxyFeatures(o.haproxy);
  const base = reproducible(checked.config, { openssl: features.has('OPENSSL'), tproxy: features.has('TPROXY') && mayBindTransparent() });
  const extra = own ? verbatimReproducible(checked.ast, text, checked.config) : { errors: [], notes: [] };
  const repro = { errors: [...base.errors, ...extra.errors], notes: [...(own ? ['the haproxy.cfg is the scenario\'s own configuration, on loopback (verbatim-cfg.ts)'] : []), ...base.notes, ...extra.notes] };
  if (repro.errors.length) return { kind: 'bad-input', messages: repro.errors.map((m) => `${name}: error: verify cannot reproduce this: ${m}`) };
  const res = runScenario(text, pick);
  if (res.limitReached) return { kind: 'bad-input', messages: [`${name}: error: the engine's run reached its ${res.limitReached} limit; too large to verify`] };
  const real = await realRun(checked.config, checked.plan, { ...o, title: name, ...(own ? { verbatim: { ast: checked.ast, text } } : {}) });
  const verdict = compareRuns(engineView(res), real, { tieMs: o.tieMs });
  return { kind: 'compared', verdict, real, engine: res.engine, notes: [...repro.notes, ...real.notes] };
}

/** The verdict as people read it: a row per request, then `match`, the first difference, or why it cannot tell. */
export function formatVerdict(v: Verdict, head: string): string {
  const L = [head];
  const w = Math.max(...v.rows.map((r) => r.what.length), 4);
  for (const r of v.rows) L.push(`${r.same ? ' ' : '✗'} ${r.id.padEnd(4)} ${r.what.padEnd(w)}  engine: ${r.engine}${r.same ? '' : `\n  ${' '.repeat(5 + w)}  HAProxy: ${r.real}`}`);
  L.push(...v.remarks);
  if (v.outcome === 'match') L.push('match');
  else {
    L.push(`${v.outcome}: ${v.differences[0]}`);
    for (const d of v.differences.slice(1)) L.push(`  then: ${d}`);
  }
  return L.join('\n');
}
