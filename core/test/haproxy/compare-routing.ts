/**
 * Routing of a scenario compared with the real binary's, request by request: the same
 * configuration run by the simulation (documentation addresses) and by HAProxy on loopback
 * (harness.ts); the status and the server that answered (or HAProxy itself) must agree.
 */
import { expect } from 'vitest';
import { runScenario } from '../../run';
import type { RealHaproxy, RealRequest } from './harness';

export const DEFAULTS = `defaults
    mode http
    timeout connect 5s
    timeout client 5s
    timeout server 5s
`;

export interface Case extends RealRequest {
  readonly host: string;
}

/** The scenario for the simulation: the same configuration with documentation addresses, and one request per case. */
export function scenario(cfg: string, servers: readonly string[], cases: readonly Case[]): string {
  let text = cfg.replace(/@FRONTEND@/g, '*:80');
  servers.forEach((s, i) => (text = text.replaceAll(`@${s}@`, `192.0.2.${10 + i}:80`)));
  const lines = cases.map((c) => {
    const hs = Object.entries(c.headers ?? {}).map(([k, v]) => ` header "${k}: ${v}"`).join('');
    return `    A ${c.method} ${c.path} host ${c.host}${hs}`;
  });
  return `engine modern\n${text}\nscript\n    open A h1 from 127.0.0.1\n${lines.join('\n')}\n`;
}

export async function compare(cfg: string, servers: readonly string[], cases: readonly Case[], real: RealHaproxy) {
  const res = runScenario(scenario(cfg, servers, cases));
  expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const sim = res.report().requests.map((r) => ({ status: r.status, server: r.answeredBy ? null : r.server }));
  const got = [];
  for (const c of cases) {
    const r = await real.send({ method: c.method, path: c.path, headers: { host: c.host, ...(c.headers ?? {}) } });
    got.push({ status: r.status, server: r.server });
  }
  // Side by side with the request, so a difference says which request it is.
  const label = (i: number) => `${cases[i]!.method} ${cases[i]!.path} host ${cases[i]!.host}`;
  expect(sim.map((s, i) => [label(i), s])).toEqual(got.map((g, i) => [label(i), g]));
}
