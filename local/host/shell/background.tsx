/** @jsxRuntime automatic */
/**
 * The app's `jira:globalBackgroundScript` modules on a shell page: hidden iframes (Jira's invisible
 * container) and their extensions. `issue` is set on the issue view, the only page where
 * `issue-view` scripts run and where the context carries `issue`/`project`.
 */
import type { ReactNode } from 'react';
import type { ShellExtension } from '../public/protocol.js';
import type { Acting } from './acting.js';
import { ForgeFrame } from './chrome.js';
import { frameExtension } from './forge-context.js';
import type { PageDeps } from './page-deps.js';
import { backgroundExperiences } from './surfaces.js';

export interface IssueContext {
  issue: Record<string, unknown>;
  project: Record<string, unknown>;
}

export function backgroundScripts(
  deps: PageDeps,
  acting: Acting,
  location: string,
  issue?: IssueContext,
): { frames: ReactNode; extensions: ShellExtension[] } {
  const extensions: ShellExtension[] = [];
  const frames: ReactNode[] = [];
  for (const m of deps.manifest.modules) {
    if (m.kind !== 'jira:globalBackgroundScript' || !m.resource) continue;
    const experiences = backgroundExperiences(m);
    if (!experiences.includes('all') && !(issue && experiences.includes('issue-view'))) continue;
    const resource = deps.manifest.resources.find((r) => r.key === m.resource);
    if (!resource) continue;
    const frameId = `${m.key}-background`;
    extensions.push(
      frameExtension(deps, acting, m, {
        frameId,
        resourceKey: resource.key,
        basePath: '/',
        location,
        autoHeight: false,
        extra: { ...(issue ?? {}), experience: issue ? 'issue-view' : 'all' },
      }),
    );
    frames.push(
      <ForgeFrame
        key={frameId}
        deps={deps}
        resourceKey={resource.key}
        moduleKey={m.key}
        frameId={frameId}
        title={`${m.title ?? m.key} (background)`}
        autoHeight={false}
        className="frame-background"
      />,
    );
  }
  return {
    frames: frames.length > 0 && (
      <div className="background-scripts" aria-hidden="true">
        {frames}
      </div>
    ),
    extensions,
  };
}
