import type { Config } from '../config.ts';
import type { CoreDeps } from '../core/deps.ts';

/** What the HTTP layer is built from: the core's dependencies plus what /api/health reports. */
export type AppDeps = CoreDeps & {
  config: Pick<Config, 'env' | 'publicUrl'> & Partial<Pick<Config, 'trustProxy'>>;
  database: { mode: 'pglite' | 'postgres'; location: string };
};
