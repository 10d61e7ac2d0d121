/**
 * Load scenarios for the examples menu (issue 5): groups of thousands of clients and
 * `repeat`, to see the reuse policies at scale. Same shape as the teaching examples.
 */
import type { Example } from './index';
import h2k from './load-h2-1k-safe.scenario?raw';
import h10k from './load-h1-10k-always.scenario?raw';
import close100 from './load-close-every-100.scenario?raw';

/** The title on the first line of a load file: `# Load — Title`. */
function loadTitle(text: string): string {
  const first = (text.split('\n', 1)[0] ?? '').trim();
  const m = /^#\s*Load\s*[—-]\s*(.*)$/.exec(first);
  return m ? m[1]!.trim() : first.replace(/^#\s*/, '');
}

function example(id: string, text: string, summary: string, tags: string[]): Example {
  return { id, title: loadTitle(text), summary, tags, text };
}

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
