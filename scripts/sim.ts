// Command line: npm run sim -- FILE [--engine E] [--set NAME=VALUE]... [--json | --summary | --csv | --metrics [--json]]
// Contract: shared/spec/scenario-language.md, last section. Other tools parse this output: keep it stable.
// Sweeps (issue 18): --csv prints one row of metrics per combination (one row without a sweep);
// --json prints the same rows as an array when the scenario sweeps (with --metrics also when it
// does not), and otherwise the trace document it always printed.
import { MODERN_VERSIONS, type ModernVersion } from '../core/model/names';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
// Not core/index: that also bundles the example files through Vite's `?raw` imports.
import { runScenario } from '../core/run';
import { formatEvent } from '../core/trace/format';
import { ENGINE_NAMES, type EngineName } from '../core/scenario/ast';
import type { Diagnostic } from '../core/scenario/diagnostics';
import { runPoint, sweepCsv, sweepJson, sweepPlan, type SweepPoint, type SweepRow } from '../core/sweep/index';

// The engines are listed from ENGINE_NAMES, so a new engine cannot be missing from the usage line.
const USAGE = `usage: npm run sim -- FILE [--engine ${ENGINE_NAMES.join('|')}|'modern 3.0'] [--set NAME=VALUE]... [--json | --summary | --csv | --metrics [--json]]   (FILE may be - for standard input)`;

function main(argv: string[]): number {
  let file: string | null = null;
  let engine: EngineName | undefined;
  let version: ModernVersion | undefined;
  let format: 'text' | 'json' | 'summary' | 'csv' = 'text';
  let metrics = false;
  const set: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') format = 'json';
    else if (a === '--summary') format = 'summary';
    else if (a === '--csv') format = 'csv';
    else if (a === '--metrics') metrics = true;
    else if (a === '--set' || a.startsWith('--set=')) {
      const v = a.includes('=') && a.startsWith('--set=') ? a.slice(6) : argv[++i];
      const eq = v ? v.indexOf('=') : -1;
      if (!v || eq < 1) {
        process.stderr.write(`sim: --set needs NAME=VALUE, got '${v ?? ''}'\n`);
        return 2;
      }
      set[v.slice(0, eq)] = v.slice(eq + 1);
    }
    else if (a === '--engine' || a.startsWith('--engine=')) {
      // `modern 3.0`: an engine and the release it follows, as in a scenario's engine line.
      const [v, ver, ...more] = (a.includes('=') ? a.slice(a.indexOf('=') + 1) : (argv[++i] ?? '')).trim().split(/\s+/);
      if (!v || !(ENGINE_NAMES as readonly string[]).includes(v)) {
        process.stderr.write(`sim: unknown engine '${v ?? ''}'; known: ${ENGINE_NAMES.join(', ')}\n`);
        return 2;
      }
      if (ver !== undefined && (v !== 'modern' || !(MODERN_VERSIONS as readonly string[]).includes(ver) || more.length)) {
        process.stderr.write(`sim: unknown engine version '${[ver, ...more].join(' ')}' for ${v}; the modern engine takes ${MODERN_VERSIONS.join(', ')}\n`);
        return 2;
      }
      engine = v as EngineName;
      version = ver as ModernVersion | undefined;
    } else if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE + '\n');
      return 0;
    } else if (a.startsWith('--')) {
      process.stderr.write(`sim: unknown option '${a}'\n${USAGE}\n`);
      return 2;
    } else if (file === null) file = a;
    else {
      process.stderr.write(`sim: only one FILE may be given\n${USAGE}\n`);
      return 2;
    }
  }
  if (file === null) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  let text: string;
  try {
    // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
    text = readFileSync(file === '-' ? 0 : resolve(process.env.INIT_CWD ?? '.', file), 'utf8');
  } catch (err) {
    process.stderr.write(`sim: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
    return 2;
  }
  const name = file === '-' ? '<stdin>' : file;
  const printDiagnostics = (ds: readonly Diagnostic[]) => {
    for (const d of ds) {
      const hint = d.suggestion ? ` (did you mean '${d.suggestion}'?)` : '';
      const said = d.message.includes('did you mean') ? '' : hint;
      process.stderr.write(`${name}:${d.line}:${d.column}: ${d.severity}: ${d.message}${said}\n`);
    }
  };
  const plan = sweepPlan(text);
  const swept = plan.params.length > 0;
  if (engine && plan.params.some((p) => p.name === 'engine')) {
    process.stderr.write(`${name}: note: --engine ${engine} overrides the parameter engine in every run\n`);
  }
  if (format === 'csv' || (format === 'json' && (swept || metrics)) || (metrics && format === 'text')) {
    return table(name, text, plan, set, engine, format === 'json' ? 'json' : 'csv', printDiagnostics);
  }
  if (swept && Object.keys(set).length === 0) {
    process.stderr.write(`${name}: note: the scenario sweeps ${plan.params.map((p) => p.name).join(' and ')}; this runs its first point (--set NAME=VALUE picks another, --csv or --json runs them all)\n`);
  }
  const summary = format === 'summary';
  // Totals only: no trace held in memory, finished requests and connections let go.
  const result = runScenario(text, { engine, ...(version ? { version } : {}), values: set, ...(summary ? { totalsOnly: true, maxEvents: 1e9 } : {}) });
  printDiagnostics(result.diagnostics);
  if (!result.ok) return 2;
  const t = result.totals;
  if (format === 'json') {
    process.stdout.write(JSON.stringify(result.report(), null, 1) + '\n');
  } else if (summary) {
    process.stdout.write(
      `engine ${result.engine} (${result.commit}): requests ${t.requests}, connections opened ${t.opened}, reused ${t.reused}, swapped ${t.swapped}, destroyed ${t.destroyed}, events ${result.events}\n`,
    );
  } else {
    const out: string[] = [`# engine ${result.engine} (${result.commit})`];
    for (const e of result.trace) out.push(formatEvent(e));
    out.push(`# requests ${t.requests}, connections opened ${t.opened}, reused ${t.reused}, swapped ${t.swapped}, destroyed ${t.destroyed}`);
    process.stdout.write(out.join('\n') + '\n');
  }
  if (result.limitReached) process.stderr.write(`${name}: warning: limit reached (${result.limitReached}); the trace stops early\n`);
  return 0;
}

/** --csv / --json on a sweep: one totals-only run per combination, one row each. */
function table(
  name: string, text: string, plan: ReturnType<typeof sweepPlan>, set: Readonly<Record<string, string>>, engine: EngineName | undefined,
  format: 'csv' | 'json', printDiagnostics: (ds: readonly Diagnostic[]) => void,
): number {
  printDiagnostics(plan.diagnostics);
  if (!plan.ok) return 2;
  // --set on a swept name keeps that value's points; on another name it changes every run.
  const points: SweepPoint[] = plan.points.filter((p) => Object.entries(set).every(([k, v]) => !(k in p.values) || p.values[k] === v));
  if (points.length === 0) {
    process.stderr.write(`sim: no combination of the sweep has ${Object.entries(set).map(([k, v]) => `${k}=${v}`).join(', ')}\n`);
    return 2;
  }
  const rows: SweepRow[] = [];
  for (const point of points) {
    const r = runPoint(text, { ...set, ...point.values }, engine ? { engine } : {});
    if (!r.ok) {
      printDiagnostics(r.diagnostics.filter((d) => d.severity === 'error'));
      return 2;
    }
    if (r.limitReached) {
      const at = Object.entries(point.values).map(([k, v]) => `${k}=${v}`).join(' ');
      process.stderr.write(`${name}: warning: limit reached (${r.limitReached})${at ? ` at ${at}` : ''}; its metrics stop there\n`);
    }
    rows.push({ point, metrics: r.metrics });
  }
  const names = plan.params.map((p) => p.name);
  process.stdout.write(format === 'csv' ? sweepCsv(names, rows) : JSON.stringify(sweepJson(names, rows), null, 1) + '\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
