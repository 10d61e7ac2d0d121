// Writes docs/decisions.md from the decision catalogue (core/trace/catalog.ts).
// Run: npx tsx scripts/decisions-doc.ts   (a test checks the file is up to date)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DECISIONS, GAPS, sourceUrl } from '../core/trace/catalog';
import { MODERN_30_SOURCES, MODERN_SOURCES, sourceForEvent } from '../core/trace/catalog-modern';
import { PARENT_SOURCES } from '../core/trace/catalog-parent';
import type { DecisionId } from '../core/trace/decisions';
import { MODERN_BINARY, MODERN_NOT_MODELLED } from '../core/engines/modern-scope';
import { DEPENDENCY_REASONS } from './dependencies';

export function decisionsDoc(): string {
  const out = [
    '# Decision IDs',
    '',
    'Every action in a trace carries the rule of HAProxy\'s code that caused it. IDs follow',
    '`shared/spec/haproxy-algorithm.md` §4 (seed, parent) and §7 (modern). Generated from',
    '`core/trace/catalog.ts` by `scripts/decisions-doc.ts`; links point at the exact commit.',
    '',
  ];
  const groups = [
    ['seed', 'Seed — 7c6f8b146'],
    ['parent', 'Parent — 131fd89d5'],
    ['modern', 'Modern — HAProxy 2.6'],
    ['routing', 'Routing and answers from HAProxy itself — v2.6.0 (every engine)'],
    ['world', 'The emulated world'],
  ] as const;
  for (const [engine, title] of groups) {
    out.push(`## ${title}`, '');
    if (engine === 'modern') {
      out.push(
        `Source lines at v2.6.0; the behaviour is checked against ${MODERN_BINARY}. Not modelled:`,
        '',
        ...MODERN_NOT_MODELLED.map((x) => `- ${x}`),
        '',
      );
    }
    out.push('| ID | rule | source |', '| --- | --- | --- |');
    for (const d of Object.values(DECISIONS).filter((x) => x.engine === engine)) {
      const url = sourceUrl(d.id);
      const src = url ? `[${d.file}:${d.line}](${url})` : '—';
      out.push(`| ${d.id} | **${d.name}.** ${d.explain.replace(/\|/g, '\\|')} | ${src} |`);
    }
    out.push('');
    if (engine === 'parent') out.push(...sharedAtParent());
    if (engine === 'modern') out.push(...sharedAtModern());
  }
  out.push('## Gaps of the seed (flagged in traces)', '', '| gap | what | effect |', '| --- | --- | --- |');
  for (const [id, g] of Object.entries(GAPS)) out.push(`| ${id} | ${g.name} | ${g.explain.replace(/\|/g, '\\|')} |`);
  out.push('', ...dependenciesSection());
  return out.join('\n') + '\n';
}

/** The seed ids the parent engine also emits, with their place at 131fd89d5 and, where the seed's does not hold, the parent's explanation. */
function sharedAtParent(): string[] {
  const out = [
    '### Shared rules in a parent run',
    '',
    'The parent engine also emits these seed ids; in a parent run the why panel and the editor cite the place below',
    '(`core/trace/catalog-parent.ts`), at 131fd89d5, and explain the rule as the parent does it.',
    '',
    '| ID | 131fd89d5 | explanation at the parent |',
    '| --- | --- | --- |',
  ];
  for (const [id, p] of Object.entries(PARENT_SOURCES) as [DecisionId, NonNullable<(typeof PARENT_SOURCES)[DecisionId]>][]) {
    const src = sourceForEvent(id, 'parent')!;
    const also = p.also?.length ? `, ${p.also.map((a) => `${a.file}:${a.line}`).join(', ')}` : '';
    out.push(`| ${id} | [${src.file}:${src.line}](${src.url})${also} | ${p.explain ? p.explain.replace(/\|/g, '\\|') : 'as at the seed'} |`);
  }
  out.push('');
  return out;
}

/** The seed ids the modern engine also emits, with the place 2.6 (and 3.0 where checked) does the same. */
function sharedAtModern(): string[] {
  const out = [
    '### Shared rules in a modern run',
    '',
    'The modern engine also emits these seed ids; in a modern run the why panel cites the place below',
    '(`core/trace/catalog-modern.ts`), not the seed\'s. A `modern 3.0` run cites v3.0.0 where checked, else v2.6.0.',
    '',
    '| ID | v2.6.0 | v3.0.0 |',
    '| --- | --- | --- |',
  ];
  for (const id of Object.keys(MODERN_SOURCES) as DecisionId[]) {
    const at = (commit: string, c: { fn: string; note?: string }) => {
      const src = sourceForEvent(id, 'modern', commit)!;
      return `[${src.file}:${src.line}](${src.url}) \`${c.fn}()\`${c.note ? ` — ${c.note.replace(/\|/g, '\\|')}` : ''}`;
    };
    const v30 = MODERN_30_SOURCES[id];
    out.push(`| ${id} | ${at('v2.6.0', MODERN_SOURCES[id]!)} | ${v30 ? at('v3.0.0', v30) : 'not checked (v2.6.0 cited)'} |`);
  }
  out.push('', 'Where the seed\'s explanation does not hold in HAProxy 2.6 and later, a modern run shows its own:', '');
  for (const [id, c] of Object.entries(MODERN_SOURCES)) if (c?.explain) out.push(`- **${id}** (${DECISIONS[id as DecisionId].name}): ${c.explain}`);
  out.push('');
  return out;
}

/** Every package of package.json with the version asked for and why it is there (scripts/dependencies.ts). */
export function dependenciesSection(pkg: PackageJson = readPackageJson()): string[] {
  const out = [
    '## Dependencies',
    '',
    'Each npm package the project depends on, and why. The page ships only the runtime ones; the others build and',
    'test it. Reasons are kept in `scripts/dependencies.ts`: a package without one fails the test of this file.',
  ];
  const table = (title: string, deps: Record<string, string> | undefined) => {
    out.push('', `### ${title}`, '', '| package | version | why |', '| --- | --- | --- |');
    for (const name of Object.keys(deps ?? {}).sort()) {
      const why = DEPENDENCY_REASONS[name]?.why;
      if (!why) throw new Error(`package.json: ${name} has no reason in scripts/dependencies.ts`);
      out.push(`| \`${name}\` | ${deps![name]} | ${why.replace(/\|/g, '\\|')} |`);
    }
  };
  table('Runtime (in the page)', pkg.dependencies);
  table('Development (build, tests, scripts)', pkg.devDependencies);
  return out;
}

interface PackageJson {
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}

function readPackageJson(): PackageJson {
  return JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8')) as PackageJson;
}

if (process.argv[1]?.endsWith('decisions-doc.ts')) {
  writeFileSync(join(import.meta.dirname, '../docs/decisions.md'), decisionsDoc());
  console.log('wrote docs/decisions.md');
}
