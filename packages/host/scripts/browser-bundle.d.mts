export const BUNDLE_FILE: string;
export function buildBrowserBundle(): Promise<Uint8Array>;
export function integrity(bytes: Uint8Array): string;
export function readmeIntegrities(): Promise<string[]>;
