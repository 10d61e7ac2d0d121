// Command line: checks the engine against a real HAProxy binary.
//   npm run verify -- FILE [--haproxy PATH] [--engine seed|parent|modern] [--scale N] [--record OUT.json] [--config auto|own|derived]
//   npm run verify -- --generate N --seed S [--jobs J] [--out DIR] [--haproxy PATH] [--engine modern]
// Exit: 0 match, 1 difference, 2 bad input (or no usable binary), 3 too close to call (undecided).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ENGINE_NAMES, type EngineName } from '../../core/scenario/ast';
import { MODERN_VERSIONS, type ModernVersion } from '../../core/model/names';
import { HaproxyError, haproxyVersion } from './haproxy';
import { formatVerdict, verifyText } from './verify-one';
import { differential } from './differential';

const USAGE = `usage: npm run verify -- FILE [--haproxy PATH] [--engine seed|parent|modern|'modern 3.0'] [--scale N] [--tie MS] [--record OUT.json] [--config auto|own|derived]
       npm run verify -- --generate N [--seed S] [--jobs J] [--out DIR] [--report-only] [--retries R] [--max-unclear U] [--time-limit SECONDS] [--haproxy PATH] [--engine E] [--scale N] [--config auto|own|derived]`;

interface Args {
  file: string | null;
  haproxy: string;
  engine?: EngineName;
  version?: ModernVersion;
  scale: number;
  record: string | null;
  generate: number | null;
  seed: number;
  jobs: number;
  out: string;
  tieMs: number;
  strict: boolean;
  retries: number;
  maxUnclear: number | undefined;
  timeLimitS: number;
  cfg: 'auto' | 'own' | 'derived';
}

function parseArgs(argv: string[]): Args | string {
  const a: Args = { file: null, haproxy: 'haproxy', scale: 1, record: null, generate: null, seed: 1, jobs: 2, out: 'verify-report', tieMs: 8, strict: true, retries: 2, maxUnclear: undefined, timeLimitS: 0, cfg: 'auto' };
  const num = (name: string, v: string | undefined, min: number): number | string => {
    const n = Number(v);
    return v !== undefined && Number.isFinite(n) && n >= min ? n : `--${name} needs a number ≥ ${min}, got '${v ?? ''}'`;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const val = () => inline ?? argv[++i];
    let n: number | string;
    switch (flag) {
      case '--haproxy': a.haproxy = val() ?? ''; break;
      case '--engine': {
        // `modern 3.0`: an engine and the release it follows, as in the scenario's engine line.
        const [v, version, ...more] = (val() ?? '').trim().split(/\s+/);
        if (!v || !(ENGINE_NAMES as readonly string[]).includes(v)) return `unknown engine '${v ?? ''}'; known: ${ENGINE_NAMES.join(', ')}`;
        a.engine = v as EngineName;
        if (version !== undefined) {
          if (v !== 'modern' || !(MODERN_VERSIONS as readonly string[]).includes(version) || more.length)
            return `unknown engine version '${[version, ...more].join(' ')}' for ${v}; the modern engine takes ${MODERN_VERSIONS.join(', ')}`;
          a.version = version as ModernVersion;
        }
        break;
      }
      case '--scale': if (typeof (n = num('scale', val(), 0.1)) === 'string') return n; a.scale = n; break;
      case '--tie': if (typeof (n = num('tie', val(), 0)) === 'string') return n; a.tieMs = n; break;
      case '--generate': if (typeof (n = num('generate', val(), 1)) === 'string') return n; a.generate = Math.floor(n); break;
      case '--seed': if (typeof (n = num('seed', val(), 0)) === 'string') return n; a.seed = Math.floor(n); break;
      case '--jobs': if (typeof (n = num('jobs', val(), 1)) === 'string') return n; a.jobs = Math.floor(n); break;
      case '--out': a.out = val() ?? a.out; break;
      case '--config': {
        const v = val() ?? '';
        if (v !== 'auto' && v !== 'own' && v !== 'derived') return `--config takes auto, own or derived, got '${v}'`;
        a.cfg = v;
        break;
      }
      case '--record': a.record = val() ?? null; break;
      case '--report-only': a.strict = false; break;
      case '--retries': if (typeof (n = num('retries', val(), 0)) === 'string') return n; a.retries = Math.floor(n); break;
      case '--max-unclear': if (typeof (n = num('max-unclear', val(), 0)) === 'string') return n; a.maxUnclear = Math.floor(n); break;
      case '--time-limit': if (typeof (n = num('time-limit', val(), 1)) === 'string') return n; a.timeLimitS = n; break;
      case '-h': case '--help': return 'help';
      default:
        if (flag.startsWith('--')) return `unknown option '${flag}'`;
        if (a.file !== null) return 'only one FILE may be given';
        a.file = arg;
    }
  }
  if (a.file === null && a.generate === null) return 'give a FILE or --generate N';
  return a;
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    if (args === 'help') {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    process.stderr.write(`verify: ${args}\n${USAGE}\n`);
    return 2;
  }
  let binary: string;
  try {
    binary = haproxyVersion(args.haproxy);
  } catch (e) {
    process.stderr.write(`verify: ${(e as Error).message}\n  (Debian: apt-get install haproxy; or --haproxy PATH to a binary you built, see README)\n`);
    return 2;
  }
  const common = { haproxy: args.haproxy, binary, scale: args.scale, limitMs: Math.max(3000, 3000 * args.scale), settleMs: Math.max(50, args.tieMs * 6), tieMs: args.tieMs, engine: args.engine, version: args.version };
  if (args.generate !== null) {
    // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
    const out = resolve(process.env.INIT_CWD ?? '.', args.out);
    return differential({ ...common, cfg: args.cfg, engine: args.engine ?? 'modern', count: args.generate, seed: args.seed, jobs: args.jobs, out, strict: args.strict, retries: args.retries, maxUnclear: args.maxUnclear, timeLimitS: args.timeLimitS });
  }
  const file = args.file!;
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : resolve(process.env.INIT_CWD ?? '.', file), 'utf8');
  } catch (err) {
    process.stderr.write(`verify: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
    return 2;
  }
  const name = file === '-' ? '<stdin>' : file;
  let r;
  try {
    r = await verifyText(text, name, { ...common, cfg: args.cfg });
  } catch (e) {
    if (e instanceof HaproxyError) {
      process.stderr.write(`verify: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (r.kind === 'bad-input') {
    process.stderr.write(r.messages.join('\n') + '\n');
    return 2;
  }
  for (const n of r.notes) process.stderr.write(`${name}: note: ${n}\n`);
  // The engine a file names (or the default, seed) against a 2.x binary is rarely what was meant.
  const modernBinary = /HAProxy [2-9]\./.test(binary);
  if (modernBinary !== (r.engine === 'modern'))
    process.stderr.write(`${name}: note: engine ${r.engine} against ${binary}; ${modernBinary ? 'the modern engine models 2.x (--engine modern)' : 'this binary predates 2.x (--engine seed or parent)'}\n`);
  if (args.record) {
    const out = resolve(process.env.INIT_CWD ?? '.', args.record);
    mkdirSync(resolve(out, '..'), { recursive: true });
    writeFileSync(out, JSON.stringify(r.real, null, 1) + '\n');
  }
  process.stdout.write(formatVerdict(r.verdict, `verify ${name}: engine ${r.engine} vs ${binary} (scale ${args.scale})`) + '\n');
  return r.verdict.outcome === 'match' ? 0 : r.verdict.outcome === 'difference' ? 1 : 3;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`verify: internal error: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(2);
  },
);
