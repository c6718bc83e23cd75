import type { ErrorObject } from 'ajv';
import { schemaValidator, validatorSchema } from './schemaValidator.js';

type Definition = 'root' | 'procedure' | 'step' | 'requirement';

let fieldsCache: Map<Definition, ReadonlySet<string>> | null = null;

/** Validates one plain document against schemas/procedure.schema.json. */
export function validateProcedureDocument(document: unknown): ErrorObject[] {
  const validator = schemaValidator('procedure');
  return validator(document) ? [] : (validator.errors ?? []);
}

/** Whether a document is valid once its steps are set aside (each is checked with isValidStep). */
export function isValidOutline(document: unknown): boolean {
  return schemaValidator('procedure-outline')(document);
}

/** Whether one step (an item of procedure.steps) is valid. */
export function isValidStep(step: unknown): boolean {
  return schemaValidator('procedure-step')(step);
}

/** The fields each object of the schema declares, for `--strict` unknown-field warnings. */
export function knownFields(definition: Definition): ReadonlySet<string> {
  if (fieldsCache === null) {
    const schema = validatorSchema('procedure') as {
      properties: Record<string, unknown>;
      definitions: Record<string, { properties: Record<string, unknown> }>;
    };
    const fields = (properties: Record<string, unknown>) => new Set(Object.keys(properties));
    fieldsCache = new Map<Definition, ReadonlySet<string>>([
      ['root', fields(schema.properties)],
      ...(['procedure', 'step', 'requirement'] as const).map((name) => [name, fields(schema.definitions[name].properties)] as const),
    ]);
  }
  return fieldsCache.get(definition)!;
}
