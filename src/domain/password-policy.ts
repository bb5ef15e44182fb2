/**
 * How strong a new password must be: 8 to 72 characters (the endpoints check that; bcrypt
 * reads 72 bytes) and not easy to guess — zxcvbn's estimate, which knows the common and
 * breached passwords, keyboard walks and repeats, and the user's own name and email.
 * "11111111" and "password123" are refused; a passphrase is welcome.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { ValidationError } from '../utils/errors';

/** zxcvbn scores 0 (too guessable) to 4 (very unguessable); 2 and up stops common passwords. */
const MIN_SCORE = 2;

let estimator: ZxcvbnFactory | undefined;

/** Built on first use: loading the dictionaries takes a few hundred milliseconds. */
function strength(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return estimator;
}

/** 422 with zxcvbn's advice when `password` is too easy to guess for this user. */
export function assertStrongPassword(password: string, userInputs: string[] = []): void {
  const { score, feedback } = strength().check(password, userInputs);
  if (score >= MIN_SCORE) return;
  const advice = [feedback.warning, ...feedback.suggestions].filter(Boolean).join(' ');
  throw new ValidationError({ password: [`is too easy to guess. ${advice}`.trim()] });
}
