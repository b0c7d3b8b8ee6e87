import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@/emulator';
import { caught, clientFor, payOnHostedPage } from './emulator-harness';

let emulator: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  stripe = clientFor(emulator);
});
afterAll(() => emulator.stop());

async function eventsFor(id: string): Promise<string[]> {
  const events = await stripe.events.list({ limit: 100 });
  return events.data
    .filter((event) => (event.data.object as { id?: string }).id === id)
    .map((event) => event.type)
    .reverse();
}

describe('products and prices', () => {
  it('are created, retrieved, listed and updated, each with its event', async () => {
    const product = await stripe.products.create({ name: 'Teapot', description: 'Cast iron' });
    expect(product).toMatchObject({ object: 'product', name: 'Teapot', active: true });
    const price = await stripe.prices.create({
      product: product.id,
      unit_amount: 4500,
      currency: 'EUR',
    });
    expect(price).toMatchObject({
      object: 'price',
      product: product.id,
      unit_amount: 4500,
      currency: 'eur',
      type: 'one_time',
      recurring: null,
    });
    const monthly = await stripe.prices.create({
      product_data: { name: 'Tea club' },
      unit_amount: 900,
      currency: 'eur',
      recurring: { interval: 'month' },
    });
    expect(monthly.recurring).toMatchObject({ interval: 'month', interval_count: 1 });
    expect((await stripe.products.retrieve(String(monthly.product))).name).toBe('Tea club');
    expect((await stripe.prices.list({ product: product.id })).data).toEqual([price]);
    expect((await stripe.prices.list({ type: 'recurring' })).data.map((p) => p.id)).toContain(
      monthly.id,
    );

    const renamed = await stripe.products.update(product.id, { name: 'Teapot, large' });
    expect(renamed.name).toBe('Teapot, large');
    expect((await stripe.prices.update(price.id, { active: false })).active).toBe(false);
    expect(await eventsFor(product.id)).toEqual(['product.created', 'product.updated']);
    expect(await eventsFor(price.id)).toEqual(['price.created', 'price.updated']);
  });

  it('refuse a price without a product, amount or currency', async () => {
    const noProduct = await caught(stripe.prices.create({ currency: 'usd', unit_amount: 100 }));
    expect(noProduct).toMatchObject({ statusCode: 400, param: 'product' });
    const noCurrency = await caught(
      stripe.prices.create({ product_data: { name: 'x' }, unit_amount: 100 } as never),
    );
    expect(noCurrency.param).toBe('currency');
    const unknown = await caught(
      stripe.prices.create({ product: 'prod_nope', currency: 'usd', unit_amount: 100 }),
    );
    expect(unknown).toMatchObject({ statusCode: 404, param: 'product' });
  });
});

describe('Checkout with catalogue prices', () => {
  it('sells a price by id: amounts, currency and the product name come from the catalogue', async () => {
    const price = await stripe.prices.create({
      product_data: { name: 'Enamel mug' },
      unit_amount: 1500,
      currency: 'usd',
    });
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: price.id, quantity: 2 }],
      success_url: 'http://127.0.0.1:9/ok',
    });
    expect(session).toMatchObject({ amount_total: 3000, currency: 'usd' });
    const items = await stripe.checkout.sessions.listLineItems(session.id);
    expect(items.data[0]).toMatchObject({ description: 'Enamel mug', quantity: 2 });
    expect(items.data[0]?.price?.id).toBe(price.id);
    expect((await payOnHostedPage(session, '4242424242424242')).status).toBe(303);
  });

  it('refuses an unknown or inactive price, naming the line item', async () => {
    const unknown = await caught(
      stripe.checkout.sessions.create({
        mode: 'payment',
        line_items: [{ price: 'price_nope', quantity: 1 }],
        success_url: 'http://127.0.0.1:9/ok',
      }),
    );
    expect(unknown).toMatchObject({ statusCode: 404, param: 'line_items[0][price]' });
    const price = await stripe.prices.create({
      product_data: { name: 'Old mug' },
      unit_amount: 1500,
      currency: 'usd',
      active: false,
    });
    const inactive = await caught(
      stripe.checkout.sessions.create({
        mode: 'payment',
        line_items: [{ price: price.id, quantity: 1 }],
        success_url: 'http://127.0.0.1:9/ok',
      }),
    );
    expect(inactive).toMatchObject({ statusCode: 400, param: 'line_items[0][price]' });
  });
});
