/**
 * Load scenarios for the examples menu (issue 5): groups of thousands of clients and
 * `repeat`, to see the reuse policies at scale. Same shape as the teaching examples.
 */
import { example, type Example } from './example';
import h2k from './load-h2-1k-safe.scenario?raw';
import h10k from './load-h1-10k-always.scenario?raw';
import close100 from './load-close-every-100.scenario?raw';

export const LOAD_EXAMPLES: Example[] = [
  example(
    'load-h2-1k-safe',
    h2k,
    '20,000 requests from 1,000 HTTP/2 clients over two servers (about 270,000 events).\nEach session keeps its connection; `safe` never shares h2 first requests.',
    ['load', 'h2', 'safe'],
  ),
  example(
    'load-h1-10k-always',
    h10k,
    '10,000 HTTP/1 clients, two requests each (about 330,000 events).\nThe folded client group and the server lists show the counts.',
    ['load', 'h1', 'always'],
  ),
  example(
    'load-close-every-100',
    close100,
    '6,000 requests from 20 clients; server s1 closes a connection after its 100th response.\nWatch connections die and new ones open in their place.',
    ['load', 'h1', 'always', 'close-after'],
  ),
];
