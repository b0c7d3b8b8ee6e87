import { expect, test } from './fixtures';

// The cart's forms work as plain HTML forms. The checkout post answers 303 to the Checkout page on
// another origin, and Chromium checks the cart page's form-action on that redirect: this proves
// the policy allows it.
test.use({ javaScriptEnabled: false });

test('without JavaScript, a customer adds to the cart, checks out and reaches the payment page', async ({
  page,
}) => {
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) blocked.push(message.text());
  });

  await page.goto('/products/stoneware-mug');
  await page.getByLabel('Quantity').fill('2');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status')).toContainText('to your cart');

  await page.goto('/cart');
  await expect(page.getByTestId('cart-subtotal')).not.toHaveText('—');
  await page.getByRole('button', { name: 'Checkout' }).click();

  await expect(page).toHaveURL((url) => url.href.startsWith(`${process.env.E2E_EMULATOR_URL}/`));
  await expect(page.getByRole('heading', { name: 'Pay with card' })).toBeVisible();
  expect(blocked).toEqual([]);
});
