/**
 * `npm run station`: builds the pages if they are missing or stale, then runs the headless
 * station (src-main/cli.ts) in this same process, so the station starts without a second Node.
 */
await import('./ensure-build.ts');
await import('../src-main/cli.ts');
