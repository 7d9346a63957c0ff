import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ApplicationError } from '../http/index.js';
import { tokenHash } from './follow-up-links.js';
import { PORTAL_SETTINGS, type PortalSettings } from './tokens.js';

/** Too many requests from one address, or on one case's link, within the window (429). */
export class TooManyRequests extends ApplicationError {
  override readonly name = 'TooManyRequests';
  readonly status = 429;
  constructor(
    readonly per: 'address' | 'case',
    readonly retryAfterSeconds: number,
  ) {
    super(`too many requests from this ${per === 'address' ? 'address' : 'link'}: try again in ${retryAfterSeconds} seconds`);
  }

  override details(): Record<string, unknown> {
    return { retryAfterSeconds: this.retryAfterSeconds };
  }
}

/** Counts per key in fixed windows, in this process's memory (each API node counts its own). */
export class FixedWindowCounter {
  private readonly counts = new Map<string, { window: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one request; the seconds until the window ends when it is over the limit, else undefined. */
  take(key: string, now: number): number | undefined {
    const window = Math.floor(now / this.windowMs);
    const entry = this.counts.get(key);
    if (!entry || entry.window !== window) {
      if (this.counts.size >= 100_000) this.forgetBefore(window);
      this.counts.set(key, { window, count: 1 });
      return undefined;
    }
    entry.count++;
    return entry.count > this.limit ? Math.ceil(((window + 1) * this.windowMs - now) / 1000) : undefined;
  }

  private forgetBefore(window: number): void {
    for (const [key, entry] of this.counts) if (entry.window < window) this.counts.delete(key);
  }
}

/** Requests a minute the portal takes from one address, and on one case's link, unless configured otherwise. */
export const PORTAL_RATE_LIMITS = { perAddressPerMinute: 60, perCasePerMinute: 30 } as const;

/** The portal's rate limits: per client address, and per case link (the token's hash, so the count names no secret). */
@Injectable()
export class PortalRateLimit implements CanActivate {
  private readonly perAddress: FixedWindowCounter;
  private readonly perCase: FixedWindowCounter;

  constructor(@Inject(PORTAL_SETTINGS) settings: PortalSettings) {
    const limits = settings.rateLimits ?? PORTAL_RATE_LIMITS;
    this.perAddress = new FixedWindowCounter(limits.perAddressPerMinute, 60_000);
    this.perCase = new FixedWindowCounter(limits.perCasePerMinute, 60_000);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const now = Date.now();
    const address = this.perAddress.take(request.ip ?? request.socket.remoteAddress ?? 'unknown', now);
    if (address !== undefined) throw new TooManyRequests('address', address);
    const token = request.params?.token;
    if (typeof token === 'string') {
      const onCase = this.perCase.take(tokenHash(token), now);
      if (onCase !== undefined) throw new TooManyRequests('case', onCase);
    }
    return true;
  }
}
