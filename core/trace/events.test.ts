import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../examples/index';
import { runScenario } from '../run';
import { ENGINE_NAMES } from '../model/names';
import { EVENT_FIELDS, EVENT_SCHEMA, FIELD_TYPES, KIND_FIELDS, type TraceEvent } from './events';

/** Routing and HAProxy's own answers (route, answer, assign by use-server). */
const ROUTING = `frontend fe
    acl admin path_beg /admin
    http-request deny if admin
    use_backend api if { path_beg /api }
    default_backend web
backend api
    server a1 192.0.2.20:80
    server a2 192.0.2.21:80
    use-server a2 if { path_end .png }
backend web
    server w1 192.0.2.10:80
script
    open A h1
    A GET /admin
    A GET /api/x.png
    A GET /
    close A
`;

/** Where an event breaks the schema: a field its kind does not have, a required one missing, a value of the wrong type. */
function violations(e: TraceEvent): string[] {
  const out: string[] = [];
  const fields = KIND_FIELDS[e.kind];
  const allowed = new Set<string>(['seq', 't', 'kind', 'decision', 'line', ...fields.map((f) => f.name)]);
  for (const [k, v] of Object.entries(e)) if (v !== undefined && !allowed.has(k)) out.push(`${e.kind} has ${k}`);
  for (const f of fields) {
    const v = (e as unknown as Record<string, unknown>)[f.name];
    if (v === undefined) {
      if (!f.optional) out.push(`${e.kind} lacks ${f.name}`);
      continue;
    }
    const type = FIELD_TYPES[f.name];
    const ok = Array.isArray(type)
      ? type.includes(v as string)
      : type === 'int'
        ? Number.isInteger(v)
        : type === 'bool'
          ? typeof v === 'boolean'
          : type === 'conds'
            ? Array.isArray(v)
            : typeof v === 'string';
    if (!ok) out.push(`${e.kind}.${f.name} = ${JSON.stringify(v)}`);
  }
  return out;
}

describe('the trace schema', () => {
  it('lists every field once, in the order of FIELD_TYPES', () => {
    expect(EVENT_FIELDS.slice(0, 5)).toEqual(['seq', 't', 'kind', 'decision', 'line']);
    expect(new Set(EVENT_FIELDS).size).toBe(EVENT_FIELDS.length);
    for (const specs of Object.values(EVENT_SCHEMA)) for (const s of specs) expect(FIELD_TYPES).toHaveProperty(s.replace(/\?$/, ''));
  });

  it('describes every event the engines emit on the teaching and routing scenarios', () => {
    const bad = new Set<string>();
    const kinds = new Set<string>();
    for (const text of [...EXAMPLES.map((x) => x.text), ROUTING])
      for (const engine of ENGINE_NAMES)
        for (const e of runScenario(text, { engine }).trace) {
          kinds.add(e.kind);
          for (const v of violations(e)) bad.add(`${engine}: ${v}`);
        }
    expect([...bad]).toEqual([]);
    // The scenarios reach most kinds (the rest are rare: keep-old, swap... are covered by the oracle traces).
    expect(kinds.size).toBeGreaterThan(30);
    expect(kinds).toContain('route');
    expect(kinds).toContain('answer');
  });

  it('a field a kind does not have is reported', () => {
    const e = { seq: 0, t: 0, kind: 'session.end', decision: 'W', session: 'A', client: 'A', conn: 'c1' } as unknown as TraceEvent;
    expect(violations(e)).toEqual(['session.end has conn']);
  });
});
