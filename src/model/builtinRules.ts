import type { LocalizedText } from './finding.js';
import type { RuleDescriptor } from './report.js';

/** Findings the loader raises about the files themselves; listed with the rules in SARIF and by `stampcheck rules`. */
export const BUILTIN_RULES = {
  parseError: 'parse-error',
  readError: 'read-error',
  encodingError: 'encoding-error',
  fileTooLarge: 'file-too-large',
  schemaError: 'schema-error',
  duplicateKey: 'duplicate-key',
  duplicateId: 'duplicate-id',
  unknownField: 'unknown-field',
} as const;

const titles: Record<string, LocalizedText> = {
  'parse-error': { zh: '文件无法解析', en: 'The file cannot be parsed' },
  'read-error': { zh: '文件或目录无法读取', en: 'The file or directory cannot be read' },
  'encoding-error': { zh: '文件编码无法识别或含有无法解码的字节', en: 'The file is binary or its bytes cannot be decoded' },
  'file-too-large': { zh: '文件超过大小上限', en: 'The file is larger than --max-file-size' },
  'schema-error': { zh: '流程定义不符合结构要求', en: 'The procedure does not match the procedure schema' },
  'duplicate-key': { zh: '同一对象中键重复', en: 'A key is repeated in one mapping' },
  'duplicate-id': { zh: '流程或步骤编号重复', en: 'A procedure or step id is used twice' },
  'unknown-field': { zh: '未知字段（--strict）', en: 'Unknown field (--strict)' },
};

export const BUILTIN_RULE_DESCRIPTORS: RuleDescriptor[] = Object.entries(titles).map(([id, title]) => ({
  id,
  severity: id === 'unknown-field' ? 'warning' : 'error',
  title,
  remedy: null,
  source: null,
  departments: [],
}));
