/** The command line with a routing configuration: every request's backend, and answeredBy when HAProxy answered. */
import { expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

it('--json gives each request its backend, and answeredBy for HAProxy\'s own answers', () => {
  const input = `frontend fe
    acl api hdr(host) -i api.example.com
    http-request deny if { path_beg /admin }
    stats uri /stats
    use_backend be_api if api
    default_backend be_web
backend be_api
    server a 192.0.2.1:80
backend be_web
    server w 192.0.2.2:80
script
    open A h1
    A GET / host api.example.com
    A GET / host www.example.com
    A GET /stats
    A POST /admin/x
`;
  const r = spawnSync(process.execPath, ['scripts/run-bundled.mjs', 'scripts/sim.ts', '-', '--json'], { cwd: root, encoding: 'utf8', input, env: { ...process.env, INIT_CWD: root } });
  expect(r.status).toBe(0);
  const doc = JSON.parse(r.stdout) as { requests: { method: string; path: string; backend?: string; answeredBy?: string; status: number; server: string | null }[] };
  expect(doc.requests.map((q) => [q.method, q.path, q.backend ?? null, q.answeredBy ?? null, q.status, q.server])).toEqual([
    ['GET', '/', 'be_api', null, 200, 'a'],
    ['GET', '/', 'be_web', null, 200, 'w'],
    ['GET', '/stats', null, 'stats', 200, null],
    ['POST', '/admin/x', null, 'http-request deny', 403, null],
  ]);
});
