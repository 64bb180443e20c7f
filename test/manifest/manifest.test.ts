import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from '@forge/manifest';
import { describe, expect, it } from 'vitest';
import { forgeLint, readManifest } from './forge-lint';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('manifest.yml', () => {
  it("passes @forge/manifest's full validation", async () => {
    const result = await validate(false, 'manifest.yml');
    expect(result.errors ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });

  it("passes @forge/lint's client-side linters with 0 errors and 0 warnings", async () => {
    const { count, messages } = await forgeLint(sourceFiles('src'), readManifest());
    expect(messages).toEqual([]);
    expect(count).toEqual({ errors: 0, warnings: 0, approvals: 0 });
  }, 180_000);

  it('the permission linter would catch a scope the code uses but the manifest lacks', async () => {
    const manifest = readManifest();
    const scopes = (manifest.permissions?.scopes ?? []) as string[];
    manifest.permissions = { ...manifest.permissions, scopes: scopes.filter((s) => s !== 'read:jira-user') };
    const { count, messages } = await forgeLint(sourceFiles('src'), manifest);
    expect(count.errors).toBeGreaterThan(0);
    expect(messages.map((m) => m.message).join('\n')).toMatch(/read:jira-user/);
  }, 180_000);

  it('requests only scopes the code uses', () => {
    expect(readManifest().permissions?.scopes).toEqual([
      'read:jira-work',
      'write:jira-work',
      'read:jira-user',
      'storage:app',
    ]);
  });
});
