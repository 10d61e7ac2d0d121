#!/usr/bin/env node
/**
 * Builds core/scenario/haproxy-keywords.json: the names HAProxy's configuration parser knows at the
 * two versions the engines model (1.9-dev at 7c6f8b146 for seed and parent, v2.6.0 for modern),
 * and the lines 2.6 refuses with its reason. Only names and HAProxy's own refusal reasons are
 * taken, from two kinds of source at each tag:
 *   - doc/configuration.txt: the global keyword list (section 3), the proxy keywords matrix (4.1),
 *     the server options (5.2);
 *   - src/*.c: config section registrations, cfg_kws registrations (CFG_GLOBAL, CFG_LISTEN), the
 *     strcmp(args[..]) chains of cfg_parse_global / cfg_parse_listen / proxy_parse_timeout, the
 *     cfg_opts tables and the srv_kws registrations (with their argument counts).
 *
 * Usage: node scripts/extract-haproxy-keywords.mjs [--git-dir DIR] [--check]
 *   --check  exits 1 if the committed JSON differs from what the sources give (for CI).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const gitDir = args.includes('--git-dir') ? args[args.indexOf('--git-dir') + 1] : '/work/.mirror/haproxy+haproxy/repo';
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'core', 'scenario', 'haproxy-keywords.json');

/** The version each engine runs, and the git revision its names come from. */
const VERSIONS = { '1.9': '7c6f8b146', '2.6': 'v2.6.0' };
/** An older release whose keywords real configurations still carry (they are refused by both). */
const FORMER = 'v1.5.0';
/** The newest release here: configurations written for it carry names both engines' parsers refuse. */
const LATER = 'v3.4.0';
/** The releases `engine modern X` follows after 2.6: the names each knows that 2.6 does not. */
const RELEASES = { '2.8': 'v2.8.0', '3.0': 'v3.0.0', '3.2': 'v3.2.0', '3.4': LATER };

function git(...a) {
  return execFileSync('git', ['--git-dir', gitDir, ...a], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}
const show = (rev, path) => git('show', `${rev}:${path}`);

/** The text of a top-level C function `NAME(` up to its closing brace at column 0. */
function cFunction(src, name) {
  const m = new RegExp(`^(?:static )?int ${name}\\(`, 'm').exec(src);
  if (!m) return '';
  const end = src.indexOf('\n}\n', m.index);
  return src.slice(m.index, end < 0 ? undefined : end);
}

/** Adjacent C string literals from `start`, joined (the message of an ha_alert or memprintf). */
function cMessage(text) {
  const call = /(?:ha_alert|memprintf)\s*\(([\s\S]*?)\);/.exec(text);
  if (!call) return null;
  const parts = [];
  const lit = /"((?:[^"\\]|\\.)*)"/g;
  // Only the literals before the first argument that is not a literal.
  const body = call[1].replace(/^\s*err\s*,\s*/, '');
  let last = 0;
  for (let m; (m = lit.exec(body));) {
    if (body.slice(last, m.index).replace(/\s+/g, '') !== '' && parts.length > 0) break;
    parts.push(m[1]);
    last = m.index + m[0].length;
  }
  return parts.join('');
}

/**
 * The branches `if/else if (... strcmp(args[N], "X") ...)` of a function, each with the names its
 * condition compares and its body text. Indentation delimits bodies (HAProxy's style is strict).
 */
function branches(fn, argIndex) {
  const lines = fn.split('\n');
  const out = [];
  const head = /^(\s*)(?:\}\s*)?(?:else\s+)?if\s*\(/;
  const name = new RegExp(`strn?cmp\\(args\\[${argIndex}\\],\\s*"([^"]+)"`, 'g');
  for (let i = 0; i < lines.length; i++) {
    const h = head.exec(lines[i]);
    if (!h) continue;
    let cond = lines[i];
    let j = i;
    while (!/\{\s*(\/\*.*)?$/.test(lines[j]) && j + 1 < lines.length && j - i < 4) cond += lines[++j];
    const names = [...cond.matchAll(name)].map((m) => m[1]);
    if (names.length === 0) continue;
    const indent = h[1];
    let k = j + 1;
    while (k < lines.length && !(lines[k].startsWith(`${indent}}`) && !lines[k].startsWith(`${indent}}}`))) k++;
    out.push({ names, indent: indent.length, body: lines.slice(j + 1, k).join('\n'), line: i });
  }
  return out;
}

const REFUSAL = /not supported any ?more|no longer supported|doesn't exist any ?more/;

/** HAProxy's refusal text for a keyword: placeholders filled, location prefix dropped. */
function refusalText(msg, kw, kw2) {
  let n = 0;
  return msg
    .replace(/^parsing \[%s:%d\]\s*:\s*/, '')
    .replace(/%s/g, () => (n++ === 0 ? kw : kw2 ?? kw))
    .replace(/\\n$/, '')
    .replace(/\s+\.$/, '.')
    .trim();
}

function docGlobal(doc) {
  const start = doc.search(/^3\. Global parameters$/m);
  const end = doc.search(/^3\.1\. Process management/m);
  return [...doc.slice(start, end).matchAll(/^\s+- (\S+)\s*$/gm)].map((m) => m[1]);
}

function docMatrix(doc) {
  const start = doc.search(/^4\.1\. Proxy keywords matrix$/m);
  const end = doc.search(/^4\.2\. Alphabetically sorted keywords reference$/m);
  const rows = [];
  for (const line of doc.slice(start, end).split('\n')) {
    const m = /^(\S.*?)\s+((?:[X-](?:\s*\(!\))?\s+){3}[X-](?:\s*\(!\))?)\s*$/.exec(line);
    if (!m || line.startsWith('--')) continue;
    const kw = m[1].replace(/\((?:deprecated|deprectated|\*)\)/g, '').trim().replace(/\s+/g, ' ');
    if (!kw || kw.startsWith('keyword')) continue;
    const cols = m[2].replace(/\(!\)/g, '').trim().split(/\s+/);
    rows.push({ kw, deprecated: /deprec/.test(m[1]), sections: ['defaults', 'frontend', 'listen', 'backend'].filter((_, i) => cols[i] === 'X') });
  }
  return rows;
}

function docServerOptions(doc) {
  const start = doc.search(/^5\.2\. Server and default-server options$/m);
  const end = doc.search(/^5\.3\. Server /m);
  // An option's entry starts at column 0: its name alone or followed by its <arguments>.
  return [...doc.slice(start, end).matchAll(/^([a-z][a-z0-9_.-]*(?:\([a-z<>]*\))?)(?: [<[].*)?$/gm)]
    .map((m) => m[1])
    .filter((n) => !['the', 'this', 'note', 'except', 'example', 'see', 'server', 'default-server'].includes(n));
}

function extract(rev) {
  const doc = show(rev, 'doc/configuration.txt');
  // Add-ons (WURFL, DeviceAtlas, 51Degrees, OpenTracing, Prometheus) register keywords too.
  const files = git('ls-tree', '-r', '--name-only', rev, 'src', 'addons').split('\n').filter((f) => f.endsWith('.c'));
  const src = new Map(files.map((f) => [f, show(rev, f)]));
  const all = [...src.values()].join('\n');

  const sections = new Set();
  for (const m of all.matchAll(/(?:cfg_register_section|REGISTER_CONFIG_SECTION)\("([^"]+)"/g)) sections.add(m[1]);

  const global = new Set(docGlobal(doc));
  const proxy = new Set();
  const option = new Set();
  const timeout = new Set();
  const server = new Map();
  const refused = [];
  for (const m of all.matchAll(/\{\s*CFG_(GLOBAL|LISTEN)\s*,\s*"([^"]+)"/g)) (m[1] === 'GLOBAL' ? global : proxy).add(m[2]);
  const listenRegistered = new Set(proxy);

  for (const row of docMatrix(doc)) {
    const [first, second] = row.kw.split(' ');
    if (first === 'option' && second) option.add(second);
    else if (first === 'no' && row.kw.startsWith('no option') && row.kw.split(' ')[2]) option.add(row.kw.split(' ')[2]);
    else if (first === 'timeout' && second) timeout.add(second);
    else proxy.add(first);
  }

  const globalFile = [...src.keys()].find((f) => /cfg_parse_global\(const char/.test(src.get(f)) && /^int cfg_parse_global\(/m.test(src.get(f)));
  const listenFile = [...src.keys()].find((f) => /^int cfg_parse_listen\(/m.test(src.get(f)));
  const gfn = cFunction(src.get(globalFile), 'cfg_parse_global');
  const lfn = cFunction(src.get(listenFile), 'cfg_parse_listen');
  const tfn = cFunction(src.get('src/proxy.c'), 'proxy_parse_timeout');

  const scan = (fn, argIndex, into, ctx, filter = () => true) => {
    for (const b of branches(fn, argIndex)) {
      if (!filter(b)) continue;
      for (const n of b.names) into.add(n);
      // The branch's own first statements, before any nested test (`mode` refuses `mode health`, not itself).
      const own = b.body.split('\n');
      const nested = own.findIndex((l) => /\bif\s*\(/.test(l));
      const first = own.slice(0, Math.min(8, nested < 0 ? 8 : nested)).join('\n');
      if (REFUSAL.test(first)) {
        const msg = cMessage(first);
        if (msg) for (const n of b.names) refused.push({ context: ctx, name: n, reason: refusalText(msg, n) });
      }
    }
  };
  scan(gfn, 0, global, 'global');
  const topIndent = Math.min(...branches(lfn, 0).map((b) => b.indent));
  scan(lfn, 0, proxy, 'proxy', (b) => b.indent === topIndent);
  // `option NAME`: the args[1] branches inside the top-level "option" branch.
  const optionBranch = branches(lfn, 0).find((b) => b.indent === topIndent && b.names.includes('option'));
  if (optionBranch) {
    const opt = new Set();
    scan(optionBranch.body, 1, opt, 'option');
    for (const n of opt) option.add(n);
  }
  for (const m of all.matchAll(/^\s*\{\s*"([a-z][a-z0-9_-]*)",\s*PR_O2?_/gm)) option.add(m[1]);
  // proxy_parse_timeout: names that are also registered keywords (contimeout) are keywords.
  const tnames = new Set();
  for (const b of branches(tfn, 0)) {
    // Also a timeout name: `timeout contimeout 5s` reaches the same branch.
    for (const n of b.names) {
      tnames.add(n);
      if (listenRegistered.has(n)) proxy.add(n);
    }
    const first = b.body.split('\n').slice(0, 4).join('\n');
    if (REFUSAL.test(first)) {
      const msg = cMessage(first);
      if (msg) for (const n of b.names) for (const context of ['proxy', 'timeout']) refused.push({ context, name: n, reason: refusalText(msg, n) });
    }
  }
  for (const n of tnames) if (n !== 'timeout') timeout.add(n);

  // Server options: srv_kws registrations carry the number of value words; the older inline
  // strcmp(args[cur_arg], ...) chain of parse_server (1.9) the documentation's, taken as 1.
  for (const m of all.matchAll(/^\s*\{\s*"([a-z][a-z0-9_.()-]*)",\s*srv_parse_[a-z0-9_]+,\s*(-?\d+)/gm)) server.set(m[1], Number(m[2]));
  for (const m of src.get('src/server.c').matchAll(/strcmp\(args\[cur_arg\],\s*"([a-z][a-z0-9_-]*)"\)/g)) if (!server.has(m[1])) server.set(m[1], 1);
  for (const n of docServerOptions(doc)) if (!server.has(n)) server.set(n, n.includes('(') ? 1 : -2);

  const sort = (s) => [...s].sort();
  return {
    revision: rev,
    sections: sort(sections),
    global: sort([...global].filter((n) => !sections.has(n))),
    // The section headers are compared in cfg_parse_listen too: they are sections, not keywords.
    proxy: sort([...proxy].filter((n) => !sections.has(n) && n !== 'no' && n !== 'default')),
    option: sort(option),
    // 1.9 read `clitimeout` in the timeout parser too, but as a keyword of its own.
    timeout: sort(timeout),
    // -1: a variable number of words; -2: listed in the manual only (count unknown).
    serverOptions: Object.fromEntries([...server].sort(([a], [b]) => a.localeCompare(b))),
    refused: refused.sort((a, b) => a.context.localeCompare(b.context) || a.name.localeCompare(b.name)),
  };
}

const versions = Object.fromEntries(Object.entries(VERSIONS).map(([v, rev]) => [v, extract(rev)]));
// Names of 1.5 that neither 1.9 nor 2.6 knows (reqisetbe …): real once, refused by both engines' parsers.
const onlyIn = (other, ctx) => other[ctx].filter((n) => !Object.values(versions).some((d) => d[ctx].includes(n)));
const old = extract(FORMER);
const formerly = (ctx) => onlyIn(old, ctx);
const newer = extract(LATER);
const later = (ctx) => onlyIn(newer, ctx).filter((n) => !old[ctx].includes(n));
const isNew = (name, ctx) => !Object.values(versions).some((d) => (ctx === 'serverOptions' ? name in d.serverOptions : d[ctx].includes(name)));
const laterServerOptions = Object.fromEntries(Object.entries(newer.serverOptions).filter(([n]) => isNew(n, 'serverOptions')));
// Per release, the names it adds to 2.6's (the newest's are `newer`'s: extracted once).
const releases = Object.fromEntries(Object.entries(RELEASES).map(([v, rev]) => {
  const d = rev === LATER ? newer : extract(rev);
  const added = (ctx) => d[ctx].filter((n) => isNew(n, ctx));
  return [v, {
    revision: rev, sections: added('sections'), global: added('global'), proxy: added('proxy'), option: added('option'), timeout: added('timeout'),
    serverOptions: Object.keys(d.serverOptions).filter((n) => isNew(n, 'serverOptions')),
  }];
}));
const data = {
  about: 'Generated by scripts/extract-haproxy-keywords.mjs from HAProxy\'s doc/configuration.txt and src/*.c; do not edit by hand.',
  versions,
  former: { revision: FORMER, global: formerly('global'), proxy: formerly('proxy'), option: formerly('option'), timeout: formerly('timeout') },
  later: {
    revision: LATER, sections: later('sections'), global: later('global'), proxy: later('proxy'), option: later('option'), timeout: later('timeout'),
    // With their value counts (the parser skips their values); -1: variable, -2: count unknown.
    serverOptions: laterServerOptions,
  },
  releases,
};
const text = `${JSON.stringify(data, null, 1)}\n`;
if (args.includes('--check')) {
  const old = readFileSync(OUT, 'utf8');
  if (old !== text) {
    console.error(`${OUT} is out of date: run node scripts/extract-haproxy-keywords.mjs`);
    process.exit(1);
  }
  console.log('haproxy-keywords.json is up to date');
} else {
  writeFileSync(OUT, text);
  for (const [v, d] of Object.entries(data.versions)) {
    console.log(`${v} (${d.revision}): ${d.sections.length} sections, ${d.global.length} global, ${d.proxy.length} proxy, ${d.option.length} options, ${d.timeout.length} timeouts, ${Object.keys(d.serverOptions).length} server options, ${d.refused.length} refusals`);
  }
}
