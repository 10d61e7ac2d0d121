// End-to-end tests drive Debian's Chromium (/usr/bin/chromium); Playwright's own
// browser download cannot work on these machines. Install it with apt-get when missing.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const path = process.env.PW_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);
console.log(`${path} is missing: installing Debian's chromium with apt-get (a few minutes)…`);
const sudo = process.getuid && process.getuid() !== 0 ? 'sudo ' : '';
try {
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, { stdio: 'inherit' });
} catch {
  console.error('could not install chromium with apt-get; install the Debian package `chromium` (or set PW_CHROMIUM) and run again');
  process.exit(1);
}
