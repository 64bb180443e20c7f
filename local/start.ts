/**
 * `npm start`: builds the Custom UI if it is missing or stale, serves the local site on `PORT`
 * (default 4000) and prints `Local site ready at http://localhost:<port>` once it answers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { registerForgeInterop } from './runtime/forge-interop.js';
import { newestMtime, staticSourcesMtime } from './static-build.js';

// Before anything imports the app's code (it is imported when the site starts).
registerForgeInterop();

const { ROOT_DIR, startLocalSite } = await import('./host/site.js');
const { DEMO_EMAILS, LOCAL_DEV_TOKEN } = await import('./jira/seed.js');

function buildStaticIfNeeded(): void {
  const config = join(ROOT_DIR, 'static', 'vite.config.ts');
  if (!existsSync(config)) {
    console.warn('[start] static/vite.config.ts not found: skipping the Custom UI build.');
    return;
  }
  const built = newestMtime(join(ROOT_DIR, 'static', 'build'));
  if (built > 0 && built >= staticSourcesMtime(ROOT_DIR)) return;
  console.log('[start] building the Custom UI (vite build --config static/vite.config.ts)...');
  const result = spawnSync('npx', ['vite', 'build', '--config', 'static/vite.config.ts'], {
    cwd: ROOT_DIR,
    stdio: 'inherit',
  });
  if (result.status !== 0) console.warn('[start] the Custom UI build failed: the pages may not load.');
}

async function main(): Promise<void> {
  buildStaticIfNeeded();
  const port = Number(process.env.PORT ?? 4000);
  const local = await startLocalSite({ port, host: process.env.HOST });
  const url = `http://localhost:${local.port}`;
  const probe = await fetch(`${url}/__local/state`);
  if (!probe.ok) throw new Error(`the local site does not answer (${probe.status})`);

  console.log(`Local site ready at ${url}`);
  console.log(`Custom UI from the local Forge CDN at ${local.cdnUrl} (its own origin, Forge's CSP)`);
  console.log('');
  console.log(`Demo users (Jira API token for all: ${LOCAL_DEV_TOKEN}; act as one with ?as=<email>):`);
  for (const email of Object.values(DEMO_EMAILS)) {
    const user = local.site.userByEmail(email);
    if (user) console.log(`  ${email.padEnd(30)} ${user.displayName}${user.active ? '' : ' (deactivated)'}`);
  }
  console.log('');
  console.log('Control API (local only):');
  console.log('  POST /__local/invoke {moduleKey, functionKey, payload, as}   call a resolver as a user');
  console.log('  POST /__local/users/<accountId>/deactivate | /activate');
  console.log('  POST /__local/scheduled/<moduleKey>                          run a scheduled trigger now');
  console.log('  POST /__local/reset                                          back to the seed');
  console.log('  GET  /__local/state                                          users, KVS and Jira stats');
  console.log('  POST /x/<moduleKey>                                          webtriggers');

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    console.log('\nStopping the local site...');
    local.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((e: unknown) => {
  console.error('[start] could not start the local site:', e);
  process.exit(1);
});
