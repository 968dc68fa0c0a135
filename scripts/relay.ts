/**
 * `npm run relay`: builds the pages if they are missing or stale, then runs a relay
 * (src-main/relay-cli.ts) in this same process.
 */
await import('./ensure-build.ts');
await import('../src-main/relay-cli.ts');
