import { describe, expect, it } from 'vitest';
import { orderFilterParams, readOrderFilters } from '@/lib/admin/order-filters';

describe('fulfilment filters in the URL', () => {
  it('round-trip the packing list and fulfilment statuses, "none" included', () => {
    const { filters, ignored } = readOrderFilters(
      new URLSearchParams('view=packing&fulfilment=shipped&fulfilment=none,delivered&q=ada'),
      'usd',
    );
    expect(ignored).toEqual([]);
    expect(filters).toMatchObject({
      view: 'packing',
      fulfilment: ['shipped', 'none', 'delivered'],
      q: 'ada',
    });
    expect(orderFilterParams(filters).toString()).toBe(
      'fulfilment=shipped&fulfilment=none&fulfilment=delivered&view=packing&q=ada',
    );
  });

  it('names every value it could not use, and applies the rest', () => {
    const { filters, ignored } = readOrderFilters(
      new URLSearchParams(
        'status=paid&status=bogus&fulfilment=lost&view=everything&from=2025-02-30&min=abc&sort=up',
      ),
      'usd',
    );
    expect(filters).toMatchObject({
      statuses: ['paid'],
      fulfilment: [],
      view: undefined,
      from: undefined,
      min: undefined,
      sort: undefined,
    });
    expect(ignored).toEqual([
      '"bogus" is not an order status (pending, processing, authorized, paid, partially_refunded, refunded, failed, expired, canceled).',
      '"lost" is not a fulfilment status (unfulfilled, shipped, delivered, returned, none).',
      'View "everything" is not a view; the one view is "packing" (Paid, not shipped).',
      'From "2025-02-30" is not a date such as 2025-03-31.',
      'Min total "abc": Enter an amount such as 28.50, at most $21,474,836.47.',
      'Sort "up" is not a sort; leave it out for newest first, or use "oldest".',
    ]);
  });

  it('names at most ten, however long the link', () => {
    const params = new URLSearchParams();
    for (let i = 0; i < 500; i++) params.append('fulfilment', `x${i}`);
    expect(readOrderFilters(params, 'usd').ignored).toHaveLength(10);
  });
});
