/** What the CLI may touch of the outside world; tests pass captured streams. */
export interface CliIo {
  /** `write` returns false when the stream wants `drain` awaited before more (Node's backpressure). */
  stdout: { write(text: string | Uint8Array): unknown; isTTY?: boolean; once?(event: 'drain', listener: () => void): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  cwd: string;
}
