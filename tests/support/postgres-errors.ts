/** The name of the constraint a rejected query violated (Drizzle wraps postgres.js's error as `cause`). */
export async function violatedConstraint(query: PromiseLike<unknown>): Promise<string | undefined> {
  try {
    await query;
  } catch (error) {
    const cause = (error as { cause?: { constraint_name?: string } }).cause;
    return cause?.constraint_name ?? (error as { constraint_name?: string }).constraint_name;
  }
  throw new Error('expected the query to be rejected, but it succeeded');
}
