/**
 * The one place that reads process.env: dotenv loads .env, Joi validates every variable,
 * and the result is a frozen, typed `config` object. Each setting is declared once, in the
 * file of its concern (runtime.ts, database.ts, ..., tracing.ts), as a Joi schema beside the part of
 * the config it makes; the types come from those schemas. Only the entry points
 * (server.ts, worker.ts, lambda.ts, scripts/) import `config`; they hand each part to the
 * factories in app.ts (lint enforces this).
 */
import path from 'node:path';
import dotenv from 'dotenv';
import Joi from 'joi';
import { authConfig, authVariables } from './auth';
import { databaseConfig, databaseVariables } from './database';
import { httpConfig, httpVariables } from './http';
import { loggingConfig, loggingVariables } from './logging';
import { messagingConfig, messagingVariables } from './messaging';
import { redisConfig, redisVariables } from './redis';
import { runtimeConfig, runtimeVariables } from './runtime';
import { tracingConfig, tracingVariables } from './tracing';
import { uploadConfig, uploadVariables } from './uploads';
import { projectRoot, type EnvOf } from './variables';

const variables = {
  ...runtimeVariables,
  ...databaseVariables,
  ...redisVariables,
  ...authVariables,
  ...httpVariables,
  ...uploadVariables,
  ...messagingVariables,
  ...loggingVariables,
  ...tracingVariables,
};

// The rest of the environment (PATH, HOME, ...) is not ours.
const schema = Joi.object(variables).unknown(true);

function buildConfig(env: EnvOf<typeof variables>) {
  const runtime = runtimeConfig(env);
  return {
    ...runtime,
    db: databaseConfig(env),
    ...redisConfig(env),
    ...authConfig(env),
    http: httpConfig(env),
    uploads: uploadConfig(env),
    ...messagingConfig(env),
    ...loggingConfig(env),
    ...tracingConfig(env),
  };
}

export type Config = ReturnType<typeof buildConfig>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates an environment; throws a ConfigError naming the bad variable(s). */
export function loadConfig(env: NodeJS.ProcessEnv): Readonly<Config> {
  const { value, error } = schema.validate(env, { abortEarly: false, convert: true });
  if (error) {
    const problems = error.details.map((d) => d.message.replace(/"/g, '')).join('; ');
    throw new ConfigError(`Invalid environment: ${problems}`);
  }
  // The one cast: Joi produced each variable as its schema declares (EnvOf reads the types).
  return deepFreeze(buildConfig(value as EnvOf<typeof variables>));
}

function deepFreeze<T extends object>(obj: T): T {
  for (const v of Object.values(obj)) {
    if (v && typeof v === 'object' && !Object.isFrozen(v)) deepFreeze(v);
  }
  return Object.freeze(obj);
}

function loadOrExit(): Readonly<Config> {
  // Tests must not pick up a developer's .env (it could point them at a real database).
  // Variables already in the environment win over the file's (dotenv never overrides).
  if (process.env.NODE_ENV !== 'test') {
    dotenv.config({ path: process.env.ENV_FILE ?? path.join(projectRoot, '.env'), quiet: true });
  }
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // The logger is built from config, so it cannot report this; one plain line does.
    console.error(err.message);
    process.exit(1);
  }
}

export const config = loadOrExit();
