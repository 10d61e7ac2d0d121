import { expect, it } from 'vitest';
import { runScenario } from '../run';

it('balance source hashes the `from` address: clients from one address share a server; without `from`, the name stands in', () => {
  const servers = (script: string) =>
    runScenario(`backend b\n  balance source\n  server s1 192.0.2.1:80\n  server s2 192.0.2.2:80\n  server s3 192.0.2.3:80\nscript\n${script}`)
      .report().requests.map((r) => r.server);
  const same = servers('  open A h1 from 203.0.113.7\n  open B h1 from 203.0.113.7\n  open C h1 from 203.0.113.7\n  A GET /\n  B GET /\n  C GET /\n');
  expect(new Set(same).size).toBe(1);
  const spread = servers(['1', '2', '3', '4', '5', '6'].map((n) => `  open C${n} h1 from 203.0.113.${n}\n  C${n} GET /\n`).join(''));
  expect(new Set(spread).size).toBeGreaterThan(1);
});
