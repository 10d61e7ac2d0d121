import { describe, expect, it } from 'vitest';
import { COMMITS } from '../../core';
import { decisionDoc } from './scenarioLanguage';

/** The editor's hover on a decision id follows the scenario's engine line. */
describe('decisionDoc', () => {
  const body = 'backend be\n    server s1 192.0.2.1:80\n';
  it('cites and explains a shared rule at the engine the scenario names', () => {
    const seed = decisionDoc('T2', body)!;
    expect(seed).toContain(`/blob/${COMMITS.seed}/src/proto_http.c#L1044-L1050`);
    expect(seed).toMatch(/At the seed this no longer touches the server connection/);

    const parent = decisionDoc('C2', `engine parent\n${body}`)!;
    expect(parent).toContain(`(https://github.com/haproxy/haproxy/blob/${COMMITS.parent}/src/proto_http.c#L5107-L5114)`);
    expect(parent).toContain('@ 131fd89d5');
    expect(decisionDoc('T2', `engine parent\n${body}`)).toMatch(/destroyed with it/);

    const modern = decisionDoc('T1', `# a comment first\nengine modern\n${body}`)!;
    expect(modern).toContain(`/blob/${COMMITS.modern}/src/mux_h2.c#L1602-L1639`);
    expect(modern).toMatch(/counts as a subsequent one/);
    expect(decisionDoc('T1', `engine modern 3.0\n${body}`)).toContain(`/blob/${COMMITS.modern30}/src/mux_h2.c#L1657-L1709`);
  });

  it('a rule with no place at the engine says so instead of linking another commit', () => {
    const doc = decisionDoc('R4', `engine modern\n${body}`)!;
    expect(doc).not.toContain('github.com');
    expect(doc).toMatch(/No place in HAProxy 2\.6/);
  });
});
