import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  kit: {
    adapter: adapter({ out: 'build' }),
    // Forms post to the same origin; SvelteKit's own origin check stays on.
    csrf: { trustedOrigins: [] },
  },
};

export default config;
