/**
 * Starting HAProxy on ports freePort found: another process may have taken one since (two verify
 * runs at once did: one run's clients reached the other run's servers). Where Debian's haproxy is
 * installed (CI installs it).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { checkScenario } from '../../core/scenario/compile';
import { freePort, listensOn, PortTakenError, startHaproxy } from './haproxy';
import { haproxyCfg } from './haproxy-cfg';

const available = spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;

const listen = async (): Promise<{ server: Server; port: number }> => {
  const server = createServer();
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  return { server, port: (server.address() as { port: number }).port };
};

describe('the listener on a port', () => {
  it.runIf(process.platform === 'linux')('is told apart by process', async () => {
    const { server, port } = await listen();
    try {
      expect(listensOn(process.pid, port)).toBe(true);
      // The parent process of this test holds no socket on that port.
      expect(listensOn(process.ppid, port)).toBe(false);
    } finally {
      server.close();
    }
    expect(listensOn(process.pid, await freePort())).toBe(false);
  });
});

describe.runIf(available)('HAProxy on a port another process took', () => {
  it('fails as PortTakenError (verify then takes other ports), not "ready" because someone else accepts', async () => {
    const { server, port } = await listen();
    try {
      const c = checkScenario('backend be\n    server s1 127.0.0.1:8001\nscript\n    open A h1\n', { engine: 'modern' }).config!;
      const cfg = haproxyCfg(c, { h1: port, h2: await freePort(), servers: new Map([['s1', await freePort()]]) }, 1, 'test');
      expect(cfg).toContain('noreuseport');
      await expect(startHaproxy('haproxy', cfg, port, 5000)).rejects.toBeInstanceOf(PortTakenError);
    } finally {
      server.close();
    }
  });
});
