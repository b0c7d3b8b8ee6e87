import type Stripe from 'stripe';
import type { ShippingParams } from './shipping';

// The Checkout Session create parameters as the emulator reads them (checkout-session-params.ts).

export interface PriceDataParams {
  currency: string;
  product?: string;
  product_data?: {
    name: string;
    description?: string;
    images?: string[];
    metadata?: Record<string, string>;
  };
  unit_amount?: number;
  recurring?: { interval: Stripe.Price.Recurring.Interval; interval_count?: number };
}

export interface LineItemParams {
  price?: string;
  price_data?: PriceDataParams;
  quantity?: number;
  metadata?: Record<string, string>;
  /** Not a parameter: the catalogue Price a `price` id named, once looked up (checkout-line-items.ts). */
  catalogue?: { price: Stripe.Price; productName: string | null };
}

export interface SessionCreateParams {
  mode?: 'payment' | 'setup' | 'subscription';
  line_items?: LineItemParams[];
  success_url?: string;
  cancel_url?: string;
  client_reference_id?: string;
  customer?: string;
  customer_email?: string;
  customer_creation?: 'always' | 'if_required';
  metadata?: Record<string, string>;
  expires_at?: number;
  currency?: string;
  locale?: string;
  submit_type?: 'auto' | 'book' | 'donate' | 'pay' | 'subscribe';
  billing_address_collection?: 'auto' | 'required';
  allow_promotion_codes?: boolean;
  automatic_tax?: { enabled: boolean };
  phone_number_collection?: { enabled: boolean };
  shipping_address_collection?: { allowed_countries: string[] };
  payment_method_types?: string[];
  saved_payment_method_options?: {
    allow_redisplay_filters?: Array<'always' | 'limited' | 'unspecified'>;
    payment_method_remove?: 'disabled' | 'enabled';
    payment_method_save?: 'disabled' | 'enabled';
  };
  subscription_data?: { metadata?: Record<string, string>; description?: string };
  setup_intent_data?: { metadata?: Record<string, string>; description?: string };
  payment_intent_data?: {
    capture_method?: 'automatic' | 'automatic_async' | 'manual';
    metadata?: Record<string, string>;
    statement_descriptor_suffix?: string;
    setup_future_usage?: 'off_session' | 'on_session';
    receipt_email?: string;
    description?: string;
    shipping?: ShippingParams;
  };
  expand?: string[];
}
