// One server call at a time from a screen: buttons are disabled while it runs, and a refusal is shown in words.
import type { ApiCallError } from '../lib/api-client.ts';

export class Action {
  busy = $state(false);
  error = $state<string | null>(null);

  async run<T>(call: () => Promise<T>, done: (value: T) => void): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      done(await call());
    } catch (err) {
      this.error = (err as ApiCallError).message;
    } finally {
      this.busy = false;
    }
  }
}
