/** The standard load scenarios of the benchmarks (issue 5), as scenario text. */
export const LOAD_SCENARIOS = {
  /** 1,000 HTTP/2 clients × 100 requests, two servers, http-reuse safe. */
  'h2-1k-clients-x100-safe': { requests: 100_000, text: scenario('h2', 1000, 100, 'safe') },
  /** 10,000 HTTP/1.1 clients × 10 requests, two servers, http-reuse always. */
  'h1-10k-clients-x10-always': { requests: 100_000, text: scenario('h1', 10_000, 10, 'always') },
} as const;

/** 1,000 HTTP/2 clients × 1,000 requests (1,000,000 requests), two servers, safe: the CLI's end-to-end case. */
export const MILLION = scenario('h2', 1000, 1000, 'safe');

export function scenario(proto: 'h1' | 'h2', clients: number, perClient: number, reuse: string): string {
  return [
    `# ${clients} ${proto} clients × ${perClient} requests, two servers, http-reuse ${reuse}`,
    'backend be',
    '    mode http',
    `    http-reuse ${reuse}`,
    '    server s1 192.0.2.10:80',
    '    server s2 192.0.2.11:80',
    'script',
    `    open web[1..${clients}] ${proto}`,
    `    repeat ${perClient} {`,
    '        web[*] GET /',
    '    }',
    `    close web[*]`,
    '',
  ].join('\n');
}
