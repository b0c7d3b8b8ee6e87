import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

/** Tests run against the store the global setup started. */
export const test = base.extend<{ expectAccessible: (page: Page) => Promise<void> }>({
  baseURL: async ({}, provide) => {
    const url = process.env.E2E_BASE_URL;
    if (!url)
      throw new Error(
        'E2E_BASE_URL is not set: the store specs need the global setup (E2E_STORE must not be off)',
      );
    await provide(url);
  },
  // axe on the rendered page: no serious or critical violations (DESIGN.md "Tests and CI").
  expectAccessible: async ({}, provide) => {
    await provide(async (page) => {
      const results = await new AxeBuilder({ page }).analyze();
      const blocking = results.violations.filter(
        (v) => v.impact === 'serious' || v.impact === 'critical',
      );
      expect(blocking.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes)`)).toEqual([]);
    });
  },
});

export { expect };
