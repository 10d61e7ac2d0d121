import { expect, test } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

/**
 * Story: a configuration with several frontends (http redirecting to https, https with an ssl
 * bind, a stats frontend on its own port). Each client enters the frontend of the bind it
 * connects to; the log and the why panel say which frontend took each request.
 */
const SCENARIO = `engine modern
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s

frontend http
    bind :80
    http-request redirect scheme https code 301 unless { path_beg /.well-known/ }
    use_backend acme if { path_beg /.well-known/ }

frontend https
    bind :443 ssl crt /etc/haproxy/site.pem
    use_backend api if { path_beg /api }
    default_backend web

frontend stats
    bind :8404
    stats enable
    stats uri /stats

backend acme
    server acme1 192.0.2.5:80
backend api
    server api1 192.0.2.10:80
backend web
    server web1 192.0.2.20:80

script
    open A h1
    open B h2 tls sni www.example.com
    open C h1 to :8404
    A GET /login
    A GET /.well-known/acme-challenge/t
    B GET /api/orders
    B GET /
    C GET /stats
`;

test('each client enters the frontend of its bind, and the why panel names it', async ({ page }) => {
  const pg = new PlaygroundPage(page);
  await pg.open({ scenario: SCENARIO });
  const taken = () =>
    pg.state<string[] | null>(`(s) => s.sim.result && s.sim.result.trace
      .filter((e) => e.kind === 'route' || e.kind === 'answer')
      .map((e) => e.frontend + ' ' + (e.backend ?? e.answeredBy))`);
  await expect.poll(taken, { timeout: 15_000 }).toEqual(['http http-request redirect', 'http acme', 'https api', 'https web', 'stats stats']);
  const i = await pg.state<number>(`(s) => s.sim.result.trace.findIndex((e) => e.kind === 'route' && e.backend === 'api')`);
  await page.evaluate((n) => (window as unknown as { __playground: { seek(i: number): void } }).__playground.seek(n), i);
  await expect(page.getByTestId('why-what')).toContainText('(frontend https) goes to backend api');
  await expect(page.getByTestId('why-rule')).toContainText('Chosen by config line 15: use_backend api if { path_beg /api }');
  await pg.screenshot('frontends-https');
});
