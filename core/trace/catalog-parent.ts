/**
 * Where the parent commit (131fd89d5) does what a shared decision names. The entries of
 * ./catalog.ts for A0, C2, L2, … cite the seed commit (7c6f8b146), whose changes to
 * backend.c and proto_http.c move most of these lines; a parent run's event points at its own
 * commit. Each range was read at 131fd89d5 (`git show 131fd89d5:src/…`): the code is the seed's
 * line for line, except L2/L3, where the parent lists the connection through si_idle_cs, and
 * F1, where the reused connection is attached to the stream again.
 */
import type { SourceRef } from './catalog';
import type { DecisionId } from './decisions';

export interface ParentCite {
  readonly file: string;
  readonly line: string;
  readonly also?: readonly SourceRef[];
  /** The parent's own explanation, where the seed's does not hold at this commit. */
  readonly explain?: string;
}

const BACKEND = 'src/backend.c';
const HTTP = 'src/proto_http.c';

/** Shared decisions the parent engine emits, at 131fd89d5 (COMMITS.parent). */
export const PARENT_SOURCES: Readonly<Partial<Record<DecisionId, ParentCite>>> = {
  A0: { file: 'src/stream.c', line: '1396-1412' },
  A2: { file: BACKEND, line: '606-735' },
  C1: { file: HTTP, line: '788-829' },
  C2: { file: HTTP, line: '5107-5114' },
  C3: { file: 'src/stream.c', line: '727-813' },
  L2: { file: HTTP, line: '3868-3882', also: [{ file: 'include/proto/stream_interface.h', line: '191-201' }] },
  L3: { file: HTTP, line: '3868' },
  F1: { file: BACKEND, line: '1210-1214' },
  P1: { file: BACKEND, line: '1199-1204', also: [{ file: 'src/proto_tcp.c', line: '292' }] },
  P2: { file: BACKEND, line: '1253-1275' },
  P3: { file: HTTP, line: '5046-5065' },
  P4: { file: 'src/proto_tcp.c', line: '379-392' },
  P5: { file: HTTP, line: '3847-3849' },
  N1: { file: HTTP, line: '3833-3845' },
  T1: { file: HTTP, line: '7635' },
  T2: {
    file: HTTP, line: '1044-1050, 1109-1121',
    explain:
      'An HTTP/2 stream closes right after its single transaction. At the parent the server connection belongs to the stream, ' +
      'so it is destroyed with it (pD5): the next request of the same client cannot reuse it.',
  },
  T3: { file: HTTP, line: '1094-1101, 983-984, 1017-1018, 1049-1050' },
};
