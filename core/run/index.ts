import type { EngineName } from '../scenario/ast';
import type { Diagnostic } from '../scenario/diagnostics';
import { checkScenario } from '../scenario/index';
import { lineIndex, positionAt } from '../scenario/positions';
import type { World } from '../model/world';
import type { Routing } from '../model/routing';
import { emptyWorld } from '../model/world';
import { Sim, type Algorithm, type LimitKind, type PackedOutput } from '../engines/runtime';
import { seed } from '../engines/seed';
import { parent } from '../engines/parent';
import { modern } from '../engines/modern';
import { modern28 } from '../engines/modern-28';
import { modern30 } from '../engines/modern-30';
import { modern32 } from '../engines/modern-32';
import { modern34 } from '../engines/modern-34';
import type { ModernVersion } from '../model/names';
import type { ServerConfig } from '../model/config';
import type { TraceEvent } from '../trace/events';
import type { Trace } from '../trace/trace';
import type { Meter } from '../sim/meter';
import { buildReport, totalsOf, type SimReport, type Totals } from './report';

/** The engines: the seed commit, its parent, and HAProxy 2.6 (checked against the 2.6.12 binary). */
export const ENGINES: Readonly<Record<EngineName, Algorithm>> = { seed, parent, modern };

/** The algorithm a run of `engine` follows; for modern, the release `version` names (`engine modern 3.0`; none: 2.6). */
export function algorithmOf(engine: EngineName, version?: ModernVersion): Algorithm {
  const v = engine === 'modern' ? version : undefined;
  return v === '3.4' ? modern34 : v === '3.2' ? modern32 : v === '3.0' ? modern30 : v === '2.8' ? modern28 : ENGINES[engine];
}

export interface RunOptions {
  /** Overrides the scenario's `engine` line. */
  readonly engine?: EngineName;
  /** Overrides the version of `engine modern VERSION` (the modern engine only). */
  readonly version?: ModernVersion;
  /** Runaway guard (default 2,000,000 events). */
  readonly maxEvents?: number;
  /** Runaway guard on virtual time (default 24 h). */
  readonly maxTimeUs?: number;
  /** Runaway guard on distinct clients (default 100,000). */
  readonly maxClients?: number;
  /** Stream events here instead of keeping the trace (large runs, `--summary`). */
  readonly sink?: (e: TraceEvent) => void;
  /** False: drop finished requests and closed connections as they end (totals stay exact). */
  readonly retain?: boolean;
  /**
   * Only totals are wanted (`--summary`): no trace is kept, the world records no request or stream,
   * and events are counted, not built (`events` still counts them; core/engines/writer/counting.ts).
   */
  readonly totalsOnly?: boolean;
  /** The trace packed for the page's worker, in chunks (core/engines/writer/packed.ts); the run's world is lean. */
  readonly packed?: PackedOutput;
  /**
   * With a `sink` whose reader rebuilds the world from the events (the page's worker): the run's
   * own world (`RunResult.world`) records no request or stream, which makes the run faster; the
   * events are the same.
   */
  readonly leanWorld?: boolean;
  /** The value of each parameter (a sweep point, scenario/params.ts); the others take their first value. */
  readonly values?: Readonly<Record<string, string>>;
  /** Gathers a sweep's metrics as the run goes (sim/meter.ts). */
  readonly meter?: Meter;
}

export interface RunResult {
  readonly diagnostics: Diagnostic[];
  /** No error diagnostics: the simulation ran. */
  readonly ok: boolean;
  readonly engine: EngineName;
  readonly commit: string;
  readonly servers: string[];
  /** The servers of each backend, in config order (the diagram groups them; absent from older callers). */
  readonly backends?: readonly BackendServers[];
  /** The events, read-only: an array for a run of this thread, a PackedTrace for one of the page's worker. */
  readonly trace: Trace;
  readonly world: World;
  readonly totals: Totals;
  /** Events simulated (the trace's length, unless a sink took them or the run was totals-only). */
  readonly events: number;
  /** When each executed script statement started (`seq`: index of the next event). */
  readonly steps: readonly { stmt: number; t: number; seq: number; line: number }[];
  /** Why the run stopped early, if it did. */
  readonly limitReached: LimitKind | null;
  /** The CLI's `--json` document (built on demand: it copies the trace). */
  report(): SimReport;
}

/** A run of this thread: its trace is an array of the events (empty when a sink took them). */
export type SyncRunResult = RunResult & { readonly trace: TraceEvent[] };

/** A backend's name and its servers' names. */
export interface BackendServers {
  readonly name: string;
  readonly servers: readonly string[];
  /** What sets a server apart in load balancing, by name: `backup`, `weight 3`, `disabled`, `maxconn 2`, `maxconn 20 (from minconn 2)` (absent: nothing). */
  readonly roles?: Readonly<Record<string, string>>;
  /** Each server's maxconn, by name, where it has one (modern engine: its queue). */
  readonly maxconn?: Readonly<Record<string, number>>;
  /** What a backend without servers is there for: `holds the stick table of one, two` (absent: nothing to say). */
  readonly note?: string;
  /** `mode tcp` (absent: HTTP). */
  readonly tcp?: boolean;
}

/** Each backend of a checked configuration with its servers, in config order. */
export function backendServers(config: {
  readonly backends: readonly { readonly name: string; readonly servers: readonly ServerConfig[]; readonly tcp?: boolean }[];
  readonly routing?: Pick<Routing, 'proxies'> | null;
}): BackendServers[] {
  const proxies = Object.values(config.routing?.proxies ?? {});
  // A backend without servers that holds a stick table: the proxies whose rules name it.
  const tableNote = (name: string): string | null => {
    if (!config.routing?.proxies[name]?.stickTable) return null;
    const users = proxies.filter((p) => p.sticking?.rules.some((r) => r.table === name)).map((p) => p.name);
    return users.length > 0 ? `holds the stick table of ${users.join(', ')}` : 'holds a stick table';
  };
  return config.backends.map((b) => {
    const note = b.servers.length === 0 ? tableNote(b.name) : null;
    const roles: Record<string, string> = {};
    for (const s of b.servers) {
      const r = [
        s.disabled ? 'disabled' : '', s.backup ? 'backup' : '', s.weight !== undefined && s.weight !== 1 ? `weight ${s.weight}` : '', s.maxconn ? `maxconn ${s.maxconn}${s.minconn !== undefined ? ` (from minconn ${s.minconn})` : ''}` : '',
      ].filter(Boolean).join(' · ');
      if (r) roles[s.name] = r;
    }
    const maxconn: Record<string, number> = {};
    for (const s of b.servers) if (s.maxconn) maxconn[s.name] = s.maxconn;
    return {
      name: b.name, servers: b.servers.map((s) => s.name), ...(Object.keys(roles).length > 0 ? { roles } : {}),
      ...(Object.keys(maxconn).length > 0 ? { maxconn } : {}),
      ...(note ? { note } : {}),
      ...(b.tcp ? { tcp: true } : {}),
    };
  });
}

export const DEFAULT_MAX_EVENTS = 2_000_000;
export const DEFAULT_MAX_TIME_US = 24 * 3600 * 1_000_000;
/** As many clients as the largest range (MAX_RANGE_SIZE): a script may hold one such group, not several. */
export const DEFAULT_MAX_CLIENTS = 100_000;

/** Parses, checks and simulates a scenario. Pure and deterministic; never throws on user input. */
export function runScenario(text: string, opts: RunOptions = {}): SyncRunResult {
  const checked = checkScenario(text, { ...(opts.engine ? { engine: opts.engine } : {}), ...(opts.version ? { version: opts.version } : {}), ...(opts.values ? { values: opts.values } : {}) });
  const diagnostics = checked.diagnostics;
  const engine: EngineName = opts.engine ?? checked.config?.engine ?? 'seed';
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  const algo = algorithmOf(engine, checked.config?.modernVersion);
  const servers = checked.config ? checked.config.backends.flatMap((b) => b.servers.map((s) => s.name)) : [];
  const backends = checked.config ? backendServers(checked.config) : [];
  if (hasErrors || !checked.config) {
    const world = emptyWorld(servers);
    return {
      diagnostics, ok: false, engine, commit: algo.commit, servers, backends, trace: [], world,
      totals: totalsOf(world), events: 0, steps: [], limitReached: null, report: () => buildReport(engine, algo.commit, world, []),
    };
  }
  const index = lineIndex(text);
  const lines = (offset: number) => positionAt(index, offset).line;
  const sim = new Sim({ ...checked.config, engine }, algo, checked.plan, {
    maxEvents: opts.maxEvents ?? DEFAULT_MAX_EVENTS,
    maxTimeUs: opts.maxTimeUs ?? DEFAULT_MAX_TIME_US,
    maxClients: opts.maxClients ?? DEFAULT_MAX_CLIENTS,
    sink: opts.sink,
    retain: opts.retain,
    totalsOnly: opts.totalsOnly,
    leanWorld: opts.leanWorld,
    packed: opts.packed,
    meter: opts.meter,
    lineOf: lines,
  }).run();
  return {
    diagnostics, ok: true, engine, commit: algo.commit, servers, backends, trace: sim.trace, world: sim.world,
    totals: totalsOf(sim.world), events: sim.events, steps: sim.steps, limitReached: sim.limitReached,
    report: () => buildReport(engine, algo.commit, sim.world, sim.trace),
  };
}

