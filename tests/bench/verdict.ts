/** Correctness checks of a benchmark run: each one printed, and any failure makes the run exit 1. */
const failures: string[] = [];

export function check(what: string, isTrue: boolean, actual: string): void {
  console.log(`  ${isTrue ? 'ok  ' : 'FAIL'} ${what}${isTrue ? '' : ` (${actual})`}`);
  if (!isTrue) failures.push(`${what}: ${actual}`);
}

export function failedChecks(): string[] {
  return [...failures];
}
