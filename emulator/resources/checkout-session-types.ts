import type Stripe from 'stripe';
import type { CustomerUpdateSettings } from '../state';
import type { ShippingParams } from './shipping';
import type { ShippingRateData } from './shipping-rates';

// The Checkout Session create parameters as the emulator reads them (checkout-session-params.ts).

export interface PriceDataParams {
  currency: string;
  product?: string;
  product_data?: {
    name: string;
    description?: string;
    images?: string[];
    metadata?: Record<string, string>;
    tax_code?: string;
  };
  unit_amount?: number;
  tax_behavior?: 'exclusive' | 'inclusive' | 'unspecified';
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
  automatic_tax?: { enabled: boolean; liability?: { type: 'account' | 'self'; account?: string } };
  customer_update?: CustomerUpdateSettings;
  tax_id_collection?: { enabled: boolean; required?: 'if_supported' | 'never' };
  invoice_creation?: {
    enabled: boolean;
    invoice_data?: {
      account_tax_ids?: string[];
      custom_fields?: Array<{ name: string; value: string }>;
      description?: string;
      footer?: string;
      issuer?: { type: 'account' | 'self'; account?: string };
      metadata?: Record<string, string>;
      rendering_options?: { amount_tax_display?: string; template?: string };
    };
  };
  shipping_options?: Array<{ shipping_rate?: string; shipping_rate_data?: ShippingRateData }>;
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
