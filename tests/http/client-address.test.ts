import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../service/src/contract/client-address.ts';

describe('clientAddress (per-address rate limits)', () => {
  it('believes one X-Forwarded-For entry from a loopback peer, none from another peer, without TRUST_PROXY', () => {
    // The web app's own call: the visitor's address alone.
    expect(clientAddress('127.0.0.1', '203.0.113.5')).toBe('203.0.113.5');
    expect(clientAddress('::ffff:127.0.0.1', '203.0.113.5')).toBe('203.0.113.5');
    // A proxy on the same host appends what connected to it: what came before is the caller's own claim.
    expect(clientAddress('127.0.0.1', 'spoofed, 203.0.113.5')).toBe('203.0.113.5');
    // A direct caller cannot choose the address it is counted under.
    expect(clientAddress('198.51.100.9', '203.0.113.5')).toBe('198.51.100.9');
    expect(clientAddress('127.0.0.1', undefined)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', ' , ')).toBe('127.0.0.1');
  });

  it('reads the N-th entry from the right behind N trusted proxies, from any peer', () => {
    // A load balancer on another host appends the client.
    expect(clientAddress('10.0.0.2', 'spoofed, 203.0.113.5', 1)).toBe('203.0.113.5');
    // Two proxies: the client, then the first proxy.
    expect(clientAddress('10.0.0.3', 'spoofed, 203.0.113.5, 10.0.0.2', 2)).toBe('203.0.113.5');
    // Fewer entries than proxies: the request did not come through them all; its socket counts...
    expect(clientAddress('10.0.0.2', '203.0.113.5', 2)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', undefined, 1)).toBe('10.0.0.2');
    // ...unless the peer is the web app on loopback, whose one entry is the visitor it resolved the same way.
    expect(clientAddress('127.0.0.1', '203.0.113.5', 2)).toBe('203.0.113.5');
  });

  it('keeps an address to 100 characters', () => {
    expect(clientAddress('127.0.0.1', 'x'.repeat(500))).toHaveLength(100);
  });
});
