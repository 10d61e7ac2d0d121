// Writes docs/decisions.md from the decision catalogue (core/trace/catalog.ts).
// Run: npx tsx scripts/decisions-doc.ts   (a test checks the file is up to date)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DECISIONS, GAPS, sourceUrl } from '../core/trace/catalog';

export function decisionsDoc(): string {
  const out = [
    '# Decision IDs',
    '',
    'Every action in a trace carries the rule of HAProxy\'s code that caused it. IDs follow',
    '`shared/spec/haproxy-algorithm.md` §4 (seed, parent) and §7 (modern, approximate). Generated from',
    '`core/trace/catalog.ts` by `scripts/decisions-doc.ts`; links point at the exact commit.',
    '',
  ];
  const groups = [
    ['seed', 'Seed — 7c6f8b146'],
    ['parent', 'Parent — 131fd89d5'],
    ['modern', 'Modern — HAProxy 2.6 (approximate)'],
    ['routing', 'Routing and answers from HAProxy itself — v2.6.0 (every engine)'],
    ['world', 'The emulated world'],
  ] as const;
  for (const [engine, title] of groups) {
    out.push(`## ${title}`, '', '| ID | rule | source |', '| --- | --- | --- |');
    for (const d of Object.values(DECISIONS).filter((x) => x.engine === engine)) {
      const url = sourceUrl(d.id);
      const src = url ? `[${d.file}:${d.line}](${url})` : '—';
      out.push(`| ${d.id} | **${d.name}.** ${d.explain.replace(/\|/g, '\\|')} | ${src} |`);
    }
    out.push('');
  }
  out.push('## Gaps of the seed (flagged in traces)', '', '| gap | what | effect |', '| --- | --- | --- |');
  for (const [id, g] of Object.entries(GAPS)) out.push(`| ${id} | ${g.name} | ${g.explain.replace(/\|/g, '\\|')} |`);
  return out.join('\n') + '\n';
}

if (process.argv[1]?.endsWith('decisions-doc.ts')) {
  writeFileSync(join(import.meta.dirname, '../docs/decisions.md'), decisionsDoc());
  console.log('wrote docs/decisions.md');
}
