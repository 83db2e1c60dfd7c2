import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    adapter: adapter({ out: 'build' }),
    // adapter-node assumes https when ORIGIN is unset, so its built-in check would refuse every form posted to the
    // embedded default (http://127.0.0.1:3000). src/hooks.server.ts checks Origin against Host instead.
    csrf: { trustedOrigins: ['*'] },
    // The service's zod contracts (no Node-only imports): types and vocabularies shared with the API.
    alias: { $contract: '../service/src/contract' },
  },
};

export default config;
