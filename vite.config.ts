import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig, type Rollup } from 'vite'
import tsconfigPaths from 'vite-tsconfig-paths'
import remixConfig from './remix.config.js'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

/**
 * Worker threads (app/features/analysis/worker-thread.server.ts) load the
 * chunk their module is in. The server build puts every worker module
 * (*.worker.server.ts) and everything they import in one chunk of its own, so
 * a worker starts without loading the whole app (docs/decisions/0004).
 */
const WORKER_MODULE = /\.worker\.server\.ts$/
function workerChunk(id: string, { getModuleInfo }: Rollup.ManualChunkMeta): string | undefined {
  const seen = new Set<string>()
  const reachable = (module: string): boolean => {
    if (WORKER_MODULE.test(module)) return true
    if (seen.has(module)) return false
    seen.add(module)
    return (getModuleInfo(module)?.importers ?? []).some(reachable)
  }
  return reachable(id) ? 'analysis-workers' : undefined
}

export default defineConfig(({ isSsrBuild }) => ({
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
    rollupOptions: { external: ['better-sqlite3'], output: isSsrBuild ? { manualChunks: workerChunk } : undefined },
  },
  ssr: { external: ['better-sqlite3'] },
}))
