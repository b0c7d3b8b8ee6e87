/**
 * Posts the emulator's hosted payment form as a customer's browser would (no JavaScript needed):
 * the answer is a 303 to success_url once paid, or the page again with the decline message.
 */
export function postCardForm(
  sessionUrl: string,
  card: string,
  customer: { email: string; name: string } = { email: 'ada@example.com', name: 'Ada Lovelace' },
): Promise<Response> {
  return fetch(sessionUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      email: customer.email,
      cardnumber: card,
      expiry: '12 / 34',
      cvc: '123',
      name: customer.name,
    }).toString(),
  });
}
