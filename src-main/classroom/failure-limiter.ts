// Rate limit on failed join attempts, per address: past `perAddress` failures within the window, every join
// attempt from that address — even with the right code — is refused until the oldest failure leaves the window.
// With 50-bit codes that alone makes guessing hopeless; there is deliberately no limit
// shared by all addresses, which one student could use to lock the whole class out.
export interface LimiterOptions {
  perAddress: number;
  windowMs: number;
  now?: () => number;
}

/** IPv6 hosts get whole /64 networks: their addresses are counted by network, IPv4 by address. */
export function addressKey(address: string): string {
  const v4 = address.replace(/^::ffff:/i, '');
  if (!v4.includes(':')) return v4;
  return `${expandIpv6(v4).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, "::" filled with zero groups (node gives the compressed form). */
function expandIpv6(address: string): string[] {
  const [head, tail] = address.toLowerCase().split('%')[0]!.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0');
  return [...left, ...fill, ...right].map((g) => g.replace(/^0+(?=.)/, ''));
}

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly options: Required<LimiterOptions>;

  constructor(options: LimiterOptions) {
    this.options = { now: Date.now, ...options };
  }

  /** Seconds until `address` may try again; 0 when it may try now. */
  retryAfter(address: string): number {
    const key = addressKey(address);
    const t = this.options.now();
    const mine = (this.failures.get(key) ?? []).filter((x) => x > t - this.options.windowMs);
    if (mine.length) this.failures.set(key, mine);
    else this.failures.delete(key);
    if (mine.length < this.options.perAddress) return 0;
    return Math.max(1, Math.ceil((mine[0]! + this.options.windowMs - t) / 1000));
  }

  fail(address: string): void {
    const key = addressKey(address);
    this.failures.set(key, [...(this.failures.get(key) ?? []), this.options.now()]);
  }
}
