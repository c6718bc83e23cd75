import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { AJV_OPTIONS, generatedValidatorFile, schemaFile } from '../load/schemaValidator.js';
import type { SchemaName } from '../load/schemaValidator.js';

/** Build step: compiles the published schemas into standalone validator modules under dist/generated. */
for (const name of ['procedure', 'rules'] as SchemaName[]) {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
  const validate = ajv.compile(JSON.parse(readFileSync(schemaFile(name), 'utf8')));
  const target = generatedValidatorFile(name);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, standaloneCode.default(ajv, validate));
}
