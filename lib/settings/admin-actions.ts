'use server';

import { revalidatePath } from 'next/cache';
import { adminAction } from '@/lib/auth/admin-action';
import { checkoutSettingsInput, saveCheckoutSettings } from './edit';

export const saveCheckoutSettingsAction = adminAction(
  checkoutSettingsInput,
  async (input, actor) => {
    const { message } = await saveCheckoutSettings(input, actor);
    revalidatePath('/admin/settings', 'layout');
    return { status: 'success', message };
  },
);
