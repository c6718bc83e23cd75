import { loadRuleSet, ruleFilesAt, SHIPPED_RULES } from '../config/loadRules.js';
import { writeShippedSnapshot } from '../config/shippedSnapshot.js';
import { packageFile } from '../packagePaths.js';

/** Build step (after compileSchemas: rule files are validated with the generated validator): snapshots the shipped rule set. */
const root = packageFile('');
writeShippedSnapshot(loadRuleSet([SHIPPED_RULES], root), ruleFilesAt(SHIPPED_RULES, root));
