import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import { PromotionCodesTable } from '@/components/admin/promotion-codes-table';
import { PromotionForm } from '@/components/admin/promotion-form';
import { Section } from '@/components/admin/section';
import { requireAdmin } from '@/lib/auth/auth';
import {
  createPromotionCodeAction,
  deactivatePromotionCodeAction,
} from '@/lib/promotions/admin-actions';
import { listPromotionCodes, storeCurrencies } from '@/lib/promotions/queries';

export const metadata: Metadata = { title: 'Promotions' };

export default async function PromotionsPage() {
  await requireAdmin();
  const [codes, currencies] = await Promise.all([listPromotionCodes(), storeCurrencies()]);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Promotions</h1>
      <Section title="New promotion code" id="new-promotion-heading">
        <p className="text-sm text-muted">
          Made in Stripe as a coupon and a promotion code, so Stripe’s checkout page checks the code
          and its limits when a customer enters it.
        </p>
        <PromotionForm
          action={createPromotionCodeAction}
          submission={randomUUID()}
          currencies={currencies}
        />
      </Section>
      <Section title="Promotion codes" id="promotion-codes-heading">
        <PromotionCodesTable
          codes={codes}
          now={new Date()}
          deactivate={deactivatePromotionCodeAction}
        />
        <p className="text-xs text-muted">
          Redemptions are the paid orders that used a code, refunded ones included: a refund does
          not give the use back. Discount given is what those orders took off.
        </p>
      </Section>
    </div>
  );
}
