/**
 * `engine modern 2.8`, C1 (d17dd848c): a frontend's `option httpclose` closes the client side only;
 * the server side follows the backend. The recordings in core/test/modern-28-real/ pin the
 * keep-alive case against the binary; these check the backend's other modes (each matched 2.8.0, 3.0.0
 * and 2.6.12 under `npm run verify` with the engine of its version, 2026-12-06, not recorded).
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';

const scenario = (version: string, beOption: string) => `engine modern${version}
frontend fe
    option httpclose
    default_backend be
backend be
    http-reuse always
${beOption}    server s1 192.0.2.1:80
script
    open A h1
    A GET /a1
    A GET /a2
`;

const run = (version: string, beOption = '') => {
  const { trace } = runScenario(scenario(version, beOption));
  return {
    opened: trace.filter((e) => e.kind === 'conn.new').length,
    clientCloses: trace.filter((e) => e.kind === 'client.close' && e.decision === 'T3').length,
    modes: trace.filter((e) => e.kind === 'mode' && e.decision === 'C1').map((e) => e.mode),
    notes: trace.filter((e) => e.kind === 'note' && e.decision === 'C1').length,
  };
};

describe('engine modern 2.8: frontend httpclose', () => {
  it('backend keep-alive: 2.8 keeps the server connection for the reconnected client, 2.6 closes it', () => {
    expect(run(' 2.8')).toEqual({ opened: 1, clientCloses: 2, modes: ['keep-alive', 'keep-alive'], notes: 2 });
    expect(run(' 3.0')).toEqual({ opened: 1, clientCloses: 2, modes: ['keep-alive', 'keep-alive'], notes: 2 });
    expect(run('')).toEqual({ opened: 2, clientCloses: 2, modes: ['close', 'close'], notes: 0 });
  });

  it('backend server-close: the server side still closes under 2.8, and so does the client side', () => {
    expect(run(' 2.8', '    option http-server-close\n')).toEqual({ opened: 2, clientCloses: 2, modes: ['server-close', 'server-close'], notes: 2 });
  });

  it('backend httpclose: both sides close, as in 2.6', () => {
    expect(run(' 2.8', '    option httpclose\n')).toEqual({ opened: 2, clientCloses: 2, modes: ['close', 'close'], notes: 0 });
  });
});
