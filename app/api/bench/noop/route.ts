import { benchRoutesDisabled } from '@/lib/platform/bench-routes';

// Bench baseline: the framework's own limit for a POST route handler that reads its body.
export async function POST(request: Request) {
  const disabled = benchRoutesDisabled();
  if (disabled) return disabled;
  await request.text();
  return new Response('ok');
}
