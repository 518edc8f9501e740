// The classroom's secrets, all from crypto.randomBytes: session tokens (256 bits, stored only as SHA-256
// hashes), join codes (50 bits, typed by students) and simulation ids (not secret, just unique).
import crypto from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read off a board cannot be mistyped into another code. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 10 symbols × 5 bits = 50 bits: guessing one of a class's codes at the join rate limit takes millions of years. */
export const JOIN_CODE_LENGTH = 10;
export const JOIN_CODE_BITS = JOIN_CODE_LENGTH * 5;

function base32(bytes: Buffer, alphabet: string): string {
  // 32 symbols: the low five bits of each byte are uniform, so there is no modulo bias.
  return Array.from(bytes, (b) => alphabet[b & 31]).join('');
}

export const newToken = (): string => crypto.randomBytes(32).toString('base64url');

export const hashToken = (token: string): string => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

/** A join code as stored: JOIN_CODE_LENGTH symbols of CODE_ALPHABET. */
export const newJoinCode = (): string => base32(crypto.randomBytes(JOIN_CODE_LENGTH), CODE_ALPHABET);

/** A new simulation id: 8 symbols of a–z and 0–9. */
export const newSimulationId = (): string => base32(crypto.randomBytes(8), CODE_ALPHABET.toLowerCase());

/** "K7M2P-9QDXR": as printed and shown, in two halves that are easy to read out. */
export const showJoinCode = (code: string): string => `${code.slice(0, 5)}-${code.slice(5)}`;

/** A typed code as stored: case, spaces and dashes do not matter, and O, I and L read as 0, 1 and 1. */
export function normalizeJoinCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}
