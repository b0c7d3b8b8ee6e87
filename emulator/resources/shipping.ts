// `shipping` on a PaymentIntent (and `payment_intent_data[shipping]` on a Checkout Session): who
// receives the goods and where. Stripe requires the name and the address's first line.
import type Stripe from 'stripe';
import { object, string } from '../http/params';

export const addressRule = object({
  city: string({ maxLength: 200 }),
  country: string({ maxLength: 2 }),
  line1: string({ maxLength: 200 }),
  line2: string({ maxLength: 200 }),
  postal_code: string({ maxLength: 20 }),
  state: string({ maxLength: 200 }),
});

export const shippingRule = object(
  {
    address: object({ ...addressRule.fields }, ['line1']),
    name: string({ maxLength: 5000 }),
    carrier: string({ maxLength: 5000 }),
    phone: string({ maxLength: 5000 }),
    tracking_number: string({ maxLength: 5000 }),
  },
  ['address', 'name'],
);

export interface ShippingParams {
  address: Partial<Stripe.Address>;
  name: string;
  carrier?: string;
  phone?: string;
  tracking_number?: string;
}

export function fullAddress(input: Partial<Stripe.Address>): Stripe.Address {
  return {
    city: input.city ?? null,
    country: input.country ?? null,
    line1: input.line1 ?? null,
    line2: input.line2 ?? null,
    postal_code: input.postal_code ?? null,
    state: input.state ?? null,
  };
}

export function shippingOf(
  params: ShippingParams | undefined,
): Stripe.PaymentIntent.Shipping | null {
  if (!params) return null;
  return {
    address: fullAddress(params.address),
    carrier: params.carrier ?? null,
    name: params.name,
    phone: params.phone ?? null,
    tracking_number: params.tracking_number ?? null,
  };
}
