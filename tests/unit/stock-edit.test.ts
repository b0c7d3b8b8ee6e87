import { describe, expect, it } from 'vitest';
import { stockEdit } from '@/lib/catalogue/edit';

describe('a product save and the stock it found', () => {
  it('keeps the stock as it is now when the field was left as loaded', () => {
    expect(stockEdit(10, 10, 7)).toEqual({ stock: 7 });
    expect(stockEdit(null, null, null)).toEqual({ stock: null });
  });

  it('writes what was typed when nothing moved, or when it already is that', () => {
    expect(stockEdit(10, 25, 10)).toEqual({ stock: 25 });
    expect(stockEdit(10, 7, 7)).toEqual({ stock: 7 });
    expect(stockEdit(10, null, 10)).toEqual({ stock: null });
  });

  it('refuses a typed number when stock moved meanwhile, naming both', () => {
    expect(stockEdit(10, 25, 7)).toEqual({
      moved:
        'Stock changed from 10 to 7 while you were editing: orders took or returned stock meanwhile. Check the number and save again to set it to 25.',
    });
    expect(stockEdit(null, 5, 3)).toMatchObject({
      moved: expect.stringMatching(/^Stock changed from unlimited to 3 /),
    });
  });
});
