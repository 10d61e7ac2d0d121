/**
 * A real HAProxy for one run: the configuration checked (`-c`), the process started in the
 * foreground (`-db`), ready when its HTTP/1 port accepts and the listener there is this HAProxy's,
 * and killed on every way out: a normal stop, an exception, Ctrl-C, SIGTERM or the process
 * exiting. Its temporary directory goes with it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const live = new Set<{ child: ChildProcess; dir: string }>();
let hooked = false;

/** Kills what is left; synchronous so it also works from the 'exit' event. */
function cleanupAll(): void {
  for (const h of live) {
    try { h.child.kill('SIGKILL'); } catch { /* already gone */ }
    rmSync(h.dir, { recursive: true, force: true });
  }
  live.clear();
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', cleanupAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(sig, () => {
      cleanupAll();
      process.exit(130);
    });
}

export class HaproxyError extends Error {}

/** HAProxy could not bind a port it was given: another process took it after freePort (try other ports). */
export class PortTakenError extends HaproxyError {}

/** `haproxy -v`'s first line, or an error when the binary cannot run. */
export function haproxyVersion(bin: string): string {
  const r = spawnSync(bin, ['-v'], { encoding: 'utf8', timeout: 5000 });
  if (r.error || r.status !== 0) throw new HaproxyError(`cannot run '${bin} -v': ${r.error?.message ?? r.stderr.trim()}`);
  const first = r.stdout.split('\n')[0]!.trim();
  const v = /version (\S+)/.exec(first);
  return v ? `HAProxy ${v[1]}` : first;
}

/** The build options `haproxy -vv` lists as on (`+OPENSSL` → OPENSSL), cached per binary. */
export function haproxyFeatures(bin: string): ReadonlySet<string> {
  let f = FEATURES.get(bin);
  if (!f) {
    const r = spawnSync(bin, ['-vv'], { encoding: 'utf8', timeout: 5000 });
    const line = /Feature list : (.*)/.exec(r.stdout ?? '')?.[1] ?? '';
    f = new Set(line.split(/\s+/).filter((w) => w.startsWith('+')).map((w) => w.slice(1)));
    FEATURES.set(bin, f);
  }
  return f;
}
const FEATURES = new Map<string, ReadonlySet<string>>();

/**
 * This process may set IP_TRANSPARENT (CAP_NET_ADMIN in its effective set, /proc/self/status):
 * what HAProxy, started from here, needs to bind a connection to the client's address (`usesrc`).
 */
export function mayBindTransparent(): boolean {
  try {
    const eff = /CapEff:\s*([0-9a-f]+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return eff !== undefined && (BigInt(`0x${eff}`) & (1n << 12n)) !== 0n;
  } catch {
    return false;
  }
}

/** A loopback port free now (the kernel's pick; released at once for HAProxy to bind). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((res, rej) => { s.once('error', rej); s.listen(0, '127.0.0.1', () => res()); });
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((res) => s.close(() => res()));
  return port;
}

export interface Running {
  /** Kills HAProxy (SIGKILL) and removes its directory. */
  stop(): void;
  /** Settles when the process is gone. */
  readonly gone: Promise<void>;
  /** Its temporary directory (haproxy.cfg). */
  readonly dir: string;
  /** What HAProxy wrote (warnings, alerts). */
  output(): string;
}

/** `onDeath`: HAProxy died on its own after it was ready (a crash), with how (`signal SIGSEGV`, `exit code 1`). */
export async function startHaproxy(bin: string, cfg: string, readyPort: number, limitMs = 5000, onDeath?: (how: string) => void): Promise<Running> {
  hook();
  const dir = mkdtempSync(join(tmpdir(), 'reuse-verify-'));
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, cfg);
  const check = spawnSync(bin, ['-c', '-f', file], { encoding: 'utf8', timeout: limitMs });
  if (check.error || check.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new HaproxyError(`haproxy rejected the configuration:\n${(check.stdout + check.stderr).trim() || check.error?.message}`);
  }
  const child = spawn(bin, ['-f', file, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const h = { child, dir };
  live.add(h);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  let exited = false;
  let ready = false;
  let markGone = () => {};
  const gone = new Promise<void>((res) => (markGone = res));
  child.on('exit', (code, signal) => {
    exited = true;
    markGone();
    if (ready && live.has(h)) onDeath?.(signal ? `signal ${signal}` : `exit code ${code}`);
  });
  const stop = () => {
    if (!live.has(h)) return;
    live.delete(h);
    try { child.kill('SIGKILL'); } catch { /* gone */ }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + limitMs;
  for (;;) {
    if (exited) {
      stop();
      if (/cannot bind socket/.test(out)) throw new PortTakenError(`haproxy could not bind its port:\n${out.trim()}`);
      throw new HaproxyError(`haproxy exited at start:\n${out.trim()}`);
    }
    // Whoever accepts must be this HAProxy: a port freePort found may have been taken since by
    // another process (two verify runs at once: one's clients then talked to the other's servers).
    // Read from /proc, not by connecting: a frontend in mode tcp would send a probe connection to a
    // server and move its round robin on. A connect is the fallback where /proc cannot be read.
    const held = child.pid !== undefined ? listensOn(child.pid, readyPort) : null;
    if (held === true || (held === null && (await accepts(readyPort)))) {
      ready = true;
      break;
    }
    if (Date.now() > deadline) {
      stop();
      throw new HaproxyError(`haproxy did not listen on 127.0.0.1:${readyPort} within ${limitMs} ms:\n${out.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  return { stop, gone, dir, output: () => out };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = connect({ port, host: '127.0.0.1' });
    const t = setTimeout(() => { s.destroy(); res(false); }, 200);
    s.once('connect', () => { clearTimeout(t); s.destroy(); res(true); });
    s.once('error', () => { clearTimeout(t); res(false); });
  });
}

/**
 * Whether process `pid` holds the socket listening on 127.0.0.1:`port` (Linux: /proc/net/tcp and the
 * process's descriptors); null where that cannot be read.
 */
export function listensOn(pid: number, port: number): boolean | null {
  try {
    const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
    const inodes = new Set<string>();
    for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // Fields: sl, local address, remote address, state (0A: listening), …, inode (10th).
      if (f[1] === local && f[3] === '0A' && f[9]) inodes.add(f[9]);
    }
    if (!inodes.size) return false;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      // The process is gone (it may have just failed to bind): it holds nothing.
      return false;
    }
    for (const fd of fds) {
      // A descriptor may close between the listing and its link (HAProxy opens and closes some
      // while it starts): it is skipped, not taken for "cannot tell" (which let a start whose
      // port another process held pass for ready).
      let link: string;
      try {
        link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m && inodes.has(m[1]!)) return true;
    }
    return false;
  } catch {
    return null;
  }
}
