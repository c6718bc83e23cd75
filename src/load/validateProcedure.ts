import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { schemaFile, schemaValidator } from './schemaValidator.js';

let schemaCache: ProcedureSchema | null = null;

interface ProcedureSchema {
  properties: Record<string, unknown>;
  definitions: Record<string, { properties: Record<string, unknown> }>;
}

function procedureSchema(): ProcedureSchema {
  schemaCache ??= JSON.parse(readFileSync(schemaFile('procedure'), 'utf8')) as ProcedureSchema;
  return schemaCache;
}

/** Validates one plain document against schemas/procedure.schema.json. */
export function validateProcedureDocument(document: unknown): ErrorObject[] {
  const validator = schemaValidator('procedure');
  return validator(document) ? [] : (validator.errors ?? []);
}

/** The fields each object of the schema declares, for `--strict` unknown-field warnings. */
export function knownFields(definition: 'root' | 'procedure' | 'step' | 'requirement'): ReadonlySet<string> {
  const schema = procedureSchema();
  const properties = definition === 'root' ? schema.properties : schema.definitions[definition].properties;
  return new Set(Object.keys(properties));
}
