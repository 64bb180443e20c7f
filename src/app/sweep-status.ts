import type { SweepStatus, SweepSummary } from '../contract/offboarding';
import type { OversightDeps, StoredSummary } from './oversight-ports';

/** `sweep/status`: the last summary, a cycle in progress (full or rolling), its points budget, open findings by code. */
export async function sweepStatus(deps: OversightDeps): Promise<SweepStatus> {
  const [state, settings] = await Promise.all([deps.sweepState.read(), deps.settings.get()]);
  const {
    siteUsers: _s,
    openFindings,
    hourly: _h,
    quota: _q,
    urlBudget: _u,
    ...last
  } = state.last ?? ({} as Partial<StoredSummary>);
  const run = state.run;
  const quota = run?.quota ?? state.last?.quota;
  return {
    ...(run
      ? {
          running: {
            runId: run.runId,
            startedAt: run.startedAt,
            accountsChecked: run.totals.accountsChecked,
            mode: run.rolling ? 'rolling' : 'full',
            ...(run.accountsTotal === undefined
              ? {}
              : {
                  accountsTotal: run.accountsTotal,
                  accountsLeft: Math.max(
                    0,
                    run.accountsTotal - run.totals.accountsChecked - (run.totals.accountsUnresolved ?? 0),
                  ),
                }),
            points: run.totals.points ?? 0,
            ...(run.stoppedFor ? { stoppedFor: run.stoppedFor } : {}),
            ...(run.quotaResetsAt ? { quotaResetsAt: run.quotaResetsAt } : {}),
          },
        }
      : {}),
    ...(state.last ? { last: last as SweepSummary } : {}),
    budget: {
      sharePercent: settings.sweepQuotaSharePercent,
      ...(quota ? { hourlyQuota: quota.limit, quotaPolicy: quota.policy } : {}),
    },
    openFindings: openFindings ?? {},
  };
}
