/**
 * Fuzzing to zero crashes (issue 5): random and mutated scenario texts through the
 * parser and every engine. Nothing may throw; every diagnostic is located inside the
 * text; when a text is valid the simulation runs with the invariants checked after
 * every event and stops within its caps. FUZZ_RUNS sets the number of texts
 * (default 100,000; split over the engines).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario } from '../run';
import { checkWorld, type Engine } from './invariants';
import { applyEvent, emptyWorld } from '../model/world';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100_000);
const dir = import.meta.dirname;
const corpus = [
  ...readdirSync(join(dir, '../examples')).filter((f) => f.endsWith('.scenario')).map((f) => readFileSync(join(dir, '../examples', f), 'utf8')),
  ...readdirSync(join(dir, 'oracle')).filter((f) => f.endsWith('.scenario')).map((f) => readFileSync(join(dir, 'oracle', f), 'utf8')),
  ...readdirSync(join(dir, 'reg-tests')).filter((f) => f.endsWith('.scenario')).map((f) => readFileSync(join(dir, 'reg-tests', f), 'utf8')),
];
const WORDS = ['open', 'close', 'GET', '->', '401', 'ntlm', 'to', 'X', 'Y', 'A', 'B', '&', 'takes', '5ms', 'wait', 'await', 'repeat', '3', '{', '}',
  'web[1..3]', 'web[*]', 'h1', 'h2', 'idle', 'all', 'http-reuse', 'always', 'never', 'server', 'backend', 'script', 'servers', 'close-after', '#', '\n', '    ',
  'maxconn', '1', 'global', 'defaults', 'bind :80 maxconn 1', 'engine modern 3.2'];

/** A mutation of a valid text: characters, words and lines inserted, deleted, swapped, duplicated. */
const mutated = fc.tuple(fc.constantFrom(...corpus), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...WORDS), fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 6 })).map(([text, ops]) => {
  let t = text;
  for (const [a, b, w, kind] of ops) {
    const i = t.length ? a % t.length : 0;
    const j = t.length ? b % t.length : 0;
    const lines = t.split('\n');
    switch (kind) {
      case 0: t = t.slice(0, i) + w + t.slice(i); break;
      case 1: t = t.slice(0, Math.min(i, j)) + t.slice(Math.max(i, j)); break;
      case 2: t = t.slice(0, i) + String.fromCharCode(32 + (b % 95)) + t.slice(i + 1); break;
      case 3: { const x = a % lines.length, y = b % lines.length; [lines[x], lines[y]] = [lines[y]!, lines[x]!]; t = lines.join('\n'); break; }
      case 4: { const x = a % lines.length; lines.splice(x, 0, lines[x]!); t = lines.join('\n'); break; }
      default: t = t.slice(0, i) + (b % 2 ? '\u00e9\u{1F600}\t\r' : '{{{') + t.slice(i);
    }
  }
  return t;
});
const random = fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }).map((ws) => ws.join(' ')));

let valid = 0;

function fuzzOne(text: string, engine: Engine): void {
  const res = runScenario(text, { engine, maxEvents: 5000, maxTimeUs: 3600e6 });
  for (const d of res.diagnostics) {
    expect(d.span.from).toBeGreaterThanOrEqual(0);
    expect(d.span.to).toBeLessThanOrEqual(text.length);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.message.length).toBeGreaterThan(0);
  }
  expect(res.ok).toBe(!res.diagnostics.some((d) => d.severity === 'error'));
  if (!res.ok) return;
  valid++;
  // Replay the trace, checking the invariants after every event.
  const w = emptyWorld(res.servers);
  const closed = new Set<string>();
  for (const e of res.trace) {
    applyEvent(w, e);
    const v = checkWorld(w, e, engine, closed);
    if (v) expect.fail(`after #${e.seq} ${e.kind} [${e.decision}]: ${v}\n--- scenario ---\n${text}`);
  }
}

describe('fuzzing the parser and the engines', () => {
  for (const engine of ['seed', 'parent', 'modern'] as const) {
    it(`${engine}: random and mutated texts never throw, errors are located, invariants hold`, () => {
      fc.assert(fc.property(fc.oneof({ weight: 3, arbitrary: mutated }, { weight: 1, arbitrary: random }), (t) => fuzzOne(t, engine)), {
        numRuns: Math.ceil(RUNS / 3),
      });
      // The mutations must keep a fair share of texts valid, or the engines are not exercised.
      expect(valid).toBeGreaterThan(RUNS / 3 / 10);
      valid = 0;
    }, 600_000);
  }
});
