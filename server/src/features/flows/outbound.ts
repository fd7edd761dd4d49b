import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/**
 * Outbound HTTP for flows. Every connection is checked against the deny list *after* DNS resolution, at connect
 * time, so a hostname cannot smuggle a request to a denied address (cloud metadata, link-local, loopback by
 * default). Redirects are not followed. The response body is read only up to an excerpt.
 */
export interface OutboundRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface OutboundResponse {
  status: number;
  headers: Record<string, string>;
  /** First bytes of the body, as text. */
  excerpt: string;
  durationMs: number;
}

export class OutboundError extends Error {
  constructor(
    message: string,
    readonly denied = false,
  ) {
    super(message);
  }
}

const EXCERPT_BYTES = 2048;

export function createDenyList(cidrs: string[]): net.BlockList {
  const list = new net.BlockList();
  for (const entry of cidrs) {
    const [address, prefix] = entry.split('/') as [string, string | undefined];
    const family = net.isIPv6(address) ? 'ipv6' : 'ipv4';
    const bits = prefix === undefined ? (family === 'ipv6' ? 128 : 32) : Number(prefix);
    list.addSubnet(address, bits, family);
  }
  return list;
}

export function isDenied(list: net.BlockList, address: string): boolean {
  const family = net.isIPv6(address) ? 'ipv6' : 'ipv4';
  // Connecting to the unspecified address (0.0.0.0, ::) reaches this host: it counts as loopback, whatever the list.
  if (isUnspecified(address, family) && (list.check('127.0.0.1', 'ipv4') || list.check('::1', 'ipv6'))) return true;
  if (family === 'ipv6' && address.toLowerCase().startsWith('::ffff:')) {
    const mapped = address.slice(7);
    if (net.isIPv4(mapped) && isDenied(list, mapped)) return true;
  }
  return list.check(address, family);
}

const UNSPECIFIED_IPV6 = new net.BlockList();
UNSPECIFIED_IPV6.addAddress('::', 'ipv6');

function isUnspecified(address: string, family: 'ipv4' | 'ipv6'): boolean {
  return family === 'ipv4' ? address.startsWith('0.') : UNSPECIFIED_IPV6.check(address, 'ipv6');
}

export async function sendOutbound(request: OutboundRequest, denyList: net.BlockList): Promise<OutboundResponse> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw new OutboundError(`Invalid URL "${request.url}"`, true);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundError(`Only http and https URLs can be called, not ${url.protocol}`, true);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) && isDenied(denyList, host)) throw new OutboundError(`Address ${host} is on the outbound deny list`, true);

  const lookup: net.LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: false }, (error, address, family) => {
      if (error) return callback(error, address, family);
      if (isDenied(denyList, address as string))
        return callback(new OutboundError(`Address ${address} of ${hostname} is on the outbound deny list`, true), '', 0);
      callback(null, address, family);
    });
  };

  const started = performance.now();
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<OutboundResponse>((resolve, reject) => {
    const outgoing = transport.request(
      url,
      { method: request.method, headers: request.headers, lookup, timeout: request.timeoutMs, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < EXCERPT_BYTES) chunks.push(chunk.subarray(0, EXCERPT_BYTES - size));
          size += chunk.length;
        });
        response.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers))
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          resolve({
            status: response.statusCode ?? 0,
            headers,
            excerpt: Buffer.concat(chunks).toString('utf8'),
            durationMs: Math.round(performance.now() - started),
          });
        });
        response.on('error', (error) => reject(new OutboundError(error.message)));
      },
    );
    // One deadline for the whole exchange, not only for idle sockets.
    const deadline = setTimeout(() => outgoing.destroy(new OutboundError(`Timed out after ${request.timeoutMs} ms`)), request.timeoutMs);
    outgoing.on('close', () => clearTimeout(deadline));
    outgoing.on('timeout', () => outgoing.destroy(new OutboundError(`Timed out after ${request.timeoutMs} ms`)));
    outgoing.on('error', (error) => reject(error instanceof OutboundError ? error : new OutboundError(error.message)));
    if (request.body !== undefined) outgoing.write(request.body);
    outgoing.end();
  });
}
