import { createApp, watch } from 'vue'
import { createPinia } from 'pinia'
import PrimeVue from 'primevue/config'
import ConfirmationService from 'primevue/confirmationservice'
import ToastService from 'primevue/toastservice'
import Tooltip from 'primevue/tooltip'
import 'primeicons/primeicons.css'
import '@/assets/styles.css'
import App from './App.vue'
import { createAppI18n, loadLocaleMessages, savedLocale } from '@/i18n'
import { primeLocales } from '@/i18n/primevue'
import { initTheme } from '@/layout/composables/layout'
import { createAppRouter } from '@/router'
import { passThrough, themeOptions } from '@/theme'

initTheme()

// The saved language's texts first (English is a separate chunk), then the app in that language.
await loadLocaleMessages(savedLocale()).catch(() => undefined)

const app = createApp(App)
const i18n = createAppI18n()
const locale = i18n.global.locale

app.use(createPinia())
app.use(i18n)
app.use(PrimeVue, { theme: themeOptions, pt: passThrough, locale: primeLocales[locale.value] })
app.use(ToastService)
app.use(ConfirmationService)
app.directive('tooltip', Tooltip)
app.use(createAppRouter())

const primevue = app.config.globalProperties.$primevue
watch(
  locale,
  (value) => {
    document.documentElement.lang = value
    Object.assign(primevue.config.locale ?? {}, primeLocales[value])
  },
  { immediate: true },
)

app.mount('#app')
