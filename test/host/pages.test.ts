import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalSite, type LocalSite } from '../../local/host/site.js';
import { contextLocale, DEFAULT_LOCALE } from '../../local/host/shell/forge-context.js';
import { DEMO_EMAILS } from '../../local/jira/seed.js';
import { LOCAL_IDS } from '../../local/runtime/runtime.js';
import type { ShellConfig } from '../../local/host/public/protocol.js';
import { FIXTURE_APP_DIR } from '../runtime/fakes.js';

let local: LocalSite;

beforeAll(async () => {
  local = await startLocalSite({
    port: 0,
    dataDir: ':memory:',
    appDir: FIXTURE_APP_DIR,
    quiet: true,
    seedApp: null,
    realJira: null,
  });
});

afterAll(async () => {
  await local?.close();
});

async function page(path: string) {
  const res = await fetch(local.url + path);
  return { status: res.status, $: load(await res.text()) };
}

function shellConfig($: ReturnType<typeof load>): ShellConfig {
  return JSON.parse($('#forge-local-shell').text()) as ShellConfig;
}

describe('the context locale', () => {
  it("is the user's locale as a language tag, en-US when there is none or it is not one", () => {
    expect(contextLocale({ locale: 'en_GB' })).toBe('en-GB');
    expect(contextLocale({ locale: 'de-DE' })).toBe('de-DE');
    expect(contextLocale({ locale: '' })).toBe(DEFAULT_LOCALE);
    expect(contextLocale({ locale: 'not a locale!' })).toBe(DEFAULT_LOCALE);
    expect(DEFAULT_LOCALE).toBe('en-US');
  });

  it("reaches every frame of the page from the signed-in user's record", async () => {
    const olivia = local.site.userByEmail(DEMO_EMAILS.olivia);
    expect(olivia?.locale).toBe('en_GB');
    const adminPage = `/jira/settings/apps/${local.manifest.appId}/${LOCAL_IDS.environmentId}`;
    const { $ } = await page(`${adminPage}?as=${encodeURIComponent(DEMO_EMAILS.olivia)}`);
    const { extensions } = shellConfig($);
    expect(extensions.length).toBeGreaterThan(0);
    for (const ext of extensions) {
      expect(ext.context).toMatchObject({ locale: 'en-GB', timezone: olivia?.timeZone });
    }
  });
});

describe('the shell pages', () => {
  it('render what people type as text, never as markup', async () => {
    const typed = '<img src=x onerror=alert(1)>"&\'';
    const { status, $ } = await page(`/?as=${encodeURIComponent(typed)}`);
    expect(status).toBe(400);
    expect($('main.message strong').text()).toBe(typed);
    expect($('img[onerror]').length).toBe(0);
  });

  it('keep the shell configuration JSON intact inside its script element', async () => {
    const { $ } = await page('/browse/OFF-1');
    const config = shellConfig($);
    expect(config.user.email).toBe('admin@example.com');
    expect($('#forge-local-shell').html()).not.toMatch(/[<>]/);
    expect($('h1.issue-summary').text()).toBe(local.site.issue('OFF-1')?.summary);
    expect($('[data-testid="issue-status"]').text()).toBe('To Do');
  });
});
