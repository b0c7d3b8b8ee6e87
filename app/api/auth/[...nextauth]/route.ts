import type { NextRequest } from 'next/server';
import { EMAIL_LINK_PROVIDER, handlers } from '@/lib/auth/auth';

// Auth.js's endpoints, less one: an emailed link is used only by the confirmation page's action
// (lib/auth/customer-actions.ts), never by a request made straight to Auth.js.
const isEmailLinkPath = (request: NextRequest) =>
  request.nextUrl.pathname.split('/').includes(EMAIL_LINK_PROVIDER);

const notFound = () => new Response('Not Found', { status: 404 });

export function GET(request: NextRequest) {
  return isEmailLinkPath(request) ? notFound() : handlers.GET(request);
}

export function POST(request: NextRequest) {
  return isEmailLinkPath(request) ? notFound() : handlers.POST(request);
}
