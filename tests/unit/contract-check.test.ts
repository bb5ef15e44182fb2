import { buildApp } from '../helpers/app';
import { createContractChecker } from '../helpers/contract';

const buildOpenApiDocument = () => structuredClone(buildApp().openApiDocument);

const profile = { username: 'jake', bio: null, image: null, following: false };
const ok = {
  method: 'GET',
  path: '/api/v1/profiles/jake',
  status: 200,
  contentType: 'application/json',
  body: { profile },
};

describe('the OpenAPI contract check', () => {
  const check = createContractChecker(buildOpenApiDocument());

  it('accepts a response that keeps the contract', () => {
    expect(check(ok)).toBeUndefined();
  });

  it('bites when the document is deliberately wrong', () => {
    const doc = buildOpenApiDocument();
    doc.components.schemas.Profile = {
      ...doc.components.schemas.Profile,
      properties: {
        ...(doc.components.schemas.Profile.properties as object),
        following: { type: 'string' },
      },
    };
    expect(createContractChecker(doc)(ok)).toMatch(
      /does not match ProfileResponse: \/profile\/following must be string/,
    );
  });

  it('bites when a field is renamed, missing or extra', () => {
    const renamed = {
      ...ok,
      body: { profile: { ...profile, following: undefined, isFollowing: false } },
    };
    expect(check(renamed)).toMatch(/must have required property 'following'/);
    expect(check({ ...ok, body: { profile: { ...profile, extra: 1 } } })).toMatch(
      /must NOT have additional properties/,
    );
  });

  it('bites on a status the operation does not document', () => {
    expect(check({ ...ok, status: 418 })).toMatch(/status 418 is not documented/);
    expect(
      check({ ...ok, method: 'DELETE', path: '/api/v1/articles/x', status: 200, body: {} }),
    ).toMatch(/not documented/);
  });

  it('wants the error shape from paths it does not know', () => {
    const error = { errors: { route: ['not found'] }, code: 'NOT_FOUND', requestId: 'r1' };
    expect(
      check({
        method: 'GET',
        path: '/nope',
        status: 404,
        contentType: 'application/json',
        body: error,
      }),
    ).toBeUndefined();
    expect(
      check({
        method: 'GET',
        path: '/nope',
        status: 404,
        contentType: 'application/json',
        body: { message: 'x' },
      }),
    ).toMatch(/ErrorResponse/);
    expect(
      check({ method: 'GET', path: '/styles.css', status: 200, contentType: 'text/css', body: {} }),
    ).toBeUndefined();
  });

  it('wants no body where none is documented', () => {
    expect(
      check({ method: 'DELETE', path: '/api/v1/articles/x', status: 204, body: {} }),
    ).toBeUndefined();
  });
});
