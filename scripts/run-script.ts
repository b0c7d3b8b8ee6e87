/**
 * Runs a script's main function: expected failures (a bad configuration, say) print their message
 * alone; anything else prints its stack. Either way the exit code is 1.
 */
export function runScript(
  main: () => Promise<void>,
  expected: Array<new (...args: never[]) => Error> = [],
): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const isExpected = expected.some((kind) => error instanceof kind);
      console.error(isExpected && error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
