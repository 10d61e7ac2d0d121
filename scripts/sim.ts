// Command line: npm run sim -- FILE [--engine seed|parent|modern] [--json | --summary]
// Contract: shared/spec/scenario-language.md, last section. Other tools parse this output: keep it stable.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
// Not core/index: that also bundles the example files through Vite's `?raw` imports.
import { runScenario } from '../core/run';
import { formatEvent } from '../core/trace/format';
import { ENGINE_NAMES, type EngineName } from '../core/scenario/ast';

// The engines are listed from ENGINE_NAMES, so a new engine cannot be missing from the usage line.
const USAGE = `usage: npm run sim -- FILE [--engine ${ENGINE_NAMES.join('|')}] [--json | --summary]   (FILE may be - for standard input)`;

function main(argv: string[]): number {
  let file: string | null = null;
  let engine: EngineName | undefined;
  let format: 'text' | 'json' | 'summary' = 'text';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') format = 'json';
    else if (a === '--summary') format = 'summary';
    else if (a === '--engine' || a.startsWith('--engine=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!v || !(ENGINE_NAMES as readonly string[]).includes(v)) {
        process.stderr.write(`sim: unknown engine '${v ?? ''}'; known: ${ENGINE_NAMES.join(', ')}\n`);
        return 2;
      }
      engine = v as EngineName;
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
  const summary = format === 'summary';
  // Totals only: no trace held in memory, finished requests and connections let go.
  const result = runScenario(text, { engine, ...(summary ? { totalsOnly: true, maxEvents: 1e9 } : {}) });
  for (const d of result.diagnostics) {
    const hint = d.suggestion ? ` (did you mean '${d.suggestion}'?)` : '';
    const said = d.message.includes('did you mean') ? '' : hint;
    process.stderr.write(`${name}:${d.line}:${d.column}: ${d.severity}: ${d.message}${said}\n`);
  }
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

process.exitCode = main(process.argv.slice(2));
