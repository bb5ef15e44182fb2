/**
 * How a setting is declared: once, as a Joi schema under its environment variable's name,
 * in the file of its concern. The TypeScript type of each value is read off its schema
 * (`EnvOf`), so a mapping that misspells a variable, or treats a number as a string, does
 * not compile.
 */
import path from 'node:path';
import Joi from 'joi';

/** The value type a Joi schema produces. */
type ValueOf<S> = S extends Joi.AnySchema<infer T> ? T : never;

/** The validated environment, typed from a record of variable schemas. */
export type EnvOf<V> = { [K in keyof V]: ValueOf<V[K]> };

/** A variable that may be unset: its type includes undefined (Joi's types cannot say so). */
export const optional = <T>(schema: Joi.Schema<T>) => schema as Joi.Schema<T | undefined>;

/** One of these strings: its type is their union (Joi's `valid` types a plain string). */
export const oneOf = <T extends string>(...values: T[]) =>
  Joi.string().valid(...values) as Joi.StringSchema<T>;

/** The project's root, found from this file whatever the working directory. */
export const projectRoot = path.resolve(__dirname, '..', '..');

/** A path from the project's root (a relative one), or as given (an absolute one). */
export const fromRoot = (p: string) => path.resolve(projectRoot, p);

/** Token lifetimes: `900` (seconds), `15m`, `12h`, `1d`. */
export const DURATION = /^\d+[smhd]?$/;

/** In production unless set otherwise, in development and tests another default. */
export const byEnvironment = <S extends Joi.AnySchema>(production: S, otherwise: S) => ({
  is: 'production',
  then: production,
  otherwise,
});
