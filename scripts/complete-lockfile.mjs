// The npm mirror on our build machines serves only linux-x64 builds of platform packages, so the
// lockfile npm writes there lacks the other platforms' optional entries and `npm ci` refuses it
// ("Missing: @next/swc-darwin-arm64 from lock file"). This adds a version-only entry for each
// missing optional dependency: npm skips it where it cannot install, and fetches it by version on
// the platforms that need it. Run after `npm install` changes the lockfile: `npm run lock:complete`.
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages;

function isResolvable(fromPath, name) {
  let base = fromPath;
  for (;;) {
    if (packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true;
    if (!base) return false;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    if (isResolvable(path, name)) continue;
    packages[`node_modules/${name}`] = { version: range.replace(/^[\^~=]/, ''), optional: true };
    added += 1;
  }
}
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lockfile: ${added} optional platform entries added`);
