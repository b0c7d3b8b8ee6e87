// The import rules of the layout (README "Layout"), checked by `npm run depcruise` in `npm test`.
// Each rule's comment is what a failing build prints.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Import cycle: split the shared part into its own module (types included: a cycle of types is a cycle of meaning).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lib-not-to-app-or-components',
      severity: 'error',
      comment:
        'lib/ is the domain; it never imports routes (app/) or React components (components/). Server actions live in lib/<domain>/.',
      from: { path: '^lib/' },
      to: { path: '^(app|components)/' },
    },
    {
      name: 'components-not-to-app',
      severity: 'error',
      comment:
        'components/ never imports from app/: import the server action from lib/<domain>/ (actions live beside their domain).',
      from: { path: '^components/' },
      to: { path: '^app/' },
    },
    {
      name: 'store-not-to-emulator',
      severity: 'error',
      comment:
        'The store imports nothing from emulator/: only scripts/ and tests/ start it. Talk to it through the Stripe SDK.',
      from: { path: '^(app|lib|components|db)/|^(proxy|instrumentation|next\\.config)\\.ts$' },
      to: { path: '^emulator/' },
    },
    {
      name: 'emulator-not-to-store',
      severity: 'error',
      comment:
        'The emulator stands in for Stripe and knows nothing of the store: it imports nothing from app/, lib/, components/, db/ or scripts/.',
      from: { path: '^emulator/' },
      to: { path: '^(app|lib|components|db|scripts)/' },
    },
    {
      name: 'db-not-to-app-or-components',
      severity: 'error',
      comment: 'db/ owns the schema and the client; it never imports routes or components.',
      from: { path: '^db/' },
      to: { path: '^(app|components)/' },
    },
    // The domains form layers, each importing only those below it, so no folder cycle can form:
    // platform, email < auth < settings < catalogue < cart < orders < customers < promotions,
    // shipping < checkout, subscriptions, balance, disputes < shipments < webhooks, admin < doctor. (lib/env.ts, money.ts and stripe.ts sit under all of them.)
    {
      name: 'layers-platform',
      severity: 'error',
      comment:
        'lib/platform/ sits below lib/{email,auth,settings,catalogue,cart,orders,customers,promotions,shipping,checkout,subscriptions,balance,disputes,shipments,webhooks,admin,doctor}/ (README "Layout"): move the shared part down, or pass it in.',
      from: { path: '^lib/platform/' },
      to: {
        path: '^lib/(email|auth|settings|catalogue|cart|orders|customers|promotions|shipping|checkout|subscriptions|balance|disputes|shipments|webhooks|admin|doctor)/',
      },
    },
    {
      name: 'layers-email',
      severity: 'error',
      comment:
        'lib/email/ sits below lib/{auth,settings,catalogue,cart,orders,customers,promotions,shipping,checkout,subscriptions,balance,disputes,shipments,webhooks,admin,doctor}/ (README "Layout"): move the shared part down, or pass it in.',
      from: { path: '^lib/email/' },
      to: {
        path: '^lib/(auth|settings|catalogue|cart|orders|customers|promotions|shipping|checkout|subscriptions|balance|disputes|shipments|webhooks|admin|doctor)/',
      },
    },
    {
      name: 'layers-auth',
      severity: 'error',
      comment:
        'lib/auth/ sits below lib/{settings,catalogue,cart,orders,customers,promotions,shipping,checkout,subscriptions,balance,disputes,shipments,webhooks,admin,doctor}/ (README "Layout"): move the shared part down, or pass it in.',
      from: { path: '^lib/auth/' },
      to: {
        path: '^lib/(settings|catalogue|cart|orders|customers|promotions|shipping|checkout|subscriptions|balance|disputes|shipments|webhooks|admin|doctor)/',
      },
    },
    {
      name: 'layers-catalogue',
      severity: 'error',
      comment:
        'lib/catalogue/ sits below lib/{cart,orders,customers,promotions,shipping,checkout,subscriptions,balance,disputes,shipments,webhooks,admin,doctor}/ (README "Layout"): move the shared part down, or pass it in.',
      from: { path: '^lib/catalogue/' },
      to: {
        path: '^lib/(cart|orders|customers|promotions|shipping|checkout|subscriptions|balance|disputes|shipments|webhooks|admin|doctor)/',
      },
    },
    {
      name: 'layers-cart',
      severity: 'error',
      comment:
        'lib/cart/ sits below lib/{orders,customers,promotions,shipping,checkout,subscriptions,balance,disputes,shipments,webhooks,admin,doctor}/ (README "Layout"): move the shared part down, or pass it in.',
      from: { path: '^lib/cart/' },
      to: {
        path: '^lib/(orders|customers|promotions|shipping|checkout|subscriptions|balance|disputes|shipments|webhooks|admin|doctor)/',
      },
    },
    {
      name: 'layers-orders',
      severity: 'error',
      comment:
        'lib/orders/ sits below lib/{cart,customers,promotions,shipping,checkout,subscriptions,balance,disputes,shipments,webhooks,admin,doctor}/ (README "Layout"): move the shared part down, or pass it in.',
      from: { path: '^lib/orders/' },
      to: {
        path: '^lib/(cart|customers|promotions|shipping|checkout|subscriptions|balance|disputes|shipments|webhooks|admin|doctor)/',
      },
    },
    {
      name: 'layers-customers',
      severity: 'error',
      comment:
        'lib/customers/ sits below lib/{promotions,shipping,cart,checkout,subscriptions,balance,disputes,shipments,webhooks,admin,doctor}/ (README "Layout"): move the shared part down, or pass it in.',
      from: { path: '^lib/customers/' },
      to: {
        path: '^lib/(promotions|shipping|cart|checkout|subscriptions|balance|disputes|shipments|webhooks|admin|doctor)/',
      },
    },
    {
      name: 'layers-checkout',
      severity: 'error',
      comment:
        'lib/checkout/ sits below lib/{subscriptions,balance,disputes,shipments,webhooks,admin,doctor}/ (README "Layout"): move the shared part down, or pass it in.',
      from: { path: '^lib/checkout/' },
      to: { path: '^lib/(subscriptions|balance|disputes|shipments|webhooks|admin|doctor)/' },
    },
    {
      name: 'layers-subscriptions',
      severity: 'error',
      comment:
        'lib/subscriptions/ sits below lib/{cart,checkout,balance,disputes,shipments,webhooks,admin,doctor}/ (README "Layout"): move the shared part down, or pass it in.',
      from: { path: '^lib/subscriptions/' },
      to: { path: '^lib/(cart|checkout|balance|disputes|shipments|webhooks|admin|doctor)/' },
    },
    {
      name: 'layers-balance',
      severity: 'error',
      comment:
        'lib/balance/ sits below lib/{cart,checkout,subscriptions,disputes,shipments,webhooks,admin,doctor}/ (README "Layout"): move the shared part down, or pass it in.',
      from: { path: '^lib/balance/' },
      to: { path: '^lib/(cart|checkout|subscriptions|disputes|shipments|webhooks|admin|doctor)/' },
    },
    {
      name: 'layers-disputes',
      severity: 'error',
      comment:
        'lib/disputes/ sits below lib/{shipments,cart,checkout,subscriptions,webhooks,admin,doctor}/ (README "Layout"): move the shared part down, or pass it in.',
      from: { path: '^lib/disputes/' },
      to: { path: '^lib/(shipments|cart|checkout|subscriptions|webhooks|admin|doctor)/' },
    },
    {
      name: 'layers-settings',
      severity: 'error',
      comment:
        'lib/settings/ sits below lib/{catalogue,cart,orders,customers,promotions,shipping,checkout,subscriptions,balance,disputes,shipments,webhooks,admin,doctor}/ (README "Layout"): move the shared part down, or pass it in.',
      from: { path: '^lib/settings/' },
      to: {
        path: '^lib/(catalogue|cart|orders|customers|promotions|shipping|checkout|subscriptions|balance|disputes|shipments|webhooks|admin|doctor)/',
      },
    },
    {
      name: 'layers-promotions',
      severity: 'error',
      comment:
        'lib/promotions/ sits below lib/{cart,shipping,checkout,subscriptions,balance,disputes,shipments,webhooks,admin,doctor}/ (README "Layout"): move the shared part down, or pass it in.',
      from: { path: '^lib/promotions/' },
      to: {
        path: '^lib/(cart|shipping|checkout|subscriptions|balance|disputes|shipments|webhooks|admin|doctor)/',
      },
    },
    {
      name: 'layers-shipping',
      severity: 'error',
      comment:
        'lib/shipping/ sits below lib/{cart,checkout,subscriptions,balance,disputes,shipments,webhooks,admin,doctor}/ (README "Layout"): move the shared part down, or pass it in.',
      from: { path: '^lib/shipping/' },
      to: {
        path: '^lib/(cart|checkout|subscriptions|balance|disputes|shipments|webhooks|admin|doctor)/',
      },
    },
    {
      name: 'layers-shipments',
      severity: 'error',
      comment:
        'lib/shipments/ sits below lib/{cart,checkout,subscriptions,webhooks,admin,doctor}/ (README "Layout"): move the shared part down, or pass it in.',
      from: { path: '^lib/shipments/' },
      to: { path: '^lib/(cart|checkout|subscriptions|webhooks|admin|doctor)/' },
    },
    {
      name: 'layers-webhooks',
      severity: 'error',
      comment:
        'lib/webhooks/ sits below lib/{cart,admin,doctor}/ (README "Layout"): move the shared part down, or pass it in.',
      from: { path: '^lib/webhooks/' },
      to: { path: '^lib/(cart|admin|doctor)/' },
    },
    {
      name: 'layers-admin',
      severity: 'error',
      comment:
        'lib/admin/ sits below lib/{cart,checkout,webhooks,doctor}/ (README "Layout"): move the shared part down, or pass it in.',
      from: { path: '^lib/admin/' },
      to: { path: '^lib/(cart|checkout|webhooks|doctor)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.next|\\.data|tests/e2e/.*\\.png)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
