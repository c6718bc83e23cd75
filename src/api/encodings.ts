/** Kept apart from the rest of the API so `--encoding` can be checked without loading the engine. */
export { encodingExists } from '../load/decodeText.js';
