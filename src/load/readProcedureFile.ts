import { closeSync, constants, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { SourceFile, StepConsumer } from '../model/procedure.js';
import type { LocalizedText, Span } from '../model/finding.js';
import { BUILTIN_RULES } from '../model/builtinRules.js';
import { decodeText } from './decodeText.js';
import { createLocator } from './lineIndex.js';
import { loadProcedureFile } from './procedureFile.js';
import { fileFinding } from '../model/finding.js';
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
export function readProcedureFile(path: string, absolutePath: string, options: ReadOptions, consumer?: StepConsumer): SourceFile {
  const fail = (ruleId: string, message: LocalizedText) => failedFile(path, ruleId, FILE_START, message);
  let bytes: Uint8Array;
  try {
    // Non-blocking open, then fstat: a FIFO or a device named *.yaml is refused instead of hanging.
    const descriptor = openSync(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stats = fstatSync(descriptor);
      if (!stats.isFile()) return fail(BUILTIN_RULES.readError, { zh: '不是普通文件', en: 'not a regular file' });
      if (stats.size > options.maxFileSize) {
        return fail(BUILTIN_RULES.fileTooLarge, {
          zh: `文件大小 ${stats.size} 字节，超过上限 ${options.maxFileSize} 字节（--max-file-size）`,
          en: `the file has ${stats.size} bytes, more than the limit of ${options.maxFileSize} (--max-file-size)`,
        });
      }
      bytes = readBytes(descriptor, stats.size);
    } finally {
      closeSync(descriptor);
    }
  } catch (error) {
    return unreadableFile(path, (error as NodeJS.ErrnoException).code ?? String(error));
  }
  return loadProcedureBytes(path, bytes, options, consumer);
}

/**
 * The file's bytes as of its measured size, read in one call (readFileSync on a descriptor asks the size
 * again); a file that reports no size (/proc) is read until it ends.
 */
function readBytes(descriptor: number, size: number): Uint8Array {
  if (size === 0) return readFileSync(descriptor);
  const bytes = Buffer.allocUnsafe(size);
  let read = 0;
  while (read < size) {
    const count = readSync(descriptor, bytes, read, size - read, read);
    if (count === 0) break; // shrunk since it was measured
    read += count;
  }
  return bytes.subarray(0, read);
}

/** Decodes and loads bytes already read: what the fuzzer and the property tests drive. */
export function loadProcedureBytes(path: string, bytes: Uint8Array, options: Omit<ReadOptions, 'maxFileSize'>, consumer?: StepConsumer): SourceFile {
  const decoded = decodeText(bytes, options.encoding);
  if (!decoded.ok) {
    options.log?.(`${path}: undecodable at byte ${decoded.byteOffset} (${decoded.reason})`);
    return failedFile(path, BUILTIN_RULES.encodingError, byteSpan(bytes, decoded.byteOffset, decoded.readAs ?? 'utf-8'), {
      zh: `无法解码：第 ${decoded.byteOffset} 字节起${decoded.reason === 'binary file (NUL byte)' ? '为二进制内容' : `不是可识别的文本编码（${decoded.reason}）`}`,
      en: `cannot decode the file at byte offset ${decoded.byteOffset}: ${decoded.reason}`,
    });
  }
  const confidence = decoded.confidence === null ? '' : ` (confidence ${decoded.confidence.toFixed(2)})`;
  options.log?.(`${path}: ${decoded.encoding}${confidence}`);
  return loadProcedureFile(path, decoded.text, options, consumer);
}

/** A file or directory that could not be read, as a file-level finding: why in words, and the system's code. */
export function unreadableFile(path: string, code: string): SourceFile {
  const why = READ_FAILURES[code];
  return failedFile(path, BUILTIN_RULES.readError, FILE_START, why === undefined
    ? { zh: `无法读取：${code}`, en: `cannot read it: ${code}` }
    : { zh: `无法读取：${why.zh}（${code}）`, en: `cannot read it: ${why.en} (${code})` });
}

/** What the codes of a failed read mean for a file a directory listed (a missing one is a dangling link). */
const READ_FAILURES: Readonly<Record<string, LocalizedText>> = {
  ENOENT: { zh: '文件不存在（失效的符号链接？）', en: 'no such file (a dangling symbolic link?)' },
  EACCES: { zh: '没有读取权限', en: 'permission denied' },
  EPERM: { zh: '没有读取权限', en: 'permission denied' },
  ELOOP: { zh: '符号链接循环', en: 'a loop of symbolic links' },
  EISDIR: { zh: '这是一个目录', en: 'it is a directory' },
};

function failedFile(path: string, ruleId: string, span: Span, message: LocalizedText): SourceFile {
  return { path, procedures: [], loadFindings: [fileFinding(path, span, ruleId, message, 'error')], locate: createLocator('') };
}

const FILE_START: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/** Where a byte offset falls, reading the bytes before it (which decoded) as text. */
function byteSpan(bytes: Uint8Array, byteOffset: number, encoding: string): Span {
  const prefix = bytes.subarray(0, byteOffset);
  let before: string;
  try {
    before = new TextDecoder(encoding).decode(prefix);
  } catch {
    before = new TextDecoder('utf-8').decode(prefix); // an iconv-only encoding name: lines still count right
  }
  return createLocator(before)({ start: before.length, end: before.length });
}
