import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { packageFile } from '../packagePaths.js';

/** The JSON Schemas stampcheck publishes in schemas/. */
export type SchemaName = 'procedure' | 'rules' | 'baseline';

/**
 * What stampcheck validates with: the published schemas, and two parts of the procedure schema for
 * files read step by step — the procedure without its steps' contents (`procedure-outline`) and one
 * step (`procedure-step`).
 */
export type ValidatorName = SchemaName | 'procedure-outline' | 'procedure-step';

export const VALIDATOR_NAMES: readonly ValidatorName[] = ['procedure', 'rules', 'baseline', 'procedure-outline', 'procedure-step'];

/** Ajv options shared by the build-time compiler and the run-time fallback, so both validate alike. */
export const AJV_OPTIONS = { allErrors: true, allowUnionTypes: true } as const;

const require = createRequire(import.meta.url);
const validators = new Map<ValidatorName, ValidateFunction>();

function schemaFile(name: SchemaName): string {
  return packageFile(`schemas/${name}.schema.json`);
}

/** The schema a validator checks against; the procedure schema's parts are cut from it, never written twice. */
export function validatorSchema(name: ValidatorName): Record<string, unknown> {
  if (name === 'procedure' || name === 'rules' || name === 'baseline') return JSON.parse(readFileSync(schemaFile(name), 'utf8')) as Record<string, unknown>;
  const procedure = validatorSchema('procedure') as { definitions: { procedure: { properties: { steps: { items: unknown } } } } };
  if (name === 'procedure-step') {
    return { $id: `${name}.schema.json`, definitions: procedure.definitions, $ref: '#/definitions/step' };
  }
  procedure.definitions.procedure.properties.steps.items = {};
  return { ...procedure, $id: `${name}.schema.json` };
}

export function generatedValidatorFile(name: ValidatorName): string {
  return packageFile(`dist/generated/${name}.validator.cjs`);
}

/**
 * The validator for a schema: the one `npm run build` compiled ahead of time with Ajv's standalone
 * code (start-up pays no schema compilation, nor even Ajv's loading), or, when running from source,
 * one compiled now.
 */
export function schemaValidator(name: ValidatorName): ValidateFunction {
  let validator = validators.get(name);
  if (validator === undefined) {
    try {
      validator = require(generatedValidatorFile(name)) as ValidateFunction;
    } catch {
      const { Ajv } = require('ajv') as typeof import('ajv');
      validator = new Ajv(AJV_OPTIONS).compile(validatorSchema(name));
    }
    validators.set(name, validator);
  }
  return validator;
}
