/**
 * The simulation's one source of randomness: a seeded 32-bit generator (sfc32, "small fast
 * counting" — four words of state, passes PractRand, no multiplication by 64-bit values) so that
 * the same scenario and `seed N` give the same draws on every machine and in every JS engine.
 * Pure: the state lives in the instance; nothing reads Math.random.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // The seed fills two words and a fixed pattern the others; a few rounds mix them.
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = 1;
    const s = seed >>> 0;
    const hi = Math.floor(seed / 0x1_0000_0000) >>> 0;
    this.a ^= s;
    this.b ^= hi;
    for (let i = 0; i < 15; i++) this.next32();
  }

  /** A uniform 32-bit unsigned integer. */
  next32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.next32() / 0x1_0000_0000;
  }

  /** Uniform whole number in [lo, hi] (both included). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** Exponentially distributed with this mean (the gaps of a Poisson process). */
  exp(mean: number): number {
    // 1 - u is in (0, 1]: log never sees 0.
    return -Math.log(1 - this.next()) * mean;
  }
}

/** The seed when a scenario has no `seed` line. */
export const DEFAULT_SEED = 1;
