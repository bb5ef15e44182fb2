/**
 * Every Supertest response in every test file is checked against the OpenAPI document
 * (tests/helpers/contract.ts): a renamed field or an undocumented status fails the test
 * that caused it, whatever that test itself asserts.
 */
import { Test } from 'supertest';
import { buildApp } from '../helpers/app';
import { createContractChecker } from '../helpers/contract';

const check = createContractChecker(buildApp().openApiDocument);

type Assert = (
  resError: Error | null,
  res: unknown,
  fn?: (err: Error | null, res: unknown) => void,
) => void;
interface ResponseLike {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

const prototype = Test.prototype as unknown as { assert: Assert; method: string; url: string };
const originalAssert = prototype.assert;

prototype.assert = function assert(this: { method: string; url: string }, resError, res, fn) {
  const response = res as ResponseLike | undefined;
  if (response && fn) {
    const violation = check({
      method: this.method,
      path: new URL(this.url).pathname,
      status: response.status,
      contentType: response.headers['content-type'],
      body: response.body,
    });
    if (violation) return fn.call(this, new Error(`OpenAPI contract: ${violation}`), res);
  }
  return originalAssert.call(this, resError, res, fn);
};
