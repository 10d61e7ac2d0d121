import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../examples/index';
import { runScenario } from '../run';
import { ENGINE_NAMES } from '../model/names';
import { DECISIONS, GAPS } from './catalog';
import { MODERN_SOURCES } from './catalog-modern';
import { PARENT_SOURCES } from './catalog-parent';
import type { TraceEvent } from './events';
import { describeEvent, describeSentence } from './format';

/** Every id an event names: capitalising one of these changes what it says (r1 → R1 reads as a rule). */
function idsOf(e: TraceEvent): string[] {
  return [e.client, e.session, e.stream, e.request, e.conn, e.server, e.holder, e.otherConn].filter((x): x is string => !!x);
}

const firstWord = (s: string) => /^[^\s:;,.()]*/.exec(s)![0];

/** Looks like an id or a decision id: r1, c12, A/1, R3a, pS2, mR4b, G1. */
const ID_LIKE = /^([a-z]{0,2}[A-Z]?\d+[a-z]?|[A-Za-z][a-z0-9]*\/\d+)$/;

describe('event sentences never start with an id', () => {
  const seen = new Set<string>();
  for (const ex of EXAMPLES) {
    for (const engine of ENGINE_NAMES) {
      it(`${ex.id} at ${engine}`, () => {
        const { trace } = runScenario(ex.text, { engine });
        expect(trace.length).toBeGreaterThan(0);
        for (const e of trace) {
          const text = describeEvent(e);
          seen.add(e.kind);
          const w = firstWord(text);
          expect(idsOf(e), `${e.kind}: "${text}"`).not.toContain(w);
          expect(w, `${e.kind}: "${text}"`).not.toMatch(ID_LIKE);
          expect(w, `${e.kind}: "${text}"`).toMatch(/^[a-zA-Z]/);
          // Capitalising the sentence leaves every id as the event wrote it.
          const s = describeSentence(e);
          expect(s.endsWith('.')).toBe(true);
          for (const id of idsOf(e)) if (text.includes(id)) expect(s, e.kind).toContain(id);
        }
      });
    }
  }
  it('the examples cover most kinds of event', () => {
    expect(seen.size).toBeGreaterThan(25);
  });
});

describe('catalogue texts', () => {
  const texts: [string, string][] = [];
  for (const d of Object.values(DECISIONS)) texts.push([`${d.id} name`, d.name], [`${d.id} explain`, d.explain]);
  // A shared rule explained as the parent or modern engine does it (./catalog-parent.ts, ./catalog-modern.ts).
  for (const [id, c] of [...Object.entries(PARENT_SOURCES), ...Object.entries(MODERN_SOURCES)]) if (c?.explain) texts.push([`${id} explain (engine)`, c.explain]);
  for (const [g, v] of Object.entries(GAPS)) texts.push([`${g} name`, v.name], [`${g} explain`, v.explain]);

  it('never start a sentence with an id or a decision id', () => {
    for (const [where, text] of texts) {
      for (const sentence of text.split(/(?<=[.!?:;])\s+|\s+[—–]\s+/)) {
        const w = firstWord(sentence.replace(/^[("“]/, ''));
        expect(w, `${where}: "${sentence}"`).not.toMatch(ID_LIKE);
        expect(Object.keys(DECISIONS), `${where}: "${sentence}"`).not.toContain(w);
      }
    }
  });

  it('close every code span they open', () => {
    for (const [where, text] of texts) expect((text.match(/`/g) ?? []).length % 2, where).toBe(0);
  });
});

describe('txn.end says whether the connection stays', () => {
  it('modern keep-alive (mD2) keeps it; close mode (mD2) closes it', () => {
    const body = `backend be\n    server s1 192.0.2.1:80\nscript\n    open A h1\n    A GET /\n`;
    const end = (text: string) => describeEvent(runScenario(text).trace.find((e) => e.kind === 'txn.end')!);
    expect(end(`engine modern\n${body}`)).toBe('request r1 ends; connection c1 is kept open');
    expect(end(`engine modern\n${body.replace('backend be\n', 'backend be\n    option httpclose\n')}`)).toBe('request r1 ends; connection c1 is closed');
  });
});

describe('txn.end says whether the connection stays', () => {
  const end = (decision: string, conds: { label: string; value: boolean }[]) =>
    describeEvent({ seq: 0, t: 0, kind: 'txn.end', decision, conn: 'c1', server: 's1', request: 'r2', stream: 'B/1', conds } as unknown as TraceEvent);
  it('a dropped response (mD6): kept open on keep-alive, closed when the connection is private or closes', () => {
    expect(end('mD6', [{ label: 'keep-alive', value: true }, { label: 'private', value: false }])).toMatch(/is kept open/);
    expect(end('mD6', [{ label: 'keep-alive', value: true }, { label: 'private', value: true }])).toMatch(/is closed/);
    expect(end('mD6', [{ label: 'keep-alive', value: false }, { label: 'private', value: false }])).toMatch(/is closed/);
  });
});
