/** What a form shows after its server action: an outcome message, and problems per field or line. */
export type ActionState = {
  status: 'idle' | 'success' | 'error';
  message: string;
  fieldErrors?: Record<string, string>;
  /** Problems with particular items (the cart's lines), listed under the message. */
  problems?: string[];
  /** The submitted fields, after an error: React resets a form after its action, so forms refill from these. */
  values?: Record<string, string>;
};

export const IDLE_STATE: ActionState = { status: 'idle', message: '' };

/** What a domain operation (a refund, a card change, a resend) tells the person who asked. */
export type Outcome = { ok: true; message: string } | { ok: false; message: string };
