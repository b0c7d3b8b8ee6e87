/** What starting a checkout ends in: Stripe's hosted page, or a refusal the cart page shows. */
export type CheckoutResult =
  | { kind: 'redirect'; url: string; orderId: string; sessionId: string }
  | { kind: 'rejected'; message: string; problems: string[] };
