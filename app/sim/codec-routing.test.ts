import { expect, it } from 'vitest';
import { eventJson, runScenario } from '../../core';
import { TraceDecoder, TraceEncoder } from './codec';

it('route and answer events (backend, rule, answeredBy) cross the worker boundary unchanged', () => {
  const run = runScenario(`frontend fe
    http-request deny if { path_beg /admin }
    use_backend api if { hdr(host) -i api.example.com }
    default_backend web
backend api
    server a 192.0.2.1:80
backend web
    server w 192.0.2.2:80
script
    open A h2
    A GET / host api.example.com
    A GET /admin
    A GET /
`);
  const routed = run.trace.filter((e) => e.kind === 'route' || e.kind === 'answer');
  expect(routed.map((e) => [e.kind, e.decision, e.backend ?? e.answeredBy, e.rule])).toEqual([
    ['route', 'B1', 'api', 3], ['answer', 'H2', 'http-request deny', 2], ['route', 'B2', 'web', 4],
  ]);
  const out = new TraceDecoder().decode(new TraceEncoder().encode(run.trace));
  expect(out).toEqual(run.trace);
  expect(JSON.stringify(out.map(eventJson))).toBe(JSON.stringify(run.trace.map(eventJson)));
});
