import { describe, expect, it } from 'vitest';
import { answerGateway, validatorOutcome } from '../../local/runtime/platform-extras';

describe('workflow validator results (the Forge contract: {result, errorMessage})', () => {
  it('passes only a boolean true result; keeps the message of a refusal', () => {
    expect(validatorOutcome({ result: true, errorMessage: 'ignored' })).toEqual({ result: true });
    expect(validatorOutcome({ result: false, errorMessage: 'No.' })).toEqual({
      result: false,
      errorMessage: 'No.',
    });
    expect(validatorOutcome({ result: false })).toEqual({ result: false });
    for (const odd of [undefined, null, true, 'yes', { result: 'true' }, { ok: true }])
      expect(validatorOutcome(odd), JSON.stringify(odd)).toEqual({ result: false });
  });
});

describe('webTrigger.getUrl through the GraphQL gateway', () => {
  const body = (triggerKey: string) =>
    JSON.stringify({
      query:
        'mutation forge_app_createWebTriggerUrl($input: WebTriggerUrlInput!) { createWebTriggerUrl(input: $input) { url } }',
      variables: { input: { triggerKey } },
    });
  it('answers the local URL of a manifest webtrigger, an error for another key, nothing for other queries', async () => {
    const ok = answerGateway('/graphql', { body: body('hook') }, 'http://localhost:4000', ['hook']);
    expect(await ok?.json()).toEqual({
      data: { createWebTriggerUrl: { url: 'http://localhost:4000/x/hook' } },
    });
    const unknown = answerGateway('/graphql', { body: body('other') }, 'http://localhost:4000', ['hook']);
    expect(await unknown?.json()).toMatchObject({
      errors: [{ message: expect.stringContaining('other') as unknown }],
    });
    expect(answerGateway('/graphql', { body: '{"query":"query { me }"}' }, 'x', ['hook'])).toBeUndefined();
    expect(answerGateway('/other', { body: body('hook') }, 'x', ['hook'])).toBeUndefined();
  });
});
