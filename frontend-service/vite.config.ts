import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// nginx serves /api (BFF) and /tg (bot) on 8080 in local mode; the dev server forwards to it.
const backend = process.env.STUDIO_BACKEND_URL ?? 'http://127.0.0.1:8080'

// Heavy libraries get chunks of their own so no chunk crosses the 500 kB warning limit
// and a page only downloads what it renders. One group per library with a priority: a single
// group with a name function let the bundler merge the Vue runtime into the calendar chunk,
// so every page (the login page included) preloaded the calendar (issue 21).
const vendorGroups = [
  { name: 'vendor-vue', test: /node_modules[\\/](vue|@vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/, priority: 40 },
  { name: 'vendor-prime-theme', test: /node_modules[\\/]@primeuix[\\/]/, priority: 30 },
  { name: 'vendor-chart', test: /node_modules[\\/](chart\.js|@kurkle)[\\/]/, priority: 20 },
  {
    name: 'vendor-calendar',
    test: /node_modules[\\/](@fullcalendar|@full-ui|preact|temporal-polyfill)[\\/]/,
    priority: 10,
  },
]

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
    // dist/.vite/manifest.json: scripts/bundle-budget.mjs reads which chunks a page loads.
    manifest: true,
    chunkSizeWarningLimit: 500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: vendorGroups,
        },
      },
    },
  },
})
