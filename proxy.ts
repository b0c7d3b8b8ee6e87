import { NextResponse, type NextRequest } from 'next/server';

// Next 16's request proxy (formerly middleware). It only passes requests through for now; the
// admin issue adds the signed-out redirect for /admin here.
export function proxy(_request: NextRequest) {
  return NextResponse.next();
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|products/).*)'],
};
