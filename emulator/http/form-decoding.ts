// Decodes Stripe's form encoding: `a[b][0][c]=x`, `expand[]=y`, repeated keys, `key=` meaning "unset".
// The result is a plain tree; objects whose keys are all indices become arrays, as Stripe reads them.

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

export function decodeForm(body: string): FormObject {
  const root: FormObject = {};
  if (!body) return root;
  for (const [rawKey, value] of new URLSearchParams(body)) {
    insert(root, splitKey(rawKey), value);
  }
  return normaliseArrays(root) as FormObject;
}

function splitKey(rawKey: string): string[] {
  const open = rawKey.indexOf('[');
  if (open < 0) return [rawKey];
  const parts = [rawKey.slice(0, open)];
  const pattern = /\[([^\]]*)\]/g;
  for (const match of rawKey.slice(open).matchAll(pattern)) parts.push(match[1] ?? '');
  return parts;
}

const APPEND = '\u0000append';

function insert(target: FormObject, path: string[], value: string): void {
  let node = target;
  for (let i = 0; i < path.length; i++) {
    let key = path[i] ?? '';
    if (key === '') key = `${APPEND}${Object.keys(node).length}`;
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (typeof next === 'object' && !Array.isArray(next)) {
      node = next;
    } else {
      const created: FormObject = {};
      node[key] = created;
      node = created;
    }
  }
}

function isIndexKey(key: string): boolean {
  return key.startsWith(APPEND) || /^\d+$/.test(key);
}

function indexOf(key: string): number {
  return key.startsWith(APPEND) ? Number(key.slice(APPEND.length)) : Number(key);
}

function normaliseArrays(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  for (const key of keys) value[key] = normaliseArrays(value[key] as FormValue);
  if (keys.length === 0 || !keys.every(isIndexKey)) return value;
  return keys.sort((a, b) => indexOf(a) - indexOf(b)).map((key) => value[key] as FormValue);
}
