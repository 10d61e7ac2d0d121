// `npm run verify` and CI's differential run need a real HAProxy: Debian's package (2.6.12) is one
// apt-get away. Install it when `haproxy` is not on PATH (or HAPROXY names a missing binary).
import { execSync, spawnSync } from 'node:child_process';

const bin = process.env.HAPROXY ?? 'haproxy';
const works = () => spawnSync(bin, ['-v'], { stdio: 'ignore', timeout: 5000 }).status === 0;
if (works()) process.exit(0);
console.log(`${bin} is missing: installing Debian's haproxy with apt-get…`);
const sudo = process.getuid && process.getuid() !== 0 ? 'sudo ' : '';
try {
  // The package's service is not wanted: verify starts its own haproxy on loopback ports.
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy`, { stdio: 'inherit' });
} catch {
  console.error('could not install haproxy with apt-get; install the Debian package `haproxy` (or set HAPROXY) and run again');
  process.exit(1);
}
if (!works()) {
  console.error(`${bin} still does not run after installing the package`);
  process.exit(1);
}
