// The shape of an API route: a method, a path pattern with capture groups for ids, and a handler
// that returns the JSON body or throws a StripeApiError.
import type { RequestOrigin } from '../context';
import type { FormObject } from './form-decoding';

export interface ApiCall {
  params: FormObject;
  /** The pattern's capture groups, e.g. the session id in /v1/checkout/sessions/:id. */
  ids: string[];
  origin: RequestOrigin;
  path: string;
}

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  handle: (call: ApiCall) => unknown;
}

export function idAt(call: ApiCall, index = 0): string {
  return call.ids[index] ?? '';
}
