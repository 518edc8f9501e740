/** A problem with how the command was called: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
/** Invalid input or data: exit code 1, one clear message. */
export class InputError extends Error {
  override name = 'InputError';
}
