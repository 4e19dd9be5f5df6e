import { sha256 } from '../crypto/random.ts';
import { contextFields } from './request-context.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

// Field names whose values are secret: they are replaced by a short fingerprint, enough
// to correlate two log lines about the same credential and useless to an attacker.
const SECRET_FIELD = /secret|token|assertion|authorization|password|cookie|master|private/i;
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]*/g;
// Secret key, static token, consumer secret, refresh token, access key, OAuth access token,
// operator token: every prefix of a secret the platform makes.
const PREFIXED_SECRET = /\b(sk|st|cs|rt|ak|oat|adm)_[\w-]{16,}/g;

const fingerprint = (value: unknown): string => `[redacted:${sha256(String(value)).slice(0, 8)}]`;

/** Scrubs anything that looks like a credential, at any depth. */
export function redact(value: unknown, key = ''): unknown {
  if (value === null || value === undefined) return value;
  if (key && SECRET_FIELD.test(key)) return fingerprint(value);
  if (typeof value === 'string') return value.replace(JWT, fingerprint).replace(PREFIXED_SECRET, fingerprint);
  if (value instanceof Error) return { name: value.name, message: redact(value.message) };
  if (Array.isArray(value)) return value.map((v) => redact(v));
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  }
  return value;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** JSON lines, one per event, with every field passed through `redact`. */
export function createLogger(
  options: { level?: LogLevel; write?: (line: string) => void; base?: LogFields } = {},
): Logger {
  const min = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const emit = (level: LogLevel, event: string, fields: LogFields = {}) => {
    if (ORDER[level] < min) return;
    write(
      JSON.stringify({
        time: new Date().toISOString(),
        level,
        event,
        // The request being served, if any: every line of it is found by its request id.
        ...(redact({ ...options.base, ...contextFields(), ...fields }) as LogFields),
      }),
    );
  };
  return {
    debug: (e, f) => emit('debug', e, f),
    info: (e, f) => emit('info', e, f),
    warn: (e, f) => emit('warn', e, f),
    error: (e, f) => emit('error', e, f),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
