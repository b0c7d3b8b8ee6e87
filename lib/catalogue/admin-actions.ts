'use server';

import { updateTag } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { adminAction } from '@/lib/auth/admin-action';
import {
  createProduct,
  productEditInput,
  productInput,
  setProductActive,
  updateProduct,
} from '@/lib/catalogue/edit';
import { CATALOGUE_TAG } from '@/lib/catalogue/queries';

const withId = z.object({ id: z.uuid('Unknown product.') });

export const createProductAction = adminAction(productInput, async (input, actor) => {
  const result = await createProduct(input, actor);
  if (!result.ok) return { status: 'error', ...result };
  updateTag(CATALOGUE_TAG);
  redirect(`/admin/products/${result.id}?created=1`);
});

export const updateProductAction = adminAction(
  productEditInput,
  async ({ id, ...input }, actor) => {
    const result = await updateProduct(id, input, actor);
    if (!result.ok) return { status: 'error', ...result };
    // The store's cached catalogue reads are tagged; this refreshes them for the next visitor.
    updateTag(CATALOGUE_TAG);
    return { status: 'success', message: `Saved ${input.name}.` };
  },
);

export const setProductActiveAction = adminAction(
  withId.extend({ active: z.enum(['true', 'false']) }),
  async ({ id, active }, actor) => {
    const isActive = active === 'true';
    const result = await setProductActive(id, isActive, actor);
    if (!result.ok) return { status: 'error', message: result.message };
    updateTag(CATALOGUE_TAG);
    return {
      status: 'success',
      message: isActive
        ? 'Restored: the product is on sale again.'
        : 'Archived: the product is no longer on sale.',
    };
  },
);
