import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { packageFile } from '../packagePaths.js';

/** The JSON Schemas stampcheck publishes in schemas/ and validates with. */
export type SchemaName = 'procedure' | 'rules';

/** Ajv options shared by the build-time compiler and the run-time fallback, so both validate alike. */
export const AJV_OPTIONS = { allErrors: true, allowUnionTypes: true } as const;

const require = createRequire(import.meta.url);
const validators = new Map<SchemaName, ValidateFunction>();

export function schemaFile(name: SchemaName): string {
  return packageFile(`schemas/${name}.schema.json`);
}

export function generatedValidatorFile(name: SchemaName): string {
  return packageFile(`dist/generated/${name}.validator.cjs`);
}

/**
 * The validator for a schema: the one `npm run build` compiled ahead of time with Ajv's standalone
 * code (start-up pays no schema compilation, nor even Ajv's loading), or, when running from source,
 * one compiled now.
 */
export function schemaValidator(name: SchemaName): ValidateFunction {
  let validator = validators.get(name);
  if (validator === undefined) {
    try {
      validator = require(generatedValidatorFile(name)) as ValidateFunction;
    } catch {
      const { Ajv } = require('ajv') as typeof import('ajv');
      validator = new Ajv(AJV_OPTIONS).compile(JSON.parse(readFileSync(schemaFile(name), 'utf8')));
    }
    validators.set(name, validator);
  }
  return validator;
}
