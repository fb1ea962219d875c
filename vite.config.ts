import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'
import tsconfigPaths from 'vite-tsconfig-paths'
import remixConfig from './remix.config.js'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  plugins: [remix(remixConfig), tsconfigPaths()],
  css: {
    preprocessorOptions: {
      scss: {
        api: 'modern-compiler',
        quietDeps: true,
        silenceDeprecations: ['import', 'global-builtin', 'slash-div'],
      },
    },
  },
  build: {
    // better-sqlite3 is a native addon: never bundle it.
    rollupOptions: { external: ['better-sqlite3'] },
  },
  ssr: { external: ['better-sqlite3'] },
})
