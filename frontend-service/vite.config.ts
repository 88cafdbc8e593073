import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// nginx serves /api (BFF) and /tg (bot) on 8080 in local mode; the dev server forwards to it.
const backend = process.env.STUDIO_BACKEND_URL ?? 'http://127.0.0.1:8080'

// Heavy libraries get chunks of their own so no chunk crosses the 500 kB warning limit
// and a page only downloads what it renders.
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined
  if (id.includes('@fullcalendar') || id.includes('@full-ui') || id.includes('preact') || id.includes('temporal-polyfill')) {
    return 'vendor-calendar'
  }
  if (id.includes('chart.js') || id.includes('@kurkle')) return 'vendor-chart'
  if (id.includes('@primeuix')) return 'vendor-prime-theme'
  if (/node_modules\/(vue|@vue|vue-router|pinia|vue-i18n|@intlify)\//.test(id)) return 'vendor-vue'
  return undefined
}

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/tg': { target: backend, changeOrigin: false },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/tg': { target: backend, changeOrigin: false },
    },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ debugName: 'vendor', name: (moduleId: string) => vendorChunk(moduleId) ?? null }],
        },
      },
    },
  },
})
