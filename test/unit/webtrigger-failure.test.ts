import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError, Unavailable } from '../../src/app/errors';
import { failureOf } from '../../src/entry/webtrigger-failure';

describe('failureOf: one mapping of what a webtrigger use case threw to its HTTP class', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    [
      'Jira 429 with a wait',
      new Unavailable('jira', 429, 'busy', 30, 'jira-quota-global-based'),
      'unavailable',
    ],
    ['Jira 502', new Unavailable('jira', 502, 'bad gateway'), 'unavailable'],
    ['Jira 503', new Unavailable('jira', 503, 'down'), 'unavailable'],
    ['storage throttled', new Unavailable('storage', 429, 'Rate limit exceeded'), 'unavailable'],
    ['a bug', new TypeError('x is undefined'), 'error'],
    ['an app error', new AppError('BAD_REQUEST', 'no'), 'error'],
    ['a thrown string', 'oops', 'error'],
  ])('%s → %s', (_name, e, expected) => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(failureOf(e, 'test webtrigger')).toBe(expected);
    expect(log).toHaveBeenCalledOnce();
  });

  it("logs what the static answer cannot carry: the service, its status, Jira's reason and wait", () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    failureOf(new Unavailable('jira', 429, 'busy', 30, 'jira-quota-global-based'), 'pre-deactivation check');
    expect(log).toHaveBeenCalledWith(
      'pre-deactivation check failed (unavailable): jira answered 429, jira-quota-global-based, Retry-After 30 s: busy',
    );
  });
});
