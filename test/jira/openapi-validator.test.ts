import { describe, expect, it } from 'vitest';
import { OpenApiValidator } from './openapi-validator';

const validator = new OpenApiValidator();

const goodUser = {
  self: 'http://127.0.0.1:4000/rest/api/3/user?accountId=5b10ac8d82e05b22cc7d4ef5',
  accountId: '5b10ac8d82e05b22cc7d4ef5',
  accountType: 'atlassian',
  displayName: 'Mia Krystof',
  active: true,
  timeZone: 'Australia/Sydney',
  locale: 'en_US',
};

describe('OpenApiValidator', () => {
  it('holds every operation the simulator serves, with its referenced schemas', () => {
    expect(Object.keys(validator.doc.paths)).toHaveLength(21);
    for (const name of [
      'User',
      'UserDetails',
      'PageBeanUser',
      'PageBeanUserDetails',
      'GroupName',
      'Permissions',
      'BulkPermissionGrants',
      'CreatedIssue',
      'IssueBean',
      'ErrorCollection',
      'FieldDetails',
      'FoundGroups',
      'PageBeanGroupDetails',
    ]) {
      expect(validator.doc.components.schemas[name], name).toBeDefined();
    }
  });

  it('maps concrete paths to their templates', () => {
    expect(validator.templateOf('/rest/api/3/issue/OFF-1/notify')).toBe(
      '/rest/api/3/issue/{issueIdOrKey}/notify',
    );
    expect(validator.templateOf('/rest/api/3/issue?x=1')).toBe('/rest/api/3/issue');
    expect(validator.templateOf('/rest/api/3/user/bulk?accountId=a')).toBe('/rest/api/3/user/bulk');
  });

  it('accepts a valid User', () => {
    expect(
      validator.validateResponse({ method: 'GET', path: '/rest/api/3/myself', status: 200, body: goodUser }),
    ).toEqual([]);
  });

  it('fails a deliberately wrong body: unknown property, wrong type, bad enum', () => {
    const wrong = { ...goodUser, active: 'yes', accountType: 'robot', nickname: 'Mia' };
    const errors = validator.validateResponse({
      method: 'GET',
      path: '/rest/api/3/myself',
      status: 200,
      body: wrong,
    });
    expect(errors.join('\n')).toMatch(/additional/);
    expect(errors.join('\n')).toMatch(/active must be boolean/);
    expect(errors.join('\n')).toMatch(/accountType must be equal to one of the allowed values/);
    expect(() =>
      validator.assertResponse({ method: 'GET', path: '/rest/api/3/myself', status: 200, body: wrong }),
    ).toThrow(/does not match the Jira OpenAPI spec/);
  });

  it('resolves nested $refs (avatar URLs must be URIs)', () => {
    const body = { ...goodUser, avatarUrls: { '48x48': 'not a uri' } };
    expect(
      validator.validateResponse({ method: 'GET', path: '/rest/api/3/user', status: 200, body }),
    ).toEqual([expect.stringContaining('/avatarUrls/48x48 must match format "uri"')]);
  });

  it('wants an ErrorCollection where the spec declares a status without a schema', () => {
    const path = '/rest/api/3/user/bulk';
    expect(
      validator.validateResponse({
        method: 'GET',
        path,
        status: 400,
        body: { errorMessages: ['x'], errors: {} },
      }),
    ).toEqual([]);
    expect(
      validator.validateResponse({ method: 'GET', path, status: 400, body: { message: 'x' } }),
    ).not.toEqual([]);
  });

  it('refuses statuses the operation does not declare, except gateway ones', () => {
    const error = { errorMessages: ['x'], errors: {} };
    expect(
      validator.validateResponse({ method: 'GET', path: '/rest/api/3/user', status: 400, body: error }),
    ).toEqual([expect.stringContaining('status not declared')]);
    expect(
      validator.validateResponse({ method: 'GET', path: '/rest/api/3/user', status: 429, body: error }),
    ).toEqual([]);
    expect(
      validator.validateResponse({ method: 'GET', path: '/rest/api/3/user', status: 414, body: error }),
    ).toEqual([]);
  });

  it('wants no body on a 204', () => {
    const path = '/rest/api/3/issue/OFF-1/notify';
    expect(validator.validateResponse({ method: 'POST', path, status: 204, body: undefined })).toEqual([]);
    expect(validator.validateResponse({ method: 'POST', path, status: 204, body: {} })).not.toEqual([]);
  });
});
