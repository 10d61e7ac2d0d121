import { describe, expect, it } from 'vitest';
import { clientIdleUs } from './client-idle';

const T = (client: number, httpKeepAlive: number, httpRequest: number) => ({ client, httpKeepAlive, httpRequest });

describe('how long an idle client connection waits, per release (docs/versions.md)', () => {
  it('h1: 2.6 and 2.8 take the earlier of the idle wait and timeout client; 3.0 the idle wait alone', () => {
    expect(clientIdleUs('2.6', 'h1', false, T(300, 900, 0))).toBe(300);
    expect(clientIdleUs('3.0', 'h1', false, T(300, 900, 0))).toBe(900);
    expect(clientIdleUs('3.2', 'h1', false, T(300, 900, 0))).toBe(900);
    // Before the first request: http-request (keep-alive does not apply yet).
    expect(clientIdleUs('3.0', 'h1', true, T(300, 900, 700))).toBe(700);
    expect(clientIdleUs('2.6', 'h1', true, T(300, 900, 0))).toBe(300);
  });
  it('h1 without timeout client: no timer at all until 3.0; 3.2 applies the idle wait', () => {
    for (const rule of ['2.6', '3.0'] as const) expect(clientIdleUs(rule, 'h1', false, T(0, 300, 0))).toBe(0);
    expect(clientIdleUs('3.2', 'h1', false, T(0, 300, 0))).toBe(300);
    expect(clientIdleUs('3.2', 'h1', false, T(0, 0, 0))).toBe(0);
    // 1.9 (seed, parent) applies it, as before.
    expect(clientIdleUs('1.9', 'h1', false, T(0, 300, 0))).toBe(300);
  });
  it('h2: the idle wait alone (keep-alive, else http-request), else timeout client; none without timeout client; 1.9 timeout client', () => {
    for (const rule of ['2.6', '3.0', '3.2'] as const) {
      expect(clientIdleUs(rule, 'h2', false, T(5000, 300, 0))).toBe(300);
      expect(clientIdleUs(rule, 'h2', false, T(5000, 0, 700))).toBe(700);
      expect(clientIdleUs(rule, 'h2', false, T(5000, 0, 0))).toBe(5000);
      expect(clientIdleUs(rule, 'h2', true, T(5000, 300, 0))).toBe(5000);
      expect(clientIdleUs(rule, 'h2', false, T(0, 300, 0))).toBe(0);
    }
    expect(clientIdleUs('1.9', 'h2', false, T(5000, 300, 0))).toBe(5000);
  });
});
