/**
 * Writes docs/schema.graphql: the GraphQL schema as SDL, for clients and code generators.
 * tests/integration/graphql.test.ts fails when the file and the served schema differ.
 *   npm run graphql:schema
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, printSchema } from 'graphql';
import { typeDefs } from '../src/graphql/type-defs';

const target = path.resolve(__dirname, '..', 'docs', 'schema.graphql');
fs.writeFileSync(target, `${printSchema(buildSchema(typeDefs))}\n`);
console.log(`wrote ${path.relative(process.cwd(), target)}`);
