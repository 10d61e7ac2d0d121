/**
 * One scenario against one real HAProxy: emulated servers up, haproxy.cfg written, HAProxy
 * started, the script played, the record taken, everything torn down (whatever happens).
 */
import type { SimConfig } from '../../core/model/config';
import type { Statement } from '../../core/scenario/ast';
import type { RealTrace } from '../../core/verify/real-trace';
import { haproxyCfg, targetsOf } from './haproxy-cfg';
import { freePort, PortTakenError, startHaproxy } from './haproxy';
import { Player } from './play';
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
}

export async function realRun(config: SimConfig, plan: readonly Statement[], o: RealRunOptions): Promise<RealTrace> {
  const rec = new Recorder(o.scale);
  // The player's waits and the servers' timers on one schedule (./schedule.ts).
  const schedule = new Schedule(() => rec.now(), o.scale);
  const servers = new Map<string, EmulatedServer>();
  let haproxy: { stop(): void } | null = null;
  let player: Player | null = null;
  try {
    const ports = new Map<string, number>();
    for (const { server } of targetsOf(config)) {
      const s = new EmulatedServer(server, rec, o.scale, schedule);
      servers.set(server.name, s);
      ports.set(server.name, await s.listen());
    }
    let crashed: { at: number; how: string } | null = null;
    // A free port may be taken by another process before HAProxy binds it: then other ports.
    let h1 = 0, h2 = 0, cfg = '';
    for (let attempt = 1; ; attempt++) {
      h1 = await freePort();
      h2 = await freePort();
      cfg = haproxyCfg(config, { h1, h2, servers: ports }, o.scale, o.title, namesServers(plan));
      try {
        haproxy = await startHaproxy(o.haproxy, cfg, h1, 5000, (how) => (crashed = { at: rec.now(), how }));
        break;
      } catch (e) {
        if (!(e instanceof PortTakenError) || attempt === 3) throw e;
      }
    }
    player = new Player({ h1Port: h1, h2Port: h2, servers, rec, scale: o.scale, limitMs: o.limitMs, schedule });
    const end = await player.play(plan);
    await new Promise((r) => setTimeout(r, o.settleMs));
    return { ...rec.trace({ binary: o.binary, engine: config.engine, config: cfg, end }), crashed };
  } finally {
    // The record is taken: now stop HAProxy first, so that closing the clients changes nothing in it.
    haproxy?.stop();
    await player?.close();
    for (const s of servers.values()) await s.stop();
  }
}

/** Some request of the script names its server (`to SERVER`). */
function namesServers(stmts: readonly Statement[]): boolean {
  return stmts.some((s) => (s.kind === 'request' && s.to !== null) || (s.kind === 'repeat' && namesServers(s.body)));
}
