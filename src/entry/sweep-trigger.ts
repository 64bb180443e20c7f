import { runSweep } from '../app/sweep';
import { appDeps } from './compose';

/**
 * The hourly `scheduledTrigger`. Forge does not retry scheduled runs; a partial run resumes at the next
 * tick from its checkpoint. Answers `{statusCode}` (events-reference/scheduled-trigger).
 */
export async function handler(): Promise<{ statusCode: number; body: string }> {
  try {
    const outcome = await runSweep(appDeps, { trigger: 'scheduled' });
    return { statusCode: 204, body: JSON.stringify(outcome) };
  } catch (e) {
    console.error('The sweep failed', e instanceof Error ? e.message : e);
    return { statusCode: 500, body: '' };
  }
}
