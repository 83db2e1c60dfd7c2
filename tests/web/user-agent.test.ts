import { describe, expect, it } from 'vitest';
import { describeUserAgent } from '../../web/src/lib/user-agent.ts';

describe('describeUserAgent', () => {
  it('names the browser and the system of common user agents, Edge and Opera before the Chrome they contain', () => {
    const cases: [string, string][] = [
      ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox sur Windows'],
      ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'Edge sur Windows'],
      ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', 'Safari sur macOS'],
      ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1', 'Chrome sur iOS'],
      ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', 'Chrome sur Android'],
      ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0', 'Opera sur Linux'],
    ];
    for (const [ua, expected] of cases) expect(describeUserAgent(ua)).toBe(expected);
  });

  it('says what it can of the rest', () => {
    expect(describeUserAgent(null)).toBe('Appareil inconnu');
    expect(describeUserAgent('curl/8.5.0')).toBe('Autre application');
    expect(describeUserAgent('Mozilla/5.0 (X11; Linux x86_64) Foo/1.0')).toBe('Linux');
  });
});
