/**
 * Real HAProxy on loopback as ground truth for routing: tiny HTTP servers that tag each
 * response with their name (`x-served-by`), haproxy started on a configuration whose server
 * addresses are replaced by theirs, and requests sent with node's http client. Every wait is
 * bounded; `haproxyAvailable()` says whether the binary exists (tests skip otherwise).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, createServer, request as httpRequest, type Server } from 'node:http';
import { connect, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function haproxyAvailable(): boolean {
  const r = spawnSync('haproxy', ['-v'], { encoding: 'utf8', timeout: 5000 });
  return r.status === 0 && /HAProxy version/.test(r.stdout);
}

export interface RealResponse {
  /** 0: the connection was closed without a response (`http-request reject`). */
  readonly status: number;
  /** The server that answered, or null when HAProxy answered itself. */
  readonly server: string | null;
  readonly location: string | null;
  /** What the server received: method, URI and raw headers (name, value, name, value…), when a server answered. */
  readonly seen?: { readonly method: string; readonly uri: string; readonly headers: readonly string[] };
}

export interface RealRequest {
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startBackend(name: string): Promise<{ server: Server; port: number }> {
  // `x-delay-ms: N` (at most 3 s) holds the response, for a server slower than a timeout.
  const server = createServer((req, res) => {
    req.resume();
    const delay = Math.min(3000, Math.max(0, Number(req.headers['x-delay-ms'] ?? 0) || 0));
    setTimeout(() => {
      res.setHeader('x-served-by', name);
      // What reached the server, for the rewriting rules' tests: its method, URI and headers.
      res.setHeader('x-seen', JSON.stringify({ method: req.method, uri: req.url, headers: req.rawHeaders }));
      res.end(name);
    }, delay);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

async function waitForPort(port: number, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (let attempt = 0; attempt < 200; attempt++) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`haproxy did not listen on 127.0.0.1:${port} within ${deadlineMs} ms`);
}

export interface RealHaproxy {
  /** Sends to the frontend bound at `@FRONTEND@` (1) or `@FRONTEND2@`, `@FRONTEND3@` … */
  send(r: RealRequest, frontend?: number): Promise<RealResponse>;
  /** Sends the requests one after the other on one keep-alive connection; `reused`: it was still open. */
  sendKeepAlive(rs: readonly RealRequest[]): Promise<(RealResponse & { reused: boolean })[]>;
  stop(): Promise<void>;
  /** The listening ports: `@FRONTEND@` first, then `@FRONTEND2@` … */
  readonly ports: readonly number[];
}

/**
 * Starts the backends named in `servers` and haproxy on `cfg`, where `@FRONTEND@` is replaced by
 * the listening address and `@NAME@` by the address of server NAME. `files` (name → content) are
 * written in the run's directory, which `@FILES@` in `cfg` names.
 */
export async function startHaproxy(cfg: string, servers: readonly string[], files: Readonly<Record<string, string>> = {}): Promise<RealHaproxy> {
  const backends = new Map<string, { server: Server; port: number }>();
  for (const s of servers) backends.set(s, await startBackend(s));
  const port = await freePort();
  const ports = [port];
  let text = cfg.replace(/@FRONTEND@/g, `127.0.0.1:${port}`);
  for (let n = 2; text.includes(`@FRONTEND${n}@`); n++) {
    const p = await freePort();
    ports.push(p);
    text = text.replaceAll(`@FRONTEND${n}@`, `127.0.0.1:${p}`);
  }
  for (const [name, b] of backends) text = text.replaceAll(`@${name}@`, `127.0.0.1:${b.port}`);
  const dir = mkdtempSync(join(tmpdir(), 'haproxy-routing-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  text = text.replaceAll('@FILES@', dir);
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, text);
  const proc: ChildProcess = spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const stopAll = async () => {
    proc.kill('SIGTERM');
    await Promise.race([new Promise((r) => proc.once('exit', r)), new Promise((r) => setTimeout(r, 3000))]);
    if (proc.exitCode === null) proc.kill('SIGKILL');
    for (const b of backends.values()) await new Promise((r) => b.server.close(r));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const p of ports) await waitForPort(p, 5000);
  } catch (e) {
    await stopAll();
    throw new Error(`${String(e)}\n${stderr}`);
  }
  return {
    send: (r, frontend = 1) =>
      new Promise<RealResponse>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port: ports[frontend - 1], method: r.method, path: r.path, headers: { connection: 'close', ...(r.headers ?? {}) }, timeout: 5000, agent: false }, (res) => {
          res.resume();
          res.on('end', () => {
            const by = res.headers['x-served-by'];
            const seen = res.headers['x-seen'];
            resolve({
              status: res.statusCode ?? 0, server: typeof by === 'string' ? by : null, location: (res.headers.location as string | undefined) ?? null,
              ...(typeof seen === 'string' ? { seen: JSON.parse(seen) } : {}),
            });
          });
        });
        req.on('timeout', () => req.destroy(new Error('request timed out')));
        // Closed by HAProxy before any response byte: no status.
        req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' ? resolve({ status: 0, server: null, location: null }) : reject(e)));
        req.end();
      }),
    sendKeepAlive: async (rs) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const out: (RealResponse & { reused: boolean })[] = [];
      try {
        for (const r of rs) {
          out.push(
            await new Promise((resolve, reject) => {
              const req = httpRequest({ host: '127.0.0.1', port, method: r.method, path: r.path, headers: r.headers ?? {}, timeout: 5000, agent }, (res) => {
                res.resume();
                res.on('end', () => {
                  const by = res.headers['x-served-by'];
                  resolve({ status: res.statusCode ?? 0, server: typeof by === 'string' ? by : null, location: null, reused: req.reusedSocket });
                });
              });
              req.on('timeout', () => req.destroy(new Error('request timed out')));
              req.on('error', reject);
              req.end();
            }),
          );
        }
      } finally {
        agent.destroy();
      }
      return out;
    },
    stop: stopAll,
    ports,
  };
}

/** Runs `use` against HAProxy started on `cfg` (see startHaproxy), and stops it whatever happens. */
export async function withHaproxy<T>(cfg: string, servers: readonly string[], use: (real: RealHaproxy) => Promise<T>, files: Readonly<Record<string, string>> = {}): Promise<T> {
  const real = await startHaproxy(cfg, servers, files);
  try {
    return await use(real);
  } finally {
    await real.stop();
  }
}
