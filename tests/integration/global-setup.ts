import type { TestProject } from 'vitest/node';
import { createTestDatabase } from '@/tests/support/test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

// One fresh database for the whole integration run, dropped at the end.
export default async function setup(project: TestProject) {
  const database = await createTestDatabase('shopfront_test');
  project.provide('databaseUrl', database.url);
  return () => database.dispose();
}
