import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { packageFile } from '../packagePaths.js';

let validator: ValidateFunction | null = null;
let schemaCache: ProcedureSchema | null = null;

interface ProcedureSchema {
  properties: Record<string, unknown>;
  definitions: Record<string, { properties: Record<string, unknown> }>;
}

export function procedureSchema(): ProcedureSchema {
  schemaCache ??= JSON.parse(readFileSync(packageFile('schemas/procedure.schema.json'), 'utf8')) as ProcedureSchema;
  return schemaCache;
}

/** Validates one plain document; compiled on first use so runs without procedures never pay for it. */
export function validateProcedureDocument(document: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, allowUnionTypes: true }).compile(procedureSchema());
  return validator(document) ? [] : (validator.errors ?? []);
}

/** The fields each object of the schema declares, for `--strict` unknown-field warnings. */
export function knownFields(definition: 'root' | 'procedure' | 'step' | 'requirement'): ReadonlySet<string> {
  const schema = procedureSchema();
  const properties = definition === 'root' ? schema.properties : schema.definitions[definition].properties;
  return new Set(Object.keys(properties));
}
