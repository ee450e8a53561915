/** @module Payment and commerce providers. Test-mode keys are deliberately not matched. */
import type { RuleSpec } from '../types.ts';
import { keyedRule, prefixRule } from './helpers.ts';

export const paymentRules: RuleSpec[] = [
  prefixRule(
    'stripe-secret-key',
    'Stripe live secret key',
    ['sk_live_'],
    'sk_live_[a-zA-Z0-9]{24,99}',
    { name: 'STRIPE_SECRET_KEY', value: 'sk_live_{A:99}' },
  ),
  prefixRule(
    'stripe-restricted-key',
    'Stripe live restricted key',
    ['rk_live_'],
    'rk_live_[a-zA-Z0-9]{24,99}',
    { name: 'STRIPE_RESTRICTED_KEY', value: 'rk_live_{A:99}' },
  ),
  prefixRule(
    'stripe-webhook-secret',
    'Stripe webhook signing secret',
    ['whsec_'],
    'whsec_[a-zA-Z0-9+/=]{32,88}',
    { name: 'STRIPE_WEBHOOK_SECRET', value: 'whsec_{A:32}' },
  ),
  prefixRule('square-access-token', 'Square access token', ['sq0atp-'], 'sq0atp-[\\w-]{22}', {
    name: 'SQUARE_ACCESS_TOKEN',
    value: 'sq0atp-{u:22}',
  }),
  prefixRule('square-oauth-secret', 'Square OAuth secret', ['sq0csp-'], 'sq0csp-[\\w-]{43}', {
    name: 'SQUARE_OAUTH_SECRET',
    value: 'sq0csp-{u:43}',
  }),
  prefixRule(
    'square-production-token',
    'Square production access token',
    ['eaaa'],
    'EAAA[\\w-]{60}',
    { name: 'SQUARE_PROD_TOKEN', value: 'EAAA{u:60}' },
  ),
  prefixRule(
    'braintree-access-token',
    'PayPal Braintree production access token',
    ['access_token$production$'],
    'access_token\\$production\\$[0-9a-z]{16}\\$[0-9a-f]{32}',
    { name: 'BRAINTREE_ACCESS_TOKEN', value: 'access_token$production${a:16}${h:32}' },
  ),
  keyedRule('paypal-client-secret', 'PayPal REST client secret', ['paypal'], 'E[A-Za-z0-9_-]{79}', {
    name: 'PAYPAL_CLIENT_SECRET',
    value: 'E{u:79}',
  }),
  prefixRule(
    'plaid-access-token',
    'Plaid access token',
    ['access-production-', 'access-development-'],
    'access-(?:production|development)-' +
      '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    { name: 'PLAID_ACCESS_TOKEN', value: 'access-production-{uuid}' },
  ),
  keyedRule('plaid-secret', 'Plaid API secret', ['plaid'], '[a-f0-9]{30}', {
    name: 'PLAID_SECRET',
    value: '{h:30}',
  }),
  prefixRule(
    'flutterwave-secret-key',
    'Flutterwave live secret key',
    ['flwseck-'],
    'FLWSECK-[a-h0-9]{32}-X',
    { name: 'FLW_SECRET_KEY', value: 'FLWSECK-{h:32}-X' },
  ),
  keyedRule('razorpay-secret', 'Razorpay key secret', ['razorpay'], '[A-Za-z0-9]{24}', {
    name: 'RAZORPAY_KEY_SECRET',
    value: '{A:24}',
  }),
  prefixRule(
    'mollie-live-key',
    'Mollie live API key',
    ['live_'],
    'live_[A-Za-z0-9]{30}',
    { name: 'MOLLIE_API_KEY', value: 'live_{A:30}' },
    { entropy: 3.5 },
  ),
  keyedRule('coinbase-secret', 'Coinbase API secret', ['coinbase'], '[a-z0-9_-]{64}', {
    name: 'COINBASE_API_SECRET',
    value: '{u:64}',
  }),
  prefixRule(
    'gocardless-token',
    'GoCardless live access token',
    ['live_'],
    'live_[a-zA-Z0-9_=-]{40}',
    { name: 'GOCARDLESS_ACCESS_TOKEN', value: 'live_{u:40}' },
    { entropy: 3.5 },
  ),
  prefixRule('shopify-access-token', 'Shopify access token', ['shpat_'], 'shpat_[a-fA-F0-9]{32}', {
    name: 'SHOPIFY_ACCESS_TOKEN',
    value: 'shpat_{h:32}',
  }),
  prefixRule(
    'shopify-custom-app-token',
    'Shopify custom app token',
    ['shpca_'],
    'shpca_[a-fA-F0-9]{32}',
    { name: 'SHOPIFY_CUSTOM_APP_TOKEN', value: 'shpca_{h:32}' },
  ),
  prefixRule(
    'shopify-private-app-token',
    'Shopify private app token',
    ['shppa_'],
    'shppa_[a-fA-F0-9]{32}',
    { name: 'SHOPIFY_PRIVATE_APP_TOKEN', value: 'shppa_{h:32}' },
  ),
  prefixRule(
    'shopify-shared-secret',
    'Shopify shared secret',
    ['shpss_'],
    'shpss_[a-fA-F0-9]{32}',
    { name: 'SHOPIFY_SHARED_SECRET', value: 'shpss_{h:32}' },
  ),
  prefixRule('easypost-api-key', 'EasyPost production API key', ['ezak'], 'EZAK[a-z0-9]{54}', {
    name: 'EASYPOST_API_KEY',
    value: 'EZAK{a:54}',
  }),
  prefixRule(
    'duffel-token',
    'Duffel live access token',
    ['duffel_live_'],
    'duffel_live_[\\w=-]{43}',
    { name: 'DUFFEL_ACCESS_TOKEN', value: 'duffel_live_{u:43}' },
  ),
  prefixRule(
    'shippo-token',
    'Shippo live API token',
    ['shippo_live_'],
    'shippo_live_[a-f0-9]{40}',
    { name: 'SHIPPO_API_TOKEN', value: 'shippo_live_{h:40}' },
  ),
  keyedRule('adyen-api-key', 'Adyen API key', ['adyen'], 'AQE[A-Za-z0-9+/=_-]{60,200}', {
    name: 'ADYEN_API_KEY',
    value: 'AQE{u:100}',
  }),
  keyedRule(
    'lemonsqueezy-api-key',
    'Lemon Squeezy API key',
    ['lemonsqueezy', 'lemon_squeezy'],
    'eyJ[A-Za-z0-9_-]{100,}\\.[A-Za-z0-9_-]{100,}\\.[A-Za-z0-9_-]{100,}',
    { name: 'LEMONSQUEEZY_API_KEY', value: 'eyJ{u:110}.{u:300}.{u:340}' },
  ),
  keyedRule('checkout-secret-key', 'Checkout.com secret key', ['checkout'], 'sk_[a-z0-9-]{36}', {
    name: 'CHECKOUT_SECRET_KEY',
    value: 'sk_{uuid}',
  }),
];
