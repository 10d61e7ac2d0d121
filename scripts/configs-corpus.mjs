#!/usr/bin/env node
/**
 * The corpus of real haproxy.cfg files (core/test/configs): copies each file verbatim from a git
 * snapshot of its public repository, then records what Debian's HAProxy 2.6.12 says of it
 * (`haproxy -c -V -f FILE`: -V so that a `quiet` in the file does not hide the alerts) in core/test/configs/manifest.json, with the file's origin and licence.
 *
 *   node scripts/configs-corpus.mjs collect    # copy the files (needs the snapshots under --mirror)
 *   node scripts/configs-corpus.mjs verdicts   # run the binary on each file, write the manifest
 *   node scripts/configs-corpus.mjs            # both
 *
 * Only files of repositories with a licence that allows redistribution are taken. A reg-test
 * (.vtc) holds its configuration inside `haproxy NAME -conf { … }`: that block is the file, and
 * the binary is given a copy where vtest's macros (${s1_addr} …) are replaced as vtest does.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'core', 'test', 'configs');
const FILES = join(ROOT, 'files');
const MANIFEST = join(ROOT, 'manifest.json');
const argv = process.argv.slice(2);
const MIRROR = argv.includes('--mirror') ? argv[argv.indexOf('--mirror') + 1] : '/work/.mirror';

const GPL2 = 'GPL-2.0-or-later (HAProxy, LICENSE)';
const HAPROXY = 'haproxy/haproxy';

/** [id, repo, path, revision, licence, kind] — kind says what sort of set-up the file comes from. */
const SOURCES = [
  // HAProxy's own examples, from 1.5 (old syntax) to 2.6.
  ...['acl-content-sw', 'auth', 'content-sw-sample', 'cttproxy-src', 'examples', 'haproxy', 'option-http_proxy', 'ssl', 'tarpit', 'test-section-kw', 'transparent_proxy', 'url-switching']
    .map((n) => [`haproxy-1.5-${n}`, HAPROXY, `examples/${n}.cfg`, 'v1.5.0', GPL2, 'haproxy-example']),
  ...['basic-config-edge', 'content-sw-sample', 'quick-test', 'socks4', 'wurfl-example', 'transparent_proxy']
    .map((n) => [`haproxy-2.6-${n}`, HAPROXY, `examples/${n}.cfg`, 'v2.6.0', GPL2, 'haproxy-example']),
  ['haproxy-1.9-acl-content-sw', HAPROXY, 'examples/acl-content-sw.cfg', 'v1.9.0', GPL2, 'haproxy-example'],
  // HAProxy's regression tests (the configuration block of each).
  ...['balance/balance-rr', 'cache/basic', 'checks/http-check', 'compression/basic', 'connection/dispatch', 'connection/http_reuse_conn_hash',
    'connection/http_reuse_safe', 'http-messaging/h2_to_h1', 'http-messaging/websocket', 'http-rules/default_rules', 'http-rules/http_return',
    'http-rules/map_redirect', 'http-rules/path_and_pathq', 'log/load_balancing', 'http-rules/converters_ipmask_concat_strcmp_field_word',
    'connection/proxy_protocol_send_unique_id']
    .map((n) => [`reg-test-${n.replace('/', '-')}`, HAPROXY, `reg-tests/${n}.vtc`, 'v2.6.0', GPL2, 'haproxy-reg-test']),
  // The Data Plane API's end-to-end fixtures (HAProxy Technologies): one feature each.
  ...['fixtures/haproxy', 'tests/acls/data/haproxy', 'tests/backend_switching_rules/data/haproxy', 'tests/cache/data/haproxy', 'tests/defaults/data/haproxy',
    'tests/fcgi_app/data/haproxy', 'tests/global/data/haproxy', 'tests/http_request_rules/data/haproxy', 'tests/http_errors/data/haproxy',
    'tests/servers/data/haproxy', 'tests/sites/data/haproxy', 'tests/userlists/data/haproxy', 'tests/tcp_request_rules/data/haproxy']
    .map((n) => [`dataplaneapi-${n.replace(/^tests\//, '').replace(/\/data\/haproxy$|\/haproxy$/, '').replace(/\//g, '-')}`, 'haproxytech/dataplaneapi', `e2e/${n}.cfg`, 'HEAD', 'Apache-2.0', 'test-fixture']),
  // Kubernetes ingress controllers: the base configuration and a Go template.
  ['kubernetes-ingress-haproxy', 'haproxytech/kubernetes-ingress', 'fs/usr/local/etc/haproxy/haproxy.cfg', 'HEAD', 'Apache-2.0', 'kubernetes-ingress'],
  ['kubernetes-ingress-tcp-cr-example', 'haproxytech/kubernetes-ingress', 'documentation/tcp-cr-full-example/haproxy.cfg', 'HEAD', 'Apache-2.0', 'kubernetes-ingress'],
  ['haproxy-ingress-template', 'jcmoraisjr/haproxy-ingress', 'rootfs/etc/templates/haproxy/haproxy.tmpl', 'HEAD', 'Apache-2.0', 'kubernetes-ingress-template'],
  // Compose set-ups, generated configurations and add-ons.
  ['easy-haproxy-00', 'byjg/docker-easy-haproxy', 'tests/fixtures/00_haproxy.cfg', 'HEAD', 'MIT', 'generated-compose'],
  ['easy-haproxy-10', 'byjg/docker-easy-haproxy', 'tests/fixtures/10_haproxy.cfg', 'HEAD', 'MIT', 'generated-compose'],
  ['spoe-auth', 'criteo/haproxy-spoe-auth', 'resources/haproxy/haproxy.cfg', 'HEAD', 'Apache-2.0', 'compose'],
  ['haproxy-lint-testdata', 'abulimov/haproxy-lint', 'testdata/haproxy.cfg', 'HEAD', 'MIT', 'test-fixture'],
  ['crowdsec-bouncer', 'crowdsecurity/cs-haproxy-spoa-bouncer', 'config/haproxy.cfg', 'HEAD', 'MIT', 'compose'],
  ['crowdsec-bouncer-upstreamproxy', 'crowdsecurity/cs-haproxy-spoa-bouncer', 'config/haproxy-upstreamproxy.cfg', 'HEAD', 'MIT', 'compose'],
  ['spoa-mirror-test', 'haproxytech/spoa-mirror', 'test/haproxy.cfg', 'HEAD', 'GPL-2.0', 'test-fixture'],
  ['spoa-mirror-test-ssl', 'haproxytech/spoa-mirror', 'test/haproxy-ssl.cfg', 'HEAD', 'GPL-2.0', 'test-fixture'],
  ['haproxy-protection', '3kho/haproxy-protection', 'haproxy/haproxy.cfg', 'HEAD', 'GPL-3.0', 'compose'],
  ['go-examples-haproxy', '0xff-dev/go-examples', 'haproxy/haproxy.cfg', 'HEAD', 'MIT', 'compose'],
  ['unity-idm-compose', 'unity-idm/docker-examples', 'docker-compose/haproxy/haproxy.cfg', 'HEAD', 'Apache-2.0', 'compose'],
  ['boilerplates-compose', 'dejosli/boilerplates', 'docker-compose/haproxy/haproxy.cfg', 'HEAD', 'MIT', 'compose'],
  ['mini-infra-template', 'mrgeoffrich/mini-infra', 'server/templates/haproxy/haproxy.cfg', 'HEAD', 'MIT', 'generated-compose'],
  // A PostgreSQL cluster behind HAProxy in TCP mode (Patroni's demo).
  ['patroni', 'patroni/patroni', 'haproxy.cfg', 'HEAD', 'MIT', 'tutorial'],
];

function git(repo, ...a) {
  return execFileSync('git', ['--git-dir', join(MIRROR, repo.replace('/', '+'), 'repo'), ...a], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The body of the first `haproxy NAME -conf { … }` block of a vtc file, braces balanced. */
function vtcConfig(vtc) {
  const m = /^\s*haproxy\s+\S+[^\n{]*-conf\s*\{[ \t]*\n/m.exec(vtc);
  if (!m) throw new Error('no -conf block');
  let depth = 1;
  let i = m.index + m[0].length;
  const start = i;
  for (; i < vtc.length && depth > 0; i++) {
    if (vtc[i] === '{') depth++;
    else if (vtc[i] === '}') depth--;
  }
  const body = vtc.slice(start, i - 1);
  return body.slice(0, body.lastIndexOf('\n') + 1);
}

function collect() {
  mkdirSync(FILES, { recursive: true });
  const origins = [];
  for (const [id, repo, path, rev, licence, kind] of SOURCES) {
    const commit = git(repo, 'rev-parse', `${rev}^{commit}`).trim();
    const raw = git(repo, 'show', `${commit}:${path}`);
    const text = path.endsWith('.vtc') ? vtcConfig(raw) : raw;
    writeFileSync(join(FILES, `${id}.cfg`), text);
    origins.push({
      id, file: `files/${id}.cfg`, repository: repo, path, commit, ...(rev !== 'HEAD' ? { tag: rev } : {}), licence, kind,
      ...(path.endsWith('.vtc') ? { extracted: 'the configuration block (haproxy -conf { … }) of the reg-test' } : {}),
      sha256: createHash('sha256').update(text).digest('hex'),
    });
  }
  return origins;
}

/** vtest's macros, as it replaces them before starting HAProxy. */
function vtestMacros(text, dir) {
  let port = 20000;
  // `fd@${fe1}`: a listening socket vtest passes by number; a loopback address stands in for it.
  return text.replace(/fd@\$\{[A-Za-z0-9_]+\}/g, () => `127.0.0.1:${port++}`).replace(/\$\{([A-Za-z0-9_]+)\}/g, (all, name) => {
    if (name.endsWith('_addr')) return '127.0.0.1';
    if (name.endsWith('_port')) return String(port++);
    if (name.endsWith('_sock')) return join(dir, `${name}.sock`);
    if (name === 'testdir' || name === 'tmpdir') return dir;
    return all;
  });
}

const KINDS = [
  // A condition naming an undeclared ACL is the configuration's own error, not a missing file.
  ['other', /no such ACL/i],
  // Keywords and fetches of modules Debian does not build (WURFL, DeviceAtlas, 51Degrees).
  ['module-not-built', /wurfl|deviceatlas|51degrees|\b51d\./i],
  ['missing-file', /unable to load|no such file|cannot open|can't open|failed to open|unable to stat|unable to find|error opening|unable to read|cannot access|failed to load|couldn't open|No such|not found/i],
  // `log loghost …`: a log target is resolved while parsing; a name that does not resolve is "invalid".
  ['unresolvable-host', /could not resolve|can't resolve|unable to resolve|unknown host|resolve address|invalid address: '[a-z][a-z0-9.-]*'/i],
  ['refused-keyword', /not supported any ?more|doesn't exist any ?more|unknown keyword|unknown option|is not a supported|was removed/i],
];

function classify(message) {
  for (const [kind, re] of KINDS) if (re.test(message)) return kind;
  return 'other';
}

function verdict(file, vtc) {
  const dir = mkdtempSync(join(tmpdir(), 'hacfg-'));
  try {
    let path = file;
    if (vtc) {
      path = join(dir, 'haproxy.cfg');
      writeFileSync(path, vtestMacros(readFileSync(file, 'utf8'), dir));
    }
    const r = spawnSync('haproxy', ['-c', '-V', '-f', path], { encoding: 'utf8', cwd: dir, timeout: 20_000, env: { PATH: process.env.PATH } });
    const out = `${r.stdout}\n${r.stderr}`;
    const alerts = [];
    for (const line of out.split('\n')) {
      if (!/\[ALERT\]/.test(line)) continue;
      const msg = line.replace(/^\[ALERT\]\s*\(\d+\)\s*:\s*/, '').replace(/^config\s*:\s*/, '');
      if (/Error\(s\) found in configuration file|Fatal errors found in configuration/.test(msg)) continue;
      const at = /parsing \[[^\]]*:(\d+)\]\s*:?\s*(.*)$/.exec(msg);
      // Paths of this run (temporary directory, checkout) would make the manifest differ from run to run.
      const message = (at ? at[2] : msg).trim().split(dir).join('${testdir}').split(`${ROOT}/`).join('');
      alerts.push({ ...(at ? { line: Number(at[1]) } : {}), kind: classify(message), message });
    }
    const warnings = out.split('\n').filter((l) => /\[WARNING\]/.test(l)).length;
    // Exit 2 without an alert: "no error but will not start (no listener)".
    return { exitCode: r.status, valid: r.status === 0 || (r.status === 2 && alerts.length === 0), alerts, warnings };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cmd = argv.find((a) => !a.startsWith('--') && a !== MIRROR) ?? 'all';
let origins;
if (cmd === 'collect' || cmd === 'all') origins = collect();
else origins = JSON.parse(readFileSync(MANIFEST, 'utf8')).files.map(({ haproxy, ...o }) => o);
if (cmd === 'verdicts' || cmd === 'all') {
  const version = execFileSync('haproxy', ['-v'], { encoding: 'utf8' }).split('\n')[0];
  const files = origins.map((o) => ({ ...o, haproxy: verdict(join(ROOT, o.file), o.path.endsWith('.vtc')) }));
  writeFileSync(MANIFEST, `${JSON.stringify({
    about: 'Real haproxy.cfg files, each verbatim from its public repository (origin and licence below); `haproxy` is what `haproxy -c -V -f FILE` of the binary named in `binary` said. Generated by scripts/configs-corpus.mjs.',
    binary: version,
    files,
  }, null, 1)}\n`);
  const n = (k) => files.filter((f) => f.haproxy.alerts.some((a) => a.kind === k)).length;
  console.log(`${files.length} files; valid for ${version}: ${files.filter((f) => f.haproxy.valid).length}; with missing files: ${n('missing-file')}, unresolvable hosts: ${n('unresolvable-host')}, refused keywords: ${n('refused-keyword')}, other: ${n('other')}`);
} else console.log(`${origins.length} files collected`);
