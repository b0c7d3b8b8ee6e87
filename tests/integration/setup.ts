import { inject } from 'vitest';

// Point the app's own `db()` (which reads DATABASE_URL through lib/env) at this run's database.
process.env.DATABASE_URL = inject('databaseUrl');
