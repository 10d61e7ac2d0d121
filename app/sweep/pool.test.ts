import { describe, expect, it } from 'vitest';
import { WorkerPool, type PoolWorker } from './pool';

/** A worker that holds each job until the test answers it. */
class FakeWorker implements PoolWorker<number, number> {
  static all: FakeWorker[] = [];
  onmessage: PoolWorker<number, number>['onmessage'] = null;
  onerror: PoolWorker<number, number>['onerror'] = null;
  inbox: { id: number; job: number }[] = [];
  terminated = false;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(msg: { id: number; job: number }): void {
    if (this.terminated) throw new Error('posted to a terminated worker');
    this.inbox.push(msg);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Answer the oldest job with job × 10 (or fail it). */
  reply(fail = false): void {
    const m = this.inbox.shift()!;
    this.onmessage?.({ data: fail ? { id: m.id, error: `bad ${m.job}` } : { id: m.id, result: m.job * 10 } });
  }
}

function setup(size: number) {
  FakeWorker.all = [];
  const pool = new WorkerPool<number, number>(() => new FakeWorker(), size);
  const results = new Map<number, number | string>();
  const ends: boolean[] = [];
  const handlers = {
    result: (i: number, out: { result: number } | { error: string }) => results.set(i, 'result' in out ? out.result : out.error),
    done: (c: boolean) => ends.push(c),
  };
  return { pool, results, ends, handlers };
}

const busy = () => FakeWorker.all.filter((w) => !w.terminated && w.inbox.length > 0);

describe('WorkerPool', () => {
  it('runs every job once, one at a time per worker, and ends', () => {
    const { pool, results, ends, handlers } = setup(2);
    pool.run([1, 2, 3, 4, 5], handlers);
    expect(FakeWorker.all).toHaveLength(2);
    expect(FakeWorker.all.map((w) => w.inbox.length)).toEqual([1, 1]);
    // The second worker answers faster: it takes the next jobs.
    FakeWorker.all[1].reply();
    FakeWorker.all[1].reply();
    FakeWorker.all[0].reply();
    while (busy().length) busy()[0].reply();
    expect([...results.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [0, 10],
      [1, 20],
      [2, 30],
      [3, 40],
      [4, 50],
    ]);
    expect(ends).toEqual([false]);
  });

  it('uses no more workers than jobs, and keeps idle workers for the next run', () => {
    const { pool, ends, handlers } = setup(4);
    pool.run([7], handlers);
    expect(pool.workers).toBe(1);
    FakeWorker.all[0].reply();
    pool.run([1, 2, 3], handlers);
    expect(FakeWorker.all).toHaveLength(3);
    while (busy().length) busy()[0].reply();
    expect(ends).toEqual([false, false]);
  });

  it('reports an error for a job and goes on', () => {
    const { pool, results, ends, handlers } = setup(1);
    pool.run([1, 2], handlers);
    FakeWorker.all[0].reply(true);
    FakeWorker.all[0].reply();
    expect(results.get(0)).toBe('bad 1');
    expect(results.get(1)).toBe(20);
    expect(ends).toEqual([false]);
  });

  it('cancel terminates the busy workers, drops their late answers and ends once', () => {
    const { pool, results, ends, handlers } = setup(2);
    const run = pool.run([1, 2, 3, 4], handlers);
    FakeWorker.all[0].reply();
    run.cancel();
    run.cancel();
    expect(ends).toEqual([true]);
    expect(run.finished).toBe(true);
    expect(FakeWorker.all.every((w) => w.terminated)).toBe(true);
    expect(pool.workers).toBe(0);
    expect([...results.keys()]).toEqual([0]);
  });

  it('a new run cancels the one in progress; answers of the old one are ignored', () => {
    const { pool, results, ends, handlers } = setup(1);
    pool.run([1, 2], handlers);
    const old = FakeWorker.all[0];
    const pending = old.inbox[0];
    pool.run([5], handlers);
    expect(ends).toEqual([true]);
    // The old worker was terminated; even if it answered, the answer is not taken.
    old.onmessage?.({ data: { id: pending.id, result: 999 } });
    expect(results.size).toBe(0);
    FakeWorker.all[1].reply();
    expect(results.get(0)).toBe(50);
    expect(ends).toEqual([true, false]);
  });

  it('a worker that crashes fails its job, is replaced, and the run goes on', () => {
    const { pool, results, ends, handlers } = setup(1);
    pool.run([1, 2], handlers);
    FakeWorker.all[0].onerror?.({ message: 'out of memory' });
    expect(results.get(0)).toBe('out of memory');
    expect(FakeWorker.all[0].terminated).toBe(true);
    FakeWorker.all[1].reply();
    expect(results.get(1)).toBe(20);
    expect(ends).toEqual([false]);
  });

  it('an empty run ends at once', () => {
    const { pool, ends, handlers } = setup(2);
    pool.run([], handlers);
    expect(ends).toEqual([false]);
    expect(pool.workers).toBe(0);
  });

  it('warm starts every worker ahead of a run, which then uses them', () => {
    const { pool, ends, handlers } = setup(2);
    pool.warm();
    expect(FakeWorker.all).toHaveLength(2);
    pool.run([1, 2], handlers);
    expect(FakeWorker.all).toHaveLength(2);
    while (busy().length) busy()[0].reply();
    expect(ends).toEqual([false]);
  });
});
