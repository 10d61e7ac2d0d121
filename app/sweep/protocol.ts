import type { Series } from '../../core';
import type { Metrics } from '../model/sweep/metrics';

/** What the page sends a sweep worker: the scenario and the value of each swept parameter. */
export interface PointJob {
  readonly text: string;
  readonly values: Readonly<Record<string, string>>;
  /** Also sample the run over time (the over-time plots of an open-loop run). */
  readonly series?: boolean;
}

/** What it answers (errors travel as the pool's `error`). */
export interface PointAnswer {
  readonly metrics: Metrics;
  readonly series?: Series;
}
