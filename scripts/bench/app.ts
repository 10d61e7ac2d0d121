// App figures of `npm run bench` (spawned by scripts/bench.ts when dist/ exists): Playwright in
// Debian's Chromium against the production build, served by a tiny static server. Prints
// figures only; nothing here is asserted anywhere.
import { gzipSync } from 'node:zlib';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { chromium, type Page } from '@playwright/test';
import { serveStatic } from './serve';

const DIST = process.env.BENCH_DIST ?? 'dist';
const PORT = Number(process.env.BENCH_PORT ?? 4391);
const line = (k: string, v: string) => console.log(`${k.padEnd(58)} ${v}`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

const group = (clients: number, rounds: number, extra = '') =>
  [
    'backend be',
    '    http-reuse always',
    '    server s1 192.0.2.10:80',
    '    server s2 192.0.2.11:80',
    'script',
    `    open web[1..${clients}] h1`,
    `    repeat ${rounds} {`,
    `        web[*] GET /${extra}`,
    '    }',
    '    close web[*]',
    '',
  ].join('\n');

/** 1,000 requests (10 clients × 100), with a comment line to type into. */
const THOUSAND = `# typing here re-runs the scenario\n${group(10, 100)}`;
/** About 100,000 events: 500 clients × 16 requests. */
const HUNDRED_K = group(500, 16);
/** The load example with 10,000 HTTP/1 clients. */
const TEN_K = readFileSync('core/examples/load-h1-10k-always.scenario', 'utf8');
/** 500 connections open all the time: 500 clients, requests of 200 ms. */
const LIVE_500 = group(500, 10, ' takes 200ms');
/** 5,000 connections open all the time (issue 15 point 6): 5,000 clients, requests of 200 ms. */
const LIVE_5000 = group(5000, 6, ' takes 200ms');
/** The 10,000-client example with 8 rounds: ~1,000,000 events (the scrub target's size). */
const MILLION_EVENTS = TEN_K.replace(/repeat 2 \{/, 'repeat 8 {');

async function open(page: Page): Promise<void> {
  // tsx (esbuild, keepNames) wraps named functions of page.evaluate callbacks in __name().
  await page.addInitScript('window.__name = (f) => f');
  await page.addInitScript(() => {
    localStorage.clear();
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30_000 });
}

async function setScenario(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => window.__playground!.setScenario(t), text);
  await page.evaluate(() => window.__playground!.idle());
  await page.evaluate(() => window.__playground!.seek(-1));
}

/** Load: JavaScript fetched before any interaction (editor chunk apart), time to interactive. */
async function loading(page: Page): Promise<void> {
  const scripts: string[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script' || r.url().endsWith('.js')) scripts.push(new URL(r.url()).pathname);
  });
  const t0 = Date.now();
  await open(page);
  await page.waitForFunction(() => window.__playground?.getState().sim.result !== null);
  const loadMs = Date.now() - t0;
  // Time to interactive, as Lighthouse defines it: after first contentful paint, the start of the
  // first 5 s window without long tasks (here: the end of the last long task before such a window).
  await page.waitForTimeout(5_500);
  const tti = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
    const long = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks;
    let t = fcp;
    for (const e of long) if (e.start < t + 5_000 && e.start + e.duration > t) t = Math.max(t, e.start + e.duration);
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return { fcp, tti: Math.max(t, nav?.domContentLoadedEventEnd ?? 0) };
  });
  const unique = [...new Set(scripts)];
  const initial = unique.filter((p) => !/ScenarioEditor|editor\.worker|\/worker-/.test(p));
  const gz = (p: string) => {
    const f = join(DIST, p.replace(/^\//, ''));
    return existsSync(f) ? gzipSync(readFileSync(f)).length : 0;
  };
  const initialGz = initial.reduce((n, p) => n + gz(p), 0);
  const editorGz = unique.filter((p) => /ScenarioEditor/.test(p)).reduce((n, p) => n + gz(p), 0);
  line('initial JavaScript without the editor chunk (gzip)', `${(initialGz / 1024).toFixed(1)} kB (${initial.length} files; editor chunk ${(editorGz / 1024).toFixed(0)} kB gzip, lazy)`);
  line('first contentful paint', ms(tti.fcp));
  line('time to interactive (no long task for 5 s after FCP)', `${ms(tti.tti)} (first run on screen ${loadMs} ms after navigation start)`);
}

/** Typing in the editor → the new run on screen (1,000 requests, in the worker). */
async function editToPicture(page: Page): Promise<void> {
  await setScenario(page, THOUSAND);
  const total: number[] = [];
  const afterPause: number[] = [];
  for (let k = 0; k < 16; k++) {
    await page.evaluate(() => window.__playground!.editorGoto(1, 1000));
    const run0 = await page.evaluate(() => window.__playground!.getState().sim.runId);
    // Listen first (awaited), then type: input events are not ordered with evaluate calls.
    await page.evaluate((before) => {
      const w = window as unknown as { __edit: Promise<{ total: number; after: number }> };
      w.__edit = new Promise((resolve) => {
        let down = 0;
        addEventListener('keydown', () => (down = performance.now()), { once: true, capture: true });
        const tick = () => {
          if (window.__playground!.getState().sim.runId !== before && down > 0) {
            // The frame after the one that published the run: it has been painted.
            requestAnimationFrame(() => resolve({ total: performance.now() - down, after: performance.now() - down - 300 }));
            return;
          }
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    }, run0);
    await page.keyboard.type('x');
    const r = await page.evaluate(() => (window as unknown as { __edit: Promise<{ total: number; after: number }> }).__edit);
    total.push(r.total);
    afterPause.push(r.after);
  }
  line('editor change → updated picture, 1,000 requests: p50 / p95', `${ms(pct(total, 50))} / ${ms(pct(total, 95))} (300 ms typing pause included)`);
  line('  the same, after the typing pause (run + take-in + render)', `${ms(pct(afterPause, 50))} / ${ms(pct(afterPause, 95))}`);
}

/** Jump anywhere in a run: seek → the frame that shows it, and the main-thread work of one jump. */
async function scrub(page: Page, text: string, label: string): Promise<void> {
  await setScenario(page, text);
  const events = await page.evaluate(() => window.__playground!.getState().sim.result!.trace.length);
  const since = await page.evaluate(() => performance.now());
  // The main thread's CPU time (trace events' thread time): on a shared machine the wall-clock
  // figures vary several-fold with the load, this one much less.
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: ['toplevel', 'disabled-by-default-devtools.timeline'] });
  const r = await page.evaluate(async (n) => {
    const frame: number[] = [];
    const work: number[] = [];
    let x = 12345;
    for (let k = 0; k < 120; k++) {
      x = (x * 1103515245 + 12345) % 2 ** 31; // a fixed pseudo-random sequence of jumps
      await new Promise(requestAnimationFrame); // start at a frame boundary
      const t0 = performance.now();
      window.__playground!.seek(x % n); // store update + React render of the panes
      const sync = performance.now() - t0;
      // The diagram repaints in the next frame's callbacks; this one runs after it.
      const end = await new Promise<{ ts: number; now: number }>((res) => requestAnimationFrame((ts) => res({ ts, now: performance.now() })));
      frame.push(end.now - t0);
      work.push(sync + (end.now - end.ts));
    }
    return { frame, work };
  }, events);
  const long = await page.evaluate(
    (t) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((e) => e.start >= t).map((e) => e.duration),
    since,
  );
  const cpu = mainThreadCpu(await browser.stopTracing());
  line(`scrub, ${label} (${events.toLocaleString('en-US')} events): work p50 / p95`, `${ms(pct(r.work, 50))} / ${ms(pct(r.work, 95))} (seek + render + repaint; to the painted frame p95 ${ms(pct(r.frame, 95))})`);
  line('  main-thread CPU per jump (JavaScript, style, layout, paint)', ms(cpu / r.work.length));
  line('  main-thread tasks over 50 ms during those 120 jumps', long.length ? `${long.length} (longest ${ms(Math.max(...long))})` : 'none');
}

/** CPU time of the renderer's main thread in a Chromium trace (its top-level tasks' thread time), ms. */
function mainThreadCpu(trace: Buffer): number {
  const events = (JSON.parse(trace.toString()) as { traceEvents: { ph: string; name: string; pid: number; tid: number; tdur?: number; args?: { name?: string } }[] }).traceEvents;
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  let us = 0;
  for (const e of events) if (e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && main.has(`${e.pid}:${e.tid}`)) us += e.tdur ?? 0;
  return us / 1000;
}

/**
 * A 10,000-client run in the worker, on a fresh page once it has settled: time to its first picture (the folded
 * diagram painted for the new run: a large run is shown at its first event before it ends),
 * time until the whole run is on screen, and the main-thread tasks over 50 ms from the start
 * until the whole run's picture is painted.
 */
async function bigRun(page: Page): Promise<BigRun> {
  // The page settles first (no long task for 500 ms, at most 5 s): the editor's own start-up
  // tasks are not the run's.
  await page.evaluate(async () => {
    const long = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks;
    const start = performance.now();
    while (performance.now() - start < 5_000) {
      const last = long.reduce((t, e) => Math.max(t, e.start + e.duration), 0);
      if (performance.now() - Math.max(last, start) >= 500) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  const t0 = await page.evaluate(() => performance.now());
  const run0 = await page.evaluate(() => window.__playground!.getState().sim.runId);
  // Polled in animation frames, from before the change: a frame that shows the picture is seen.
  const first = page.evaluate((before) => {
    const start = performance.now();
    return new Promise<number>((resolve) => {
      const tick = () => {
        const run = window.__playground!.getState().sim.runId;
        const c = document.querySelector<HTMLCanvasElement>('[data-testid="scale-diagram"] canvas');
        if (run !== before && c?.dataset.run === String(run)) requestAnimationFrame(() => resolve(performance.now() - start));
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }, run0);
  await page.evaluate((t) => window.__playground!.setScenario(t), TEN_K);
  const firstMs = await first;
  await page.evaluate(() => window.__playground!.idle());
  return page.evaluate(
    ({ since, firstMs }) =>
      new Promise<BigRun>((resolve) => {
        const tick = () => {
          const s = window.__playground!.getState();
          const c = document.querySelector<HTMLCanvasElement>('[data-testid="scale-diagram"] canvas');
          if (c?.dataset.run !== String(s.sim.runId)) return void requestAnimationFrame(tick);
          requestAnimationFrame(() => {
            const long = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((e) => e.start >= since);
            const early = long.filter((e) => e.start < since + firstMs).map((e) => e.duration);
            resolve({ first: firstMs, ms: performance.now() - since, n: s.sim.result!.trace.length, long: long.map((e) => e.duration), early });
          });
        };
        requestAnimationFrame(tick);
      }),
    { since: t0, firstMs },
  );
}

interface BigRun {
  /** Change → first picture painted, ms. */
  readonly first: number;
  /** Change → the whole run's picture painted, ms. */
  readonly ms: number;
  readonly n: number;
  /** Main-thread tasks over 50 ms until the whole run is painted, and those before the first picture, ms. */
  readonly long: number[];
  readonly early: number[];
}

function printBigRuns(runs: BigRun[]): void {
  if (runs.length === 0) return;
  const withLong = runs.filter((r) => r.long.length > 0);
  const longest = Math.max(0, ...runs.flatMap((r) => r.long));
  const s = (x: number) => `${(x / 1000).toFixed(2)} s`;
  const firsts = runs.map((r) => r.first);
  line(
    `10,000 HTTP/1 clients × 2 (worker), ${runs.length} fresh pages: change to first picture`,
    `median ${s(pct(firsts, 50))} (range ${s(Math.min(...firsts))}–${s(Math.max(...firsts))})`,
  );
  line('  to the whole run on screen', `median ${s(pct(runs.map((r) => r.ms), 50))} for ${runs[0]!.n.toLocaleString('en-US')} events`);
  const early = runs.flatMap((r) => r.early);
  line('  main-thread tasks over 50 ms before the first picture', early.length ? `${early.length} in ${runs.filter((r) => r.early.length).length} of ${runs.length} runs (longest ${ms(Math.max(...early))})` : `none in ${runs.length} runs`);
  line('  main-thread tasks over 50 ms until the whole run is on screen', withLong.length ? `in ${withLong.length} of ${runs.length} runs (longest ${ms(longest)}; ${runs.map((r) => r.long.length).join(', ')} per run)` : `none in ${runs.length} runs`);
}

/** Compare (seed against parent) on the 10,000-client run: time until both sides show, and long tasks meanwhile. */
async function compareBig(page: Page): Promise<void> {
  await page.evaluate((t) => window.__playground!.setScenario(t), TEN_K);
  await page.evaluate(() => window.__playground!.idle());
  const t0 = await page.evaluate(() => performance.now());
  await page.getByTestId('compare-button').click();
  await page.getByTestId('total-b-requests').waitFor({ timeout: 120_000 });
  const r = await page.evaluate((since) => {
    const long = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((e) => e.start >= since);
    return { ms: performance.now() - since, long: long.map((e) => e.duration) };
  }, t0);
  line('compare seed / parent, 10,000 clients (200,000 events each)', `${(r.ms / 1000).toFixed(2)} s until both sides show`);
  line('  main-thread tasks over 50 ms meanwhile', r.long.length ? `${r.long.length} (longest ${ms(Math.max(...r.long))})` : 'none');
}

/** 20 points (4 modes × 5 response times) of 1,000 HTTP/1 clients × 10 requests: 10,000 requests each. */
const SWEEP_20 = [
  'sweep rt 10ms 20ms 30ms 40ms 50ms',
  'sweep mode never safe aggressive always',
  '',
  'backend be',
  '    http-reuse $mode',
  '    server s1 192.0.2.10:80',
  '    server s2 192.0.2.11:80',
  'servers',
  '    s1 response-time $rt',
  '    s2 response-time $rt',
  'script',
  '    open web[1..1000] h1',
  '    repeat 10 {',
  '        web[*] GET /',
  '    }',
  '    close web[*]',
  '',
].join('\n');

/** A sweep in the worker pool (one worker per core): wall time until every point is on the chart. */
async function sweep(page: Page): Promise<void> {
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const runOnce = async (start: () => Promise<void>) => {
    const t0 = await page.evaluate(() => performance.now());
    await start();
    await page.waitForFunction(() => window.__playground!.getState().sweep.phase === 'done' && window.__playground!.getState().sweep.done === 20, null, { timeout: 120_000, polling: 50 });
    return page.evaluate((since) => {
      const s = window.__playground!.getState().sweep;
      const heap = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
      const long = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((e) => e.start >= since);
      return { ms: s.ms, wall: performance.now() - since, heap, long: long.map((e) => e.duration) };
    }, t0);
  };
  // The first sweep after the text changes starts after the typing pause (not counted: s.ms starts with the sweep).
  const first = await runOnce(() => page.evaluate((t) => window.__playground!.setScenario(t), SWEEP_20));
  const runs: { ms: number; heap: number; long: number[] }[] = [];
  for (let k = 0; k < 5; k++) runs.push(await runOnce(() => page.getByTestId('sweep-run').click()));
  const walls = runs.map((r) => r.ms);
  line(`sweep, 20 points × 10,000 requests (${cores} workers)`, `median ${(pct(walls, 50) / 1000).toFixed(2)} s, range ${(Math.min(...walls) / 1000).toFixed(2)}–${(Math.max(...walls) / 1000).toFixed(2)} s (first, workers starting: ${(first.ms / 1000).toFixed(2)} s)`);
  const heaps = runs.map((r) => r.heap / 1e6);
  line('  page heap after each of those sweeps', heaps.map((h) => `${h.toFixed(1)} MB`).join(', '));
  const long = runs.flatMap((r) => r.long);
  line('  main-thread tasks over 50 ms meanwhile', long.length ? `${long.length} (longest ${ms(Math.max(...long))})` : 'none');
}

/** Frames per second while playing a run with 500 (or 5,000) connections open. */
async function animate(page: Page, text = LIVE_500, label = '500 live connections'): Promise<void> {
  await setScenario(page, text);
  await page.evaluate(() => window.__playground!.seek(Math.floor(window.__playground!.getState().sim.result!.trace.length * 0.2)));
  const open = await page.evaluate(() => window.__playground!.snapshot().conns.filter((c) => c.status !== 'closed').length);
  await page.getByTestId('btn-play').click();
  const r = await page.evaluate(async () => {
    const i0 = window.__playground!.getState().view.index;
    const gaps: number[] = [];
    let last = performance.now();
    const t0 = last;
    while (performance.now() - t0 < 5_000) {
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }
    gaps.sort((a, b) => a - b);
    return {
      fps: gaps.length / ((last - t0) / 1000),
      p95: gaps[Math.floor(gaps.length * 0.95)]!,
      events: window.__playground!.getState().view.index - i0,
    };
  });
  await page.getByTestId('btn-play').click();
  line(`frames per second while playing, ${label}`, `${r.fps.toFixed(1)} fps (p95 frame ${ms(r.p95)}; ${open} open at the start, ${r.events.toLocaleString('en-US')} events played in 5 s)`);
}

let closing = false;

async function main(): Promise<void> {
  if (!existsSync(join(DIST, 'index.html'))) {
    console.log(`(no ${DIST}/index.html: run \`npm run build\` first)`);
    process.exit(1);
  }
  const server = await serveStatic(DIST, PORT);
  const browser = await chromium.launch({
    ...(process.env.BENCH_DUMPIO ? { logger: { isEnabled: () => true, log: (n: string, s: string, m: string) => console.log('[pw]', n, s, String(m).slice(0, 300)) } } : {}),
    executablePath: process.env.PW_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  console.log(`# app (production build in ${DIST}/, Chromium ${browser.version()} headless, software raster, ${cpus().length} cores)`);
  try {
    const fresh = async (f: (p: Page) => Promise<void>) => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await ctx.newPage();
      page.on('crash', () => console.log('(the page crashed)'));
      try {
        await f(page);
      } catch (e) {
        console.log(`(failed: ${String(e).split('\n')[0]})`);
      } finally {
        await ctx.close().catch(() => {});
      }
    };
    browser.on('disconnected', () => closing || console.log('(the browser went away)'));
    // BENCH_ONLY=scrub: the scrubbing and drawing figures alone (issue 15 point 6).
    if (process.env.BENCH_ONLY === 'scrub') {
      await fresh(async (p) => {
        await open(p);
        await scrub(p, TEN_K, '10,000 clients');
        await scrub(p, MILLION_EVENTS, '10,000 clients × 8');
      });
      await fresh(async (p) => {
        await open(p);
        await animate(p, LIVE_5000, '5,000 live connections');
      });
      return;
    }
    // BENCH_ONLY=play: playing with 5,000 live connections alone (frames per second).
    if (process.env.BENCH_ONLY === 'play') {
      await fresh(async (p) => {
        await open(p);
        await animate(p, LIVE_5000, '5,000 live connections');
      });
      return;
    }
    // BENCH_ONLY=big: the 10,000-client run to its picture alone (BENCH_RUNS fresh pages, 5 by default).
    if (process.env.BENCH_ONLY === 'big') {
      const big: BigRun[] = [];
      for (let k = 0; k < Number(process.env.BENCH_RUNS ?? 5); k++)
        await fresh(async (p) => {
          await open(p);
          big.push(await bigRun(p));
        });
      printBigRuns(big);
      return;
    }
    // BENCH_ONLY=sweep: the sweep figure alone.
    if (process.env.BENCH_ONLY === 'sweep') {
      await fresh(async (p) => {
        await open(p);
        await sweep(p);
      });
      return;
    }
    if (!process.env.BENCH_ONLY) await fresh(loading);
    await fresh(async (p) => {
      await open(p);
      await editToPicture(p);
    });
    await fresh(async (p) => {
      await open(p);
      await scrub(p, HUNDRED_K, '500 clients × 16');
      await scrub(p, TEN_K, '10,000 clients');
      await scrub(p, MILLION_EVENTS, '10,000 clients × 8');
    });
    // Five fresh pages: a garbage collection that lands in a task is a matter of chance.
    const big: BigRun[] = [];
    for (let k = 0; k < 5; k++)
      await fresh(async (p) => {
        await open(p);
        big.push(await bigRun(p));
      });
    printBigRuns(big);
    await fresh(async (p) => {
      await open(p);
      await compareBig(p);
    });
    await fresh(async (p) => {
      await open(p);
      await animate(p);
    });
    await fresh(async (p) => {
      await open(p);
      await animate(p, LIVE_5000, '5,000 live connections');
    });
    await fresh(async (p) => {
      await open(p);
      await sweep(p);
    });
  } finally {
    closing = true;
    await browser.close();
    server.close();
  }
}

await main();
