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
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.next|\\.data|tests/e2e/.*\\.png)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
