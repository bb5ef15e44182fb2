/**
 * `npm run lint:openapi`: the OpenAPI document the app serves, linted with Spectral's
 * `spectral:oas` ruleset (what Stoplight, Swagger tools and API gateways hold a document
 * to). Exits 1 on any error or warning; part of `npm run lint`, so of CI.
 */
import {
  Document,
  Spectral,
  type ISpectralDiagnostic,
  type RulesetDefinition,
} from '@stoplight/spectral-core';
import { Json as JsonParser } from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { logger } from '../src/utils/logger';
import { servedDocument } from './lib/served-openapi';

const SEVERITY = ['error', 'warning', 'info', 'hint'];

export async function lintOpenApi(document: unknown): Promise<ISpectralDiagnostic[]> {
  const spectral = new Spectral();
  // The ruleset's typings lag its runtime shape (stoplightio/spectral#2009): hence the cast.
  spectral.setRuleset({ extends: [oas as RulesetDefinition] });
  const text = JSON.stringify(document, null, 2);
  return spectral.run(new Document(text, JsonParser, 'openapi.json'));
}

async function main() {
  logger.level = 'warn'; // building the app says what it would run with; not news here
  const results = await lintOpenApi(servedDocument());
  for (const r of results) {
    const at = r.path.join('.');
    console.log(`${SEVERITY[r.severity]}  ${r.code}  ${at}  ${r.message}`);
  }
  const failing = results.filter((r) => r.severity <= 1);
  console.log(
    `spectral:oas: ${results.filter((r) => r.severity === 0).length} errors, ` +
      `${results.filter((r) => r.severity === 1).length} warnings`,
  );
  process.exit(failing.length > 0 ? 1 : 0);
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(err);
    process.exit(2);
  });
}
