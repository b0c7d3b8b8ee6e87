'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { adminAction, type ActionState } from '@/lib/auth/admin-action';
import {
  createShippingRate,
  createShippingZone,
  deleteShippingRate,
  deleteShippingZone,
  setShippingRateActive,
  updateShippingRate,
  updateShippingZone,
  type ShippingEditResult,
} from './edit';
import {
  rateActiveInput,
  rateCreateInput,
  rateEditInput,
  withRateId,
  withZoneId,
  zoneEditInput,
  zoneInput,
} from './forms';

// Thin wrappers: requireAdmin and validation come from adminAction; the writes and their audit
// rows live in edit.ts.

function outcome(result: ShippingEditResult): ActionState {
  if (!result.ok) {
    return { status: 'error', message: result.message, fieldErrors: result.fieldErrors };
  }
  revalidatePath('/admin/settings', 'layout');
  return { status: 'success', message: result.message };
}

export const createShippingZoneAction = adminAction(zoneInput, async (input, actor) => {
  const result = await createShippingZone(input, actor);
  if (!result.ok) return outcome(result);
  revalidatePath('/admin/settings', 'layout');
  redirect(`/admin/settings/shipping/${result.id}?created=1`);
});

export const updateShippingZoneAction = adminAction(
  zoneEditInput,
  async ({ id, ...input }, actor) => outcome(await updateShippingZone(id, input, actor)),
);

export const deleteShippingZoneAction = adminAction(withZoneId, async ({ id }, actor) => {
  const result = await deleteShippingZone(id, actor);
  if (!result.ok) return outcome(result);
  revalidatePath('/admin/settings', 'layout');
  redirect('/admin/settings?deleted=1');
});

export const createShippingRateAction = adminAction(
  rateCreateInput,
  async ({ zoneId, ...input }, actor) => outcome(await createShippingRate(zoneId, input, actor)),
);

export const updateShippingRateAction = adminAction(
  rateEditInput,
  async ({ id, ...input }, actor) => outcome(await updateShippingRate(id, input, actor)),
);

export const setShippingRateActiveAction = adminAction(
  rateActiveInput,
  async ({ id, active }, actor) =>
    outcome(await setShippingRateActive(id, active === 'true', actor)),
);

export const deleteShippingRateAction = adminAction(withRateId, async ({ id }, actor) =>
  outcome(await deleteShippingRate(id, actor)),
);
