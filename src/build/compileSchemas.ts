import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { AJV_OPTIONS, generatedValidatorFile, VALIDATOR_NAMES, validatorSchema } from '../load/schemaValidator.js';

/** Build step: compiles the schemas into standalone validator modules under dist/generated. */
for (const name of VALIDATOR_NAMES) {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  const validate = ajv.compile(validatorSchema(name));
  const target = generatedValidatorFile(name);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, standaloneCode.default(ajv, validate));
}
