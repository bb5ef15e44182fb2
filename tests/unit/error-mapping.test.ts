import Joi from 'joi';
import jwt from 'jsonwebtoken';
import mongoose from 'mongoose';
import multer from 'multer';
import { toAppError } from '../../src/utils/translate-error';
import { NotFoundError } from '../../src/utils/errors';

describe('toAppError', () => {
  it('passes AppErrors through', () => {
    const err = new NotFoundError('article');
    expect(toAppError(err)).toBe(err);
  });

  it('maps Joi errors to 422 with per-field messages', () => {
    const { error } = Joi.object({ user: Joi.object({ email: Joi.string().email() }) }).validate({
      user: { email: 'nope' },
    });
    expect(toAppError(error!)).toMatchObject({
      status: 422,
      errors: { email: ['must be a valid email'] },
    });
  });

  it('names a field called constructor, prototype, toString or hasOwnProperty like any other', () => {
    const keys = ['constructor', 'prototype', 'toString', 'hasOwnProperty'];
    const { error } = Joi.object({}).validate(Object.fromEntries(keys.map((k) => [k, 1])), {
      abortEarly: false,
    });
    const mapped = toAppError(error!);
    expect(mapped).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' });
    expect(Object.keys(mapped!.errors).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(mapped!.errors[key]).toEqual(['is not allowed']);
  });

  it('maps an error about a field called __proto__ without touching any prototype', () => {
    const { error } = Joi.object({ a: Joi.number() }).validate(
      JSON.parse('{"__proto__": {"x": 1}, "a": "not a number"}'),
    );
    const mapped = toAppError(error!);
    expect(mapped?.status).toBe(422);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('maps a Mongoose ValidationError to 422', async () => {
    const Model = mongoose.model(
      'MapTest',
      new mongoose.Schema({ title: { type: String, required: true } }),
    );
    const err = (await new Model({})
      .validate()
      .catch((e: unknown) => e)) as mongoose.Error.ValidationError;
    expect(toAppError(err)).toMatchObject({
      status: 422,
      errors: { title: [expect.stringContaining('required')] },
    });
  });

  it.each([
    ['a refused connection', new mongoose.mongo.MongoNetworkError('connect ECONNREFUSED')],
    [
      'a server shutting down (MongoDB)',
      new mongoose.mongo.MongoServerError({ code: 91, errmsg: 'ShutdownInProgress' }),
    ],
    [
      'a query cut by FerretDB shutting down',
      new mongoose.mongo.MongoServerError({ code: 1, errmsg: 'x context canceled' }),
    ],
    [
      'a write to a socket the server closed',
      Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' }),
    ],
    [
      'a buffered operation that timed out',
      new Error('Operation `users.findOne()` buffering timed out after 10000ms'),
    ],
  ])('maps %s to 503 with Retry-After', (_name, err) => {
    expect(toAppError(err)).toMatchObject({
      status: 503,
      retryAfterSeconds: 5,
      errors: { database: ['is unreachable'] },
    });
  });

  it('leaves other server errors unknown (500)', () => {
    expect(
      toAppError(new mongoose.mongo.MongoServerError({ code: 2, errmsg: 'BadValue' })),
    ).toBeUndefined();
  });

  it('maps a CastError to 404', () => {
    const err = new mongoose.Error.CastError('ObjectId', 'xyz', '_id');
    expect(toAppError(err)).toMatchObject({ status: 404, errors: { id: ['not found'] } });
  });

  it('maps a duplicate key error to 422 "is already taken" on its field', () => {
    const err = Object.assign(new Error('E11000'), { code: 11000, keyValue: { username: 'jake' } });
    expect(toAppError(err)).toMatchObject({
      status: 422,
      errors: { username: ['is already taken'] },
    });
  });

  it('maps JWT errors to 401', () => {
    expect(toAppError(new jwt.TokenExpiredError('jwt expired', new Date()))).toMatchObject({
      status: 401,
      code: 'TOKEN_EXPIRED',
    });
    expect(toAppError(new jwt.JsonWebTokenError('invalid signature'))).toMatchObject({
      status: 401,
      code: 'TOKEN_INVALID',
    });
  });

  it('maps multer errors: too large → 413, a form not as described (unexpected field, too many files) → 400', () => {
    expect(toAppError(new multer.MulterError('LIMIT_FILE_SIZE', 'image'))).toMatchObject({
      status: 413,
      errors: { image: ['file too large'] },
    });
    expect(toAppError(new multer.MulterError('LIMIT_UNEXPECTED_FILE', 'other'))).toMatchObject({
      status: 400,
    });
    expect(toAppError(new multer.MulterError('LIMIT_FILE_COUNT', 'files'))).toMatchObject({
      status: 400,
    });
  });

  it('maps a multipart body cut short (busboy) to 400 MALFORMED_MULTIPART', () => {
    expect(toAppError(new Error('Unexpected end of form'))).toMatchObject({
      status: 400,
      code: 'MALFORMED_MULTIPART',
    });
  });

  it('keeps other 4xx errors (e.g. from body-parser) and leaves unknown ones to the 500 path', () => {
    const unsupported = Object.assign(new Error('unsupported charset "X"'), { status: 415 });
    expect(toAppError(unsupported)).toMatchObject({ status: 415 });
    expect(toAppError(new Error('boom'))).toBeUndefined();
    expect(toAppError(Object.assign(new Error('x'), { status: 502 }))).toBeUndefined();
  });
});
