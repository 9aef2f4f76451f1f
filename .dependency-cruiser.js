/**
 * The layers of src/, checked by `npm run depcheck` (dependency-cruiser) in CI. Lower layers never
 * import higher ones, so a folder can be read, tested and changed knowing only what is below it.
 *
 *   main.ts, application.ts      composition roots: build config → db → Slack app → workers
 *   sandbox/                     the demo and Slack stand-ins (a composition root of its own)
 *   http/                        the app's own routes (readiness, inbound email, ledger, metrics)
 *   delivery/                    the outbox: renders each queued message with slack/'s builders, sends it
 *   slack/                       Bolt listeners, Block Kit builders, the Home
 *   use-cases/ ledger/ privacy/ export/ metrics/ health/
 *                                one job each over the database (or, for health/, over Slack)
 *   db/                          Kysely repositories: all SQL; the migrator runs migrations/
 *   i18n/                        every user-facing text
 *   config.ts logger.ts          the parsed configuration and the logger's shape
 *   domain/                      the pure core: policy, claim, calendar, SLA — imports nothing
 *
 * A file that sits in the wrong layer is moved, not excused: no rule below has a per-file exception.
 * Tests, the bench and the soak run may import anything (they are not cruised).
 */

/** Paths of the layers, as regular expressions on the path from the repository root. */
const BASE = '^src/(config|logger)[.]ts$';
const layer = (...folders) => `^src/(${folders.join('|')})/`;

/**
 * One rule per layer: modules in `from` may import, inside src/, only `may` (their own folder is
 * always allowed). Anything outside src/ (npm packages, node:) is governed by the specific rules further down.
 */
function layerRule(name, comment, from, may) {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: layer(from) },
    to: { path: '^src/', pathNot: [layer(from, ...may), BASE] },
  };
}

export default {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'src/domain/ is the pure core: no Slack, no database, no clock, no I/O, no npm package. It imports only itself.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'base-imports-only-domain',
      comment: 'config.ts parses the environment once into domain values; logger.ts is a shape. Neither reaches up.',
      severity: 'error',
      from: { path: BASE },
      to: { path: '^src/', pathNot: ['^src/domain/', BASE] },
    },
    layerRule(
      'i18n-above-domain',
      'The message catalog formats domain values (dates, amounts); nothing else.',
      'i18n',
      ['domain'],
    ),
    layerRule(
      'db-above-domain',
      'Repositories map rows to domain types. They know nothing of use cases, Slack or the ledger import.',
      'db',
      ['domain'],
    ),
    layerRule(
      'use-cases-above-db',
      'A use case is one transaction over repositories and domain rules; it never calls Slack or the outbox worker.',
      'use-cases',
      ['db', 'domain'],
    ),
    layerRule('ledger-above-db', 'Importing and ingesting charges: a use case of the marketplace.', 'ledger', [
      'db',
      'domain',
    ]),
    layerRule('privacy-above-use-cases', 'Erasure on request: a command line over the redaction use case.', 'privacy', [
      'use-cases',
      'db',
      'domain',
    ]),
    layerRule('export-above-db', 'The claims export: repository rows to a file.', 'export', ['db', 'domain']),
    layerRule('metrics-above-db', 'Prometheus metrics read their gauges from the database.', 'metrics', [
      'db',
      'domain',
    ]),
    layerRule('health-below-slack', 'Start-up and readiness checks call Slack and the network only.', 'health', []),
    layerRule(
      'slack-above-use-cases',
      'Listeners parse, call one use case and show the outcome; builders are pure. Slack never imports http/ or delivery/.',
      'slack',
      ['use-cases', 'ledger', 'metrics', 'health', 'i18n', 'domain', 'db'],
    ),
    {
      name: 'adapters-call-use-cases',
      comment:
        'Slack listeners and HTTP routes never call a repository: they go through a use case. They may hold the db handle (its type) to pass it on.',
      severity: 'error',
      from: { path: layer('slack', 'http') },
      to: { path: '^src/db/', pathNot: '^src/db/database[.]ts$' },
    },
    {
      name: 'adapters-hold-only-the-db-type',
      comment: 'The db handle is passed through adapters, never opened or queried there.',
      severity: 'error',
      from: { path: layer('slack', 'http') },
      to: { path: '^src/db/database[.]ts$', dependencyTypesNot: ['type-only'] },
    },
    layerRule(
      'delivery-above-slack',
      'The outbox sends what use cases queued, rendered by slack/ builders. Nothing below imports it.',
      'delivery',
      ['slack', 'use-cases', 'metrics', 'i18n', 'db', 'domain'],
    ),
    layerRule('http-above-delivery', 'The app’s own routes: parse the request, call a use case, answer.', 'http', [
      'delivery',
      'slack',
      'use-cases',
      'ledger',
      'metrics',
      'health',
      'i18n',
      'db',
      'domain',
    ]),
    {
      name: 'sandbox-is-not-production',
      comment: 'The demo and the Slack stand-ins are used by tests and `npm run demo`; the app never imports them.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/sandbox/' },
      to: { path: '^src/sandbox/' },
    },
    {
      name: 'composition-roots-on-top',
      comment: 'Only main.ts (and the demo) build the application; nothing imports main.ts.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/main[.]ts$', '^src/sandbox/'] },
      to: { path: '^src/(main|application)[.]ts$' },
    },
    {
      name: 'migrations-are-frozen',
      comment: 'A migration runs the same in a year: Kysely<any>, never the app’s code or types.',
      severity: 'error',
      from: { path: '^migrations/' },
      to: { path: '^src/' },
    },
    {
      name: 'src-never-imports-tests',
      comment: 'Tests, the bench and the soak run import src/, never the other way round.',
      severity: 'error',
      from: { path: '^(src|migrations)/' },
      to: { path: '^(test|bench|soak)/' },
    },
    {
      name: 'no-circular',
      comment: 'No module imports itself through others: a cycle makes the load order, and the reading order, unclear.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      comment: 'No two folders import each other, even through different files: layers only point down.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports and that imports nothing is dead code (or a lost entry point).',
      severity: 'error',
      from: { orphan: true, pathNot: '[.]d[.]ts$' },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-dev-dep',
      comment:
        'The app runs on `npm ci --omit=dev`: src/ imports no devDependency (type-only imports are erased); the sandbox is not the app.',
      severity: 'error',
      from: { path: '^(src|migrations)/', pathNot: '^src/sandbox/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count too: a layer that needs another's types depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
