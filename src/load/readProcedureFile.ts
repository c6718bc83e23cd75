import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { SourceFile } from '../model/procedure.js';
import type { LocalizedText } from '../model/finding.js';
import { BUILTIN_RULES } from '../model/builtinRules.js';
import { decodeText } from './decodeText.js';
import { createLocator } from './lineIndex.js';
import { loadFinding, loadProcedureFile } from './procedureFile.js';
import type { LoadOptions } from './procedureFile.js';

export interface ReadOptions extends LoadOptions {
  /** Files larger than this many bytes are reported, not read. */
  maxFileSize: number;
  /** Decode every file with this encoding instead of detecting one. */
  encoding?: string;
  /** Receives one line per file about how it was decoded (for --debug). */
  log?: (message: string) => void;
}

export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;

/**
 * Reads one procedure file from disk. Whatever is wrong with it (unreadable, too large, binary,
 * undecodable) becomes a finding at a real position, never an exception, so the run goes on.
 */
export function readProcedureFile(path: string, absolutePath: string, options: ReadOptions): SourceFile {
  const fail = (ruleId: string, message: LocalizedText) => failedFile(path, ruleId, message);
  let bytes: Uint8Array;
  try {
    const descriptor = openSync(absolutePath, 'r');
    try {
      const { size, isFile } = describe(descriptor);
      if (!isFile) return fail(BUILTIN_RULES.readError, { zh: '不是普通文件', en: 'not a regular file' });
      if (size > options.maxFileSize) {
        return fail(BUILTIN_RULES.fileTooLarge, {
          zh: `文件大小 ${size} 字节，超过上限 ${options.maxFileSize} 字节（--max-file-size）`,
          en: `the file has ${size} bytes, more than the limit of ${options.maxFileSize} (--max-file-size)`,
        });
      }
      bytes = readAll(descriptor, size);
    } finally {
      closeSync(descriptor);
    }
  } catch (error) {
    return unreadableFile(path, (error as NodeJS.ErrnoException).code ?? String(error));
  }
  const decoded = decodeText(bytes, options.encoding);
  if (!decoded.ok) {
    options.log?.(`${path}: undecodable at byte ${decoded.byteOffset} (${decoded.reason})`);
    return fail(BUILTIN_RULES.encodingError, {
      zh: `无法解码：第 ${decoded.byteOffset} 字节起${decoded.reason === 'binary file (NUL byte)' ? '为二进制内容' : `不是可识别的文本编码（${decoded.reason}）`}`,
      en: `cannot decode the file at byte offset ${decoded.byteOffset}: ${decoded.reason}`,
    });
  }
  const confidence = decoded.confidence === null ? '' : ` (confidence ${decoded.confidence.toFixed(2)})`;
  options.log?.(`${path}: ${decoded.encoding}${confidence}`);
  return loadProcedureFile(path, decoded.text, options);
}

/** A file or directory that could not be read, as a file-level finding. */
export function unreadableFile(path: string, code: string): SourceFile {
  return failedFile(path, BUILTIN_RULES.readError, { zh: `无法读取：${code}`, en: `cannot read it: ${code}` });
}

function failedFile(path: string, ruleId: string, message: LocalizedText): SourceFile {
  const locate = createLocator('');
  return { path, procedures: [], loadFindings: [loadFinding(path, locate({ start: 0, end: 0 }), ruleId, message, 'error')], locate };
}

function describe(descriptor: number): { size: number; isFile: boolean } {
  const stats = fstatSync(descriptor);
  return { size: stats.size, isFile: stats.isFile() };
}

/** Reads up to `size` bytes; the file may shrink or grow while we read, and we read what is there. */
function readAll(descriptor: number, size: number): Uint8Array {
  const buffer = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const count = readSync(descriptor, buffer, filled, size - filled, null);
    if (count === 0) break;
    filled += count;
  }
  return buffer.subarray(0, filled);
}
