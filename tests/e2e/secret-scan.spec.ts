import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  forbiddenStrings,
  readBuildSentinels,
  SENTINELS_FILE,
} from '@/tests/support/build-sentinels';
import { expect, test } from './fixtures';

// The global setup builds with sentinel secrets (tests/support/build-sentinels.ts). Nothing a
// browser can fetch may contain them: the client bundles under .next/static, and the prerendered
// pages and their data (.next/server/app, served as they are). The rest of the build is checked
// too, so a secret baked in at build time is caught wherever it lands.

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function scan(files: string[], needles: Array<{ name: string; value: string }>) {
  const leaks: string[] = [];
  for (const file of files) {
    const content = readFileSync(file).toString('latin1');
    for (const { name, value } of needles)
      if (content.includes(value)) leaks.push(`${name} in ${file}`);
  }
  return leaks;
}

test.describe('secret scan of the production build', () => {
  const sentinels = readBuildSentinels();

  test.beforeAll(() => {
    if (!sentinels)
      throw new Error(
        `${SENTINELS_FILE} is missing: this build was not made by the e2e global setup (run without E2E_SKIP_BUILD once)`,
      );
  });

  test('no secret appears in the client bundles under .next/static', () => {
    const files = filesUnder('.next/static');
    expect(files.filter((file) => file.endsWith('.js')).length).toBeGreaterThan(10);
    expect(scan(files, forbiddenStrings(sentinels!))).toEqual([]);
  });

  test('no secret appears in the prerendered pages, which are served as built', () => {
    const files = filesUnder('.next/server/app').filter((file) =>
      /\.(html|rsc|body|meta)$/.test(file),
    );
    // The scan reads real pages: the catalogue rendered from the sentinel database is there.
    expect(scan(files, [{ name: 'a product', value: 'Stoneware' }])).not.toEqual([]);
    expect(scan(files, forbiddenStrings(sentinels!))).toEqual([]);
  });

  test('no secret appears anywhere in the build output, server code included', () => {
    const files = filesUnder('.next').filter(
      (file) =>
        !file.startsWith('.next/cache/') &&
        file !== SENTINELS_FILE &&
        !file.includes('/node_modules/'),
    );
    expect(scan(files, forbiddenStrings(sentinels!))).toEqual([]);
  });
});
