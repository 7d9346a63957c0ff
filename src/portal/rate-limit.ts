import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isIPv4, isIPv6 } from 'node:net';
import { ApplicationError } from '../http/index.js';
import { tokenHash } from './follow-up-links.js';
import { PORTAL_SETTINGS, type PortalSettings } from './tokens.js';

/** Too many requests from one address or on one case's link, or complaints filed from one address, within the window (429, with `Retry-After`). */
export class TooManyRequests extends ApplicationError {
  override readonly name = 'TooManyRequests';
  readonly status = 429;
  constructor(
    readonly limit: 'address' | 'link' | 'filing',
    readonly retryAfterSeconds: number,
  ) {
    super(
      limit === 'filing'
        ? `too many complaints filed from this address: you can file again in ${Math.ceil(retryAfterSeconds / 60)} minutes, or call the complaints office`
        : `too many requests from this ${limit}: try again in ${retryAfterSeconds} seconds`,
    );
  }

  override details(): Record<string, unknown> {
    return { limit: this.limit, retryAfterSeconds: this.retryAfterSeconds };
  }

  /** The refusal, its `Retry-After` header set on the response the error filter answers with. */
  static on(response: Response, refusal: TooManyRequests): TooManyRequests {
    response.setHeader('Retry-After', String(refusal.retryAfterSeconds));
    return refusal;
  }
}

/**
 * Counts per key over a sliding window, in this process's memory (each API node counts its own): a
 * request is taken while fewer than `limit` were taken in the `windowMs` before it, so no burst gets
 * twice the limit across the edge of a fixed window.
 */
export class SlidingWindowCounter {
  private readonly taken = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Takes one request at `now`; the seconds until one is free again when the key is at its limit (nothing taken), else undefined. */
  take(key: string, now: number): number | undefined {
    const recent = (this.taken.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.taken.set(key, recent);
      return Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
    }
    if (!this.taken.has(key) && this.taken.size >= 100_000) this.forgetBefore(now - this.windowMs);
    recent.push(now);
    this.taken.set(key, recent);
    return undefined;
  }

  /** Gives back a request taken at `at` (it did not go through, so it does not count). */
  giveBack(key: string, at: number): void {
    const recent = this.taken.get(key);
    const index = recent?.lastIndexOf(at) ?? -1;
    if (index >= 0) recent!.splice(index, 1);
  }

  private forgetBefore(start: number): void {
    for (const [key, times] of this.taken) if (times.every((at) => at <= start)) this.taken.delete(key);
  }
}

/** Complaints one client address files on the portal within the window, unless configured otherwise (PORTAL_FILING_LIMIT). */
export const PORTAL_FILING_LIMIT = { filings: 10, windowMs: 3_600_000 } as const;

/**
 * The filings of each client address (a filing creates a numbered case with a deadline staff must meet:
 * far fewer are taken than page reads). Only filings that went through count: a refused one is given back.
 */
@Injectable()
export class PortalFilingLimit {
  private readonly filings: SlidingWindowCounter;

  constructor(@Inject(PORTAL_SETTINGS) settings: PortalSettings) {
    const { filings, windowMs } = settings.filingLimit ?? PORTAL_FILING_LIMIT;
    this.filings = new SlidingWindowCounter(filings, windowMs);
  }

  /**
   * Files `file` for the request's client address within its limit, or throws the 429 (with
   * `Retry-After` on `response`). A filing that `filedNothing` (the same request again) is given back.
   */
  async within<T>(request: Request, response: Response, file: () => Promise<T>, filedNothing: (filed: T) => boolean = () => false): Promise<T> {
    const address = clientAddress(request);
    const at = Date.now();
    const wait = this.filings.take(address, at);
    if (wait !== undefined) throw TooManyRequests.on(response, new TooManyRequests('filing', wait));
    try {
      const filed = await file();
      if (filedNothing(filed)) this.filings.giveBack(address, at);
      return filed;
    } catch (error) {
      this.filings.giveBack(address, at);
      throw error;
    }
  }
}

/** Requests a minute the portal takes from one address, and on one case's link, unless configured otherwise. */
export const PORTAL_RATE_LIMITS = { perAddressPerMinute: 60, perCasePerMinute: 30 } as const;

/**
 * The client as the limits count it: its address ({@link countedAddress}), the connection's, or with
 * TRUST_PROXY (Express `trust proxy`) the one the trusted proxies put in X-Forwarded-For. Without it,
 * a header the client chose never counts.
 */
export function clientAddress(request: Request): string {
  return countedAddress(request.ip ?? request.socket.remoteAddress ?? 'unknown');
}

/**
 * What one client's address is counted as. An IPv6 client is given a /64 (a home or a phone's
 * network) and takes any address in it at will (temporary addresses, RFC 8981), so it is counted by
 * its /64, written `2001:db8:1:2::/64`; an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, as a
 * dual-stack socket shows an IPv4 client) as the IPv4 address it is; an IPv4 address as it is.
 * Anything else (no address known) is counted as it is given.
 */
export function countedAddress(address: string): string {
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address;
  const groups = ipv6Groups(address.replace(/%.*$/, ''));
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a trailing dotted IPv4 part as two groups). */
function ipv6Groups(address: string): number[] {
  const dotted = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const text = dotted ? `${dotted[1]}${((Number(dotted[2]) << 8) | Number(dotted[3])).toString(16)}:${((Number(dotted[4]) << 8) | Number(dotted[5])).toString(16)}` : address;
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const before = parse(head);
  const after = parse(tail);
  return tail === undefined ? before : [...before, ...Array<number>(8 - before.length - after.length).fill(0), ...after];
}

/** The portal's rate limits: per client address, and per case link (the token's hash, so the count names no secret). */
@Injectable()
export class PortalRateLimit implements CanActivate {
  private readonly perAddress: SlidingWindowCounter;
  private readonly perCase: SlidingWindowCounter;

  constructor(@Inject(PORTAL_SETTINGS) settings: PortalSettings) {
    const limits = settings.rateLimits ?? PORTAL_RATE_LIMITS;
    this.perAddress = new SlidingWindowCounter(limits.perAddressPerMinute, 60_000);
    this.perCase = new SlidingWindowCounter(limits.perCasePerMinute, 60_000);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const now = Date.now();
    const address = this.perAddress.take(clientAddress(request), now);
    if (address !== undefined) throw TooManyRequests.on(response, new TooManyRequests('address', address));
    const token = request.params?.token;
    if (typeof token === 'string') {
      const onCase = this.perCase.take(tokenHash(token), now);
      if (onCase !== undefined) throw TooManyRequests.on(response, new TooManyRequests('link', onCase));
    }
    return true;
  }
}
