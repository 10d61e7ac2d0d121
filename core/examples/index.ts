/**
 * The teaching scenarios of shared/spec/haproxy-algorithm.md §8 as scenario files, for the
 * examples gallery. SC02, the motivating case (§5.2), comes first.
 * Expected outcomes at seed and parent: docs/teaching-scenarios.md.
 */
import sc01 from './sc01.scenario?raw';
import sc02 from './sc02.scenario?raw';
import sc03 from './sc03.scenario?raw';
import sc04 from './sc04.scenario?raw';
import sc05 from './sc05.scenario?raw';
import sc06 from './sc06.scenario?raw';
import sc07 from './sc07.scenario?raw';
import sc08 from './sc08.scenario?raw';
import sc09 from './sc09.scenario?raw';
import sc10 from './sc10.scenario?raw';
import sc11 from './sc11.scenario?raw';
import sc12 from './sc12.scenario?raw';
import sc13 from './sc13.scenario?raw';
import sc14 from './sc14.scenario?raw';
import sc15 from './sc15.scenario?raw';
import sc16 from './sc16.scenario?raw';
import sc17 from './sc17.scenario?raw';
import sc18 from './sc18.scenario?raw';
import sc19 from './sc19.scenario?raw';
import sc20 from './sc20.scenario?raw';
import { LOAD_EXAMPLES } from './load';
import { CONFIG_EXAMPLES } from './configs';
import { SWEEP_EXAMPLES } from './sweeps';
import { example, type Example } from './example';

export { titleOf, type Example } from './example';

export const EXAMPLES: Example[] = [
  example(
    'sc02',
    sc02,
    "Parent: every h2 stream loses its server connection when it ends, so 3 connects.\nSeed: the session keeps the connection, so 1 connect and 2 reuses.",
    ['h2', 'never', 'motivating', 'parent-vs-seed'],
  ),
  example(
    'sc01',
    sc01,
    "One h1 client, three requests to X: one connection, reused for its own requests.\n`never` forbids sharing, not reuse by the same client; same result at parent and seed.",
    ['h1', 'never', 'baseline'],
  ),
  example(
    'sc03',
    sc03,
    "A keeps one connection at the seed (three at the parent), but B cannot share it:\nh2 requests always count as first requests, which `safe` never shares (gap G4).",
    ['h2', 'safe', 'parent-vs-seed', 'G4'],
  ),
  example(
    'sc04',
    sc04,
    "First requests open their own connection; follow-up requests move them to the safe list.\nEach connection dies with its client: no pool at this version.",
    ['h1', 'safe', 'lists'],
  ),
  example(
    'sc05',
    sc05,
    "First requests may take only safe connections, follow-up requests idle ones too.\nTaking a connection from another session leaves that session without one.",
    ['h1', 'aggressive', 'dispossess'],
  ),
  example(
    'sc06',
    sc06,
    "Two alternating clients share one connection to X that moves back and forth,\neach taking it from the other (dispossess): 1 connect in total.",
    ['h1', 'always', 'dispossess'],
  ),
  example(
    'sc07',
    sc07,
    "A takes B's idle connection to Y and B receives A's connection to X in exchange,\nso B's next request to X reuses it: 2 connects for 6 requests.",
    ['h1', 'safe', 'swap'],
  ),
  example(
    'sc08',
    sc08,
    "NTLM makes A's X connection private; when A takes B's Y connection the exchange fails,\nB loses its connection and A's X connection stays open with no owner (seed only).",
    ['h1', 'safe', 'ntlm', 'private', 'orphan', 'dispossess', 'G1'],
  ),
  example(
    'sc09',
    sc09,
    "A session holds one connection: the second stream's connection takes the slot\nand the first is doomed, closing when its request ends (gap G3).",
    ['h2', 'safe', 'concurrent', 'doomed', 'G3'],
  ),
  example(
    'sc10',
    sc10,
    "A's streams take C's and B's idle connections; A's first one is kept but owned by nobody\n(orphan, G1) until B's next request finds it in the idle list.",
    ['h1', 'h2', 'always', 'concurrent', 'orphan', 'dispossess', 'G1'],
  ),
  example(
    'sc11',
    sc11,
    "Every transaction closes its server connection, so each request opens a new one\n(4 connects) whatever the client protocol and engine.",
    ['h1', 'h2', 'server-close'],
  ),
  example(
    'sc12',
    sc12,
    "X's keep-alive timeout closes A's idle connection; HAProxy notices and forgets it,\nso A's next request opens a new one: 2 connects.",
    ['h1', 'safe', 'server-closes'],
  ),
  example(
    'sc13',
    sc13,
    "A's connection to X closes with A, so B must open a new one to X and give up its Y one:\n3 connects (a modern pool would hand B A's connection).",
    ['h1', 'safe', 'no-pool'],
  ),
  example(
    'sc14',
    sc14,
    "Every stream lands on the other server and replaces the previous connection: 4 connects.\nWith `option prefer-last-server` the seed keeps A on X (1 connect); the parent cannot.",
    ['h2', 'safe', 'roundrobin', 'prefer-last', 'G3'],
  ),
  example(
    'sc15',
    sc15,
    "The source comes from each request, so no connection is ever reused, not even A's own.\nAt the seed the previous connections stay open, owned by nobody (gap G2).",
    ['h1', 'safe', 'usesrc', 'private', 'orphan', 'G2'],
  ),
  example(
    'sc16',
    sc16,
    "The response switches the transaction to server-close: the connection is closed\nwhen it is done and the next request opens a new one: 2 connects.",
    ['h1', 'safe', 'server-close'],
  ),
  example(
    'sc17',
    sc17,
    "X closes A's connection just as A's follow-up request goes out on it: the request fails\nand HAProxy closes A's connection so the browser can retry. Approximated with `close all`.",
    ['h1', 'safe', 'race', 'approximate'],
  ),
  example(
    'sc18',
    sc18,
    "B cannot take A's idle connection because h2 requests are always first requests.\nTry `aggressive` (no change) and `always` (the connection ping-pongs between A and B).",
    ['h2', 'safe', 'G4'],
  ),
  example(
    'sc19',
    sc19,
    "One connection per session: each change of server opens a new connection and closes\nthe previous one, even when A comes back to X: 3 connects.",
    ['h1', 'never', 'G3'],
  ),
  example(
    'sc20',
    sc20,
    "Parent and seed reject `proto h2` on a server (a warning here) and speak HTTP/1.1:\noverlapping A and B need 2 connections. Modern HAProxy can multiplex them.",
    ['h1', 'h2-backend', 'safe', 'modern'],
  ),
];

/** A teaching example, a load example (./load.ts) or a sweep example (./sweeps.ts) by id. */
export function findExample(id: string): Example | undefined {
  return (
    EXAMPLES.find((e) => e.id === id) ?? LOAD_EXAMPLES.find((e) => e.id === id) ?? SWEEP_EXAMPLES.find((e) => e.id === id) ?? CONFIG_EXAMPLES.find((e) => e.id === id)
  );
}
