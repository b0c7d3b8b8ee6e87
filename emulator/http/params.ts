// Declarative parameter rules, checked the way Stripe checks them: unknown keys are rejected by
// their full bracket path, the first problem wins, and messages follow Stripe's wording.
import { invalidRequest, missingParameter, unknownParameter } from './errors';
import type { FormValue } from './form-decoding';

export type Rule =
  | { kind: 'string'; maxLength?: number; oneOf?: readonly string[] }
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'boolean' }
  | { kind: 'object'; fields: Record<string, Rule>; required: readonly string[] }
  | { kind: 'array'; of: Rule; maxItems?: number }
  | { kind: 'metadata' }
  | { kind: 'map'; of: Rule }
  | { kind: 'range' };

export const string = (options: { maxLength?: number; oneOf?: readonly string[] } = {}): Rule => ({
  kind: 'string',
  ...options,
});
export const integer = (options: { min?: number; max?: number } = {}): Rule => ({
  kind: 'integer',
  ...options,
});
export const boolean = (): Rule => ({ kind: 'boolean' });
type ObjectRule = Extract<Rule, { kind: 'object' }>;

export const object = (
  fields: Record<string, Rule>,
  required: readonly string[] = [],
): ObjectRule => ({
  kind: 'object',
  fields,
  required,
});
export const array = (of: Rule, maxItems?: number): Rule => ({ kind: 'array', of, maxItems });
export const metadata = (): Rule => ({ kind: 'metadata' });
/** An object keyed by anything (a currency, say) whose values follow one rule: `currency_options`. */
export const map = (of: Rule): Rule => ({ kind: 'map', of });
/** A `created` style filter: an integer, or `{ gt, gte, lt, lte }`. */
export const range = (): Rule => ({ kind: 'range' });

export interface RangeFilter {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

/** Every endpoint accepts `expand`; the top level is an object of `fields`. */
export function parseParams<T>(
  fields: Record<string, Rule>,
  input: FormValue,
  required: readonly string[] = [],
): T {
  return parse(object({ ...fields, expand: array(string()) }, required), input, '') as T;
}

function child(path: string, key: string | number): string {
  return path === '' ? String(key) : `${path}[${key}]`;
}

function parse(rule: Rule, value: FormValue, path: string): unknown {
  switch (rule.kind) {
    case 'string':
      return parseString(rule, value, path);
    case 'integer':
      return parseInteger(rule, value, path);
    case 'boolean':
      if (value === 'true') return true;
      if (value === 'false') return false;
      throw invalidRequest(`Invalid boolean: ${String(value)}`, path);
    case 'object':
      return parseObject(rule, value, path);
    case 'array': {
      const items = Array.isArray(value) ? value : undefined;
      if (!items) throw invalidRequest('Invalid array', path);
      if (rule.maxItems !== undefined && items.length > rule.maxItems) {
        throw invalidRequest(`You may only specify up to ${rule.maxItems} items.`, path);
      }
      return items.map((item, index) => parse(rule.of, item, child(path, index)));
    }
    case 'metadata':
      return parseMetadata(value, path);
    case 'map': {
      if (typeof value === 'string' || Array.isArray(value))
        throw invalidRequest('Invalid object', path);
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value))
        result[key] = parse(rule.of, item, child(path, key));
      return result;
    }
    case 'range':
      if (typeof value === 'string') return parseInteger({ kind: 'integer' }, value, path);
      return parseObject(
        object({ gt: integer(), gte: integer(), lt: integer(), lte: integer() }),
        value,
        path,
      );
  }
}

function parseString(
  rule: Extract<Rule, { kind: 'string' }>,
  value: FormValue,
  path: string,
): string {
  if (typeof value !== 'string')
    throw invalidRequest(`Invalid string: ${JSON.stringify(value)}`, path);
  if (rule.oneOf && !rule.oneOf.includes(value)) {
    throw invalidRequest(`Invalid ${path}: must be one of ${listWords(rule.oneOf)}`, path);
  }
  if (rule.maxLength !== undefined && value.length > rule.maxLength) {
    throw invalidRequest(
      `Invalid string: ${value.slice(0, 10)}...; must be at most ${rule.maxLength} characters`,
      path,
    );
  }
  return value;
}

function listWords(words: readonly string[]): string {
  if (words.length < 2) return words.join('');
  return `${words.slice(0, -1).join(', ')}, or ${words[words.length - 1]}`;
}

function parseInteger(
  rule: Extract<Rule, { kind: 'integer' }>,
  value: FormValue,
  path: string,
): number {
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) {
    throw invalidRequest(
      `Invalid integer: ${typeof value === 'string' ? value : '(object)'}`,
      path,
      'parameter_invalid_integer',
    );
  }
  const number = Number(value);
  if (rule.min !== undefined && number < rule.min) {
    throw invalidRequest(`This value must be greater than or equal to ${rule.min}.`, path);
  }
  if (rule.max !== undefined && number > rule.max) {
    throw invalidRequest(`This value must be less than or equal to ${rule.max}.`, path);
  }
  return number;
}

function parseObject(
  rule: Extract<Rule, { kind: 'object' }>,
  value: FormValue,
  path: string,
): Record<string, unknown> {
  if (typeof value === 'string' || Array.isArray(value)) {
    if (value === '' && path !== '') return {};
    throw invalidRequest(`Invalid object`, path || undefined);
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const fieldRule = rule.fields[key];
    if (!fieldRule) throw unknownParameter(child(path, key));
    // `key=` means "unset": an optional field sent empty is treated as absent.
    if (item === '' && fieldRule.kind !== 'metadata') continue;
    result[key] = parse(fieldRule, item, child(path, key));
  }
  for (const key of rule.required) {
    if (result[key] === undefined || result[key] === '') throw missingParameter(child(path, key));
  }
  return result;
}

// Stripe's limits: 50 keys, key up to 40 characters, value up to 500 characters.
function parseMetadata(value: FormValue, path: string): Record<string, string> {
  if (value === '') return {};
  const entries =
    typeof value === 'string'
      ? undefined
      : Array.isArray(value)
        ? value.map((item, index) => [String(index), item] as const)
        : Object.entries(value);
  if (!entries) throw invalidRequest('Invalid object', path);
  if (entries.length > 50) {
    throw invalidRequest(
      `Invalid ${path}: metadata can have up to 50 keys, but ${entries.length} were provided`,
      path,
    );
  }
  const result: Record<string, string> = {};
  for (const [key, item] of entries) {
    if (typeof item !== 'string')
      throw invalidRequest(`Invalid string: ${JSON.stringify(item)}`, child(path, key));
    if (key.length > 40) {
      throw invalidRequest(
        `Metadata key '${key}' is too long. Keys can be up to 40 characters long.`,
        child(path, key),
      );
    }
    if (item.length > 500) {
      throw invalidRequest(
        `Metadata values can have up to 500 characters, but you passed in a value that is ${item.length} characters.`,
        child(path, key),
      );
    }
    if (item !== '') result[key] = item;
  }
  return result;
}
