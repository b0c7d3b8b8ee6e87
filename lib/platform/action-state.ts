/** What every admin form shows after its action: an outcome message, and problems per field. */
export type ActionState = {
  status: 'idle' | 'success' | 'error';
  message: string;
  fieldErrors?: Record<string, string>;
  /** The submitted fields, after an error: React resets a form after its action, so forms refill from these. */
  values?: Record<string, string>;
};

export const IDLE_STATE: ActionState = { status: 'idle', message: '' };
