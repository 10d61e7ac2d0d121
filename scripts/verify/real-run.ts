/**
 * One scenario against one real HAProxy: emulated servers up, haproxy.cfg written, HAProxy
 * started, the script played, the record taken, everything torn down (whatever happens).
 */
import type { SimConfig } from '../../core/model/config';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScenarioAst, Statement } from '../../core/scenario/ast';
import type { RealTrace } from '../../core/verify/real-trace';
import { haproxyCfg, targetsOf } from './haproxy-cfg';
import { freePort, PortTakenError, startHaproxy } from './haproxy';
import { Player } from './play';
import { bindSlots, namesServers, slotFor, verbatimCfg, type SlotPorts } from './verbatim-cfg';
import { Recorder } from './recorder';
import { Schedule } from './schedule';
import { EmulatedServer } from './servers';

export interface RealRunOptions {
  readonly haproxy: string;
  readonly binary: string;
  /** Real ms per virtual ms. */
  readonly scale: number;
  /** Real ms a request may take before verify gives up on it. */
  readonly limitMs: number;
  /** Real ms to wait after the script for closes that end it (a tie's width). */
  readonly settleMs: number;
  readonly title: string;
  /** Write the scenario's own configuration (verbatim-cfg.ts) instead of the one derived from SimConfig. */
  readonly verbatim?: { readonly ast: ScenarioAst; readonly text: string };
}

export async function realRun(config: SimConfig, plan: readonly Statement[], o: RealRunOptions): Promise<RealTrace> {
  const rec = new Recorder(o.scale);
  // The player's waits and the servers' timers on one schedule (./schedule.ts).
  const schedule = new Schedule(() => rec.now(), o.scale);
  const servers = new Map<string, EmulatedServer>();
  let haproxy: { stop(): void } | null = null;
  let player: Player | null = null;
  let filesDir: string | null = null;
  try {
    const ports = new Map<string, number>();
    const checks = new Map<string, number>();
    for (const { server } of targetsOf(config)) {
      const s = new EmulatedServer(server, rec, o.scale, schedule);
      servers.set(server.name, s);
      ports.set(server.name, await s.listen());
      if (s.checkPort) checks.set(server.name, s.checkPort);
    }
    let crashed: { at: number; how: string } | null = null;
    const files = new Map<string, string>();
    if (o.verbatim?.ast.files?.length) {
      filesDir = mkdtempSync(join(tmpdir(), 'reuse-verify-files-'));
      o.verbatim.ast.files.forEach((f, i) => {
        const real = join(filesDir!, `file${i + 1}`);
        writeFileSync(real, f.lines.map((l) => l.text).join('\n') + '\n');
        files.set(f.path.text, real);
      });
    }
    const slots = o.verbatim ? bindSlots(o.verbatim.ast, o.verbatim.text) : [];
    // A free port may be taken by another process before HAProxy binds it: then other ports.
    let h1 = 0, h2 = 0, cfg = '';
    let binds = new Map<string, SlotPorts>();
    for (let attempt = 1; ; attempt++) {
      h1 = await freePort();
      h2 = await freePort();
      if (o.verbatim) {
        binds = new Map();
        for (const s of slots) binds.set(s.key, { h1: await freePort(), h2: await freePort() });
        cfg = verbatimCfg({ ...o.verbatim, config }, { binds, servers: ports, checks, files }, o.scale, o.title, namesServers(plan));
        // HAProxy is ready when the first listener is its own (the others are bound before it starts serving).
        const first = binds.values().next().value;
        if (first) h1 = first.h1;
      } else cfg = haproxyCfg(config, { h1, h2, servers: ports, checks }, o.scale, o.title, namesServers(plan));
      try {
        haproxy = await startHaproxy(o.haproxy, cfg, h1, 5000, (how) => (crashed = { at: rec.now(), how }));
        break;
      } catch (e) {
        if (!(e instanceof PortTakenError) || attempt === 3) throw e;
      }
    }
    const entry = o.verbatim
      ? { portFor: (st: Extract<Statement, { kind: 'open' }>, proto: 'h1' | 'h2') => {
          const slot = slotFor(config.routing, slots, st);
          const p = slot ? binds.get(slot.key) : undefined;
          return p ? (proto === 'h1' ? p.h1 : p.h2) : h1;
        } }
      : undefined;
    player = new Player({ h1Port: h1, h2Port: h2, servers, rec, scale: o.scale, limitMs: o.limitMs, schedule, ...(entry ? { entry } : {}) });
    // The engine's first health check is at the script's 0: the script starts on a check of the
    // first checked server, so that HAProxy's checks (started with the process) keep the engine's phases.
    await checkPhase(config, servers, o.scale);
    // The servers' `refuse FROM..TO` windows count from the script's start, as the engine's clock.
    for (const s of servers.values()) s.startWindows();
    const end = await player.play(plan);
    await new Promise((r) => setTimeout(r, o.settleMs));
    return { ...rec.trace({ binary: o.binary, engine: config.engine, config: cfg, end }), crashed };
  } finally {
    // The record is taken: now stop HAProxy first, so that closing the clients changes nothing in it.
    haproxy?.stop();
    await player?.close();
    for (const s of servers.values()) await s.stop();
    if (filesDir) rmSync(filesDir, { recursive: true, force: true });
  }
}

/**
 * Waits for the next health check of the configuration's first checked server (start_checks spreads
 * the others from it), bounded by two intervals and a second; at once when no server is checked, or
 * when the first refuses every connection (its checks are never seen).
 */
async function checkPhase(config: SimConfig, servers: ReadonlyMap<string, EmulatedServer>, scale: number): Promise<void> {
  const first = config.backends.flatMap((b) => b.servers).find((s) => s.check && !s.disabled);
  const server = first ? servers.get(first.name) : undefined;
  if (!first?.check || first.refuse || !server) return;
  await new Promise<void>((res) => {
    const t = setTimeout(() => {
      server.onCheck = null;
      res();
    }, (first.check!.interUs / 1000) * scale * 2 + 1000);
    server.onCheck = () => {
      clearTimeout(t);
      server.onCheck = null;
      res();
    };
  });
}
