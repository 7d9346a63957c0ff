import type { Request } from 'express';
import type { Language } from '../../domain/complaint/events.js';
import type { PortalSettings } from './tokens.js';

/**
 * The page's address for a follow-up link: PORTAL_URL, else the service's own address (serviceAddress).
 * With the filer's language (`?lang=en`), the page opens in it on any device, not in the portal's Korean default.
 */
export function followUpUrl(settings: PortalSettings, request: Request, token: string, language?: Language): string {
  return `${settings.publicUrl ?? serviceAddress(request)}/${language ? `?lang=${language}` : ''}#/portal/case/${token}`;
}

/**
 * Where this service itself is reached, for links when PORTAL_URL is not set: the request's Host only
 * when it names the service (localhost, a loopback address, or the address the connection came in on,
 * at the port it came in on), else `localhost` at that port. Any other Host, and X-Forwarded-*, the
 * client chooses: the link goes out in the office's own mail, so it must not point elsewhere.
 */
function serviceAddress(request: Request): string {
  const { localAddress, localPort } = request.socket;
  const own = ['localhost', '127.0.0.1', '[::1]', ...(localAddress ? [hostOfAddress(localAddress)] : [])].map((host) => `${host}:${localPort}`);
  const given = request.headers.host?.toLowerCase();
  return `http://${given !== undefined && own.includes(given) ? given : `localhost:${localPort}`}`;
}

/** An address as a URL's host: IPv4 as is (also when mapped into IPv6), IPv6 in brackets. */
function hostOfAddress(address: string): string {
  if (address.startsWith('::ffff:') && address.includes('.')) return address.slice('::ffff:'.length);
  return address.includes(':') ? `[${address}]` : address;
}
