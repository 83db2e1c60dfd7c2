import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    adapter: adapter({ out: 'build' }),
    // Forms post to the same origin; SvelteKit's own origin check stays on.
    csrf: { trustedOrigins: [] },
    // The service's zod contracts (no Node-only imports): types and vocabularies shared with the API.
    alias: { $contract: '../service/src/contract' },
  },
};

export default config;
