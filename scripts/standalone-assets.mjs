// `output: 'standalone'` leaves public/ and .next/static out of .next/standalone on purpose (a CDN
// may serve them). We serve them from the same Node server, so copy them in after each build.
import { cpSync, existsSync } from 'node:fs';

if (!existsSync('.next/standalone/server.js')) {
  console.error('No .next/standalone/server.js: run `next build` with output: "standalone" first.');
  process.exit(1);
}
cpSync('public', '.next/standalone/public', { recursive: true });
cpSync('.next/static', '.next/standalone/.next/static', { recursive: true });
console.log('Standalone server ready: node .next/standalone/server.js');
