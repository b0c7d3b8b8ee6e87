// Checks JSON the emulator emits, and parameter rules it accepts, against the pinned stripe
// package's TypeScript types, with the TypeScript compiler: every string found where the SDK
// types a union of string literals must be one of them, and every field must exist on the type.
// The SDK's unions end in `OtherString` (any string compiles), so a plain type-check would let a
// retired value such as ui_mode 'hosted' through; this reads the literals themselves.
import { join } from 'node:path';
import ts from 'typescript';
import type { Rule } from '@/emulator/http/params';

const PROBE = join(process.cwd(), '__stripe_sdk_probe__.ts');

export class SdkTypes {
  private readonly checker: ts.TypeChecker;
  private readonly roots = new Map<string, ts.Type>();

  /** `names`: an alias per SDK type, e.g. { session: 'Stripe.Checkout.Session' }. */
  constructor(names: Record<string, string>) {
    const source = `import Stripe from 'stripe';\nexport interface Probe {\n${Object.entries(names)
      .map(([alias, type]) => `  ${JSON.stringify(alias)}: ${type};`)
      .join('\n')}\n}\n`;
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      strict: true,
      skipLibCheck: true,
      noEmit: true,
    };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const getSourceFile = host.getSourceFile.bind(host);
    host.readFile = (file) => (file === PROBE ? source : readFile(file));
    host.fileExists = (file) => file === PROBE || ts.sys.fileExists(file);
    host.getSourceFile = (file, language) =>
      file === PROBE ? ts.createSourceFile(file, source, language) : getSourceFile(file, language);
    const program = ts.createProgram([PROBE], options, host);
    this.checker = program.getTypeChecker();
    const probe = program.getSourceFile(PROBE);
    const declaration = probe?.statements.find(ts.isInterfaceDeclaration);
    if (!declaration) throw new Error('the SDK probe did not compile');
    const probeType = this.checker.getTypeAtLocation(declaration);
    for (const alias of Object.keys(names)) {
      const symbol = probeType.getProperty(alias);
      if (!symbol) throw new Error(`no SDK type for ${alias}`);
      this.roots.set(alias, this.checker.getTypeOfSymbol(symbol));
    }
  }

  /** Problems with `value` as the SDK type `alias`: values outside a union, unknown fields. */
  checkValue(alias: string, value: unknown, path = alias): string[] {
    const root = this.roots.get(alias);
    if (!root) throw new Error(`unknown alias ${alias}`);
    const problems: string[] = [];
    this.walk(value, root, path, problems);
    return problems;
  }

  /** Problems with a parameter rule as the SDK's params type `alias`: oneOf values it does not have. */
  checkRules(alias: string, rules: Record<string, Rule>): string[] {
    const root = this.roots.get(alias);
    if (!root) throw new Error(`unknown alias ${alias}`);
    const problems: string[] = [];
    for (const [key, rule] of Object.entries(rules)) this.walkRule(rule, root, key, key, problems);
    return problems;
  }

  /** The string literals of a union (without OtherString); empty when the type is not one. */
  literals(type: ts.Type): string[] {
    const members = type.isUnion() ? type.types : [type];
    return members
      .filter((member) => member.isStringLiteral())
      .map((member) => (member as ts.StringLiteralType).value);
  }

  private walk(value: unknown, declared: ts.Type, path: string, problems: string[]): void {
    if (value === null || value === undefined) return;
    const type = this.checker.getNonNullableType(declared);
    if (typeof value === 'string') {
      const literals = this.literals(type);
      if (literals.length > 0 && !literals.includes(value)) {
        problems.push(`${path}: "${value}" is not one of ${literals.join(', ')}`);
      }
      return;
    }
    if (typeof value !== 'object') return;
    const candidates = (type.isUnion() ? type.types : [type]).filter(
      (member) => member.flags & ts.TypeFlags.Object || member.flags & ts.TypeFlags.Intersection,
    );
    if (candidates.length === 0) return;
    if (Array.isArray(value)) {
      const array = candidates.find((member) => this.checker.isArrayType(member));
      if (!array) {
        problems.push(`${path}: an array where the SDK has no array`);
        return;
      }
      const element = this.checker.getTypeArguments(array as ts.TypeReference)[0];
      if (element)
        value.forEach((item, index) => this.walk(item, element, `${path}[${index}]`, problems));
      return;
    }
    const objects = candidates.filter((member) => !this.checker.isArrayType(member));
    const matching = objects.filter((member) =>
      this.discriminatorsMatch(member, value as Record<string, unknown>),
    );
    const pool = matching.length > 0 ? matching : objects;
    // Several object types left (an expandable field, say): the value must fit one of them.
    let best: string[] | null = null;
    for (const member of pool) {
      const found: string[] = [];
      this.walkObject(value as Record<string, unknown>, member, path, found);
      if (found.length === 0) return;
      if (!best || found.length < best.length) best = found;
    }
    problems.push(...(best ?? []));
  }

  /** `object` and `type` literals decide between the members of a union (events, expandables). */
  private discriminatorsMatch(member: ts.Type, value: Record<string, unknown>): boolean {
    for (const key of ['object', 'type']) {
      const symbol = member.getProperty(key);
      if (!symbol || typeof value[key] !== 'string') continue;
      const literals = this.literals(this.checker.getTypeOfSymbol(symbol));
      if (literals.length > 0 && !literals.includes(value[key] as string)) return false;
    }
    return true;
  }

  private walkObject(
    value: Record<string, unknown>,
    type: ts.Type,
    path: string,
    problems: string[],
  ): void {
    const index = this.checker.getIndexTypeOfType(type, ts.IndexKind.String);
    for (const [key, item] of Object.entries(value)) {
      const symbol = type.getProperty(key);
      const fieldType = symbol ? this.checker.getTypeOfSymbol(symbol) : index;
      if (!fieldType) {
        problems.push(`${path}.${key}: not a field of the SDK type`);
        continue;
      }
      this.walk(item, fieldType, `${path}.${key}`, problems);
    }
  }

  private walkRule(
    rule: Rule,
    declared: ts.Type,
    path: string,
    key: string,
    problems: string[],
  ): void {
    const type = this.checker.getNonNullableType(declared);
    const symbol = type.getProperty(key);
    if (!symbol) {
      problems.push(`${path}: not a parameter of the SDK type`);
      return;
    }
    this.walkRuleType(rule, this.checker.getTypeOfSymbol(symbol), path, problems);
  }

  private walkRuleType(rule: Rule, declared: ts.Type, path: string, problems: string[]): void {
    // `Emptyable<T>` is `T | ''`: the empty string is how a form unsets a field, not a value.
    const type = this.checker.getNonNullableType(declared);
    if (rule.kind === 'string' && rule.oneOf) {
      const literals = this.literals(type).filter((literal) => literal !== '');
      for (const value of rule.oneOf) {
        if (literals.length > 0 && !literals.includes(value)) {
          problems.push(`${path}: accepts "${value}", not one of ${literals.join(', ')}`);
        }
      }
      if (literals.length === 0) problems.push(`${path}: a oneOf where the SDK has no union`);
      return;
    }
    const members = (type.isUnion() ? type.types : [type]).filter(
      (member) => member.flags & ts.TypeFlags.Object,
    );
    if (rule.kind === 'array') {
      const array = members.find((member) => this.checker.isArrayType(member));
      const element = array
        ? this.checker.getTypeArguments(array as ts.TypeReference)[0]
        : undefined;
      if (element) this.walkRuleType(rule.of, element, `${path}[]`, problems);
      return;
    }
    if (rule.kind === 'object') {
      const object = members.find((member) => !this.checker.isArrayType(member));
      if (!object) return;
      for (const [key, field] of Object.entries(rule.fields)) {
        this.walkRule(field, object, `${path}[${key}]`, key, problems);
      }
    }
  }
}
