/**
 * `backup` servers and `option allbackups` against Debian's HAProxy 2.6.12, where it is installed
 * (CI installs it): the servers the real run used are the engine's. Skipped when `haproxy` is absent.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { haproxyVersion } from './haproxy';
import { verifyText } from './verify-one';

const available = spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;

async function realServers(name: string): Promise<string[]> {
  const r = await verifyText(readFileSync(join(__dirname, 'scenarios', name), 'utf8'), name, {
    haproxy: 'haproxy', binary: haproxyVersion('haproxy'), scale: 1, limitMs: 3000, settleMs: 50, tieMs: 8,
  });
  expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
  return r.kind === 'compared' ? r.real.requests.map((q) => q.server ?? '') : [];
}

describe.runIf(available)('backup servers against haproxy', () => {
  it('a backup takes no request while an active server is usable', async () => {
    expect(new Set(await realServers('backup-servers.scenario'))).toEqual(new Set(['s1', 's2']));
  }, 30_000);
  it('with every active server disabled, option allbackups balances over all the backups', async () => {
    expect(await realServers('backup-allbackups.scenario')).toEqual(['b1', 'b2', 'b1', 'b2', 'b1', 'b2']);
  }, 30_000);
});
