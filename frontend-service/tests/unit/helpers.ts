import { mount, type ComponentMountingOptions } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import PrimeVue from 'primevue/config'
import ConfirmationService from 'primevue/confirmationservice'
import ToastService from 'primevue/toastservice'
import Tooltip from 'primevue/tooltip'
import { vi } from 'vitest'
import { createMemoryHistory, type Router } from 'vue-router'
import type { Component } from 'vue'
import { createAppI18n, type AppLocale } from '@/i18n'
import { createAppRouter } from '@/router'

export interface RecordedCall {
  url: string
  method: string
  headers: Record<string, string>
  body: unknown
}

export type FetchHandler = (call: RecordedCall) => Response | Promise<Response>

export function jsonResponse(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': contentType },
  })
}

export function problem(status: number, code: string, title = 'Error', detail?: string): Response {
  return jsonResponse(status, { type: 'about:blank', status, title, detail, code }, 'application/problem+json')
}

/** Replaces `fetch` with a handler and records every call the app makes. */
export function stubFetch(handler: FetchHandler): RecordedCall[] {
  const calls: RecordedCall[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const headers: Record<string, string> = {}
      new Headers(init.headers).forEach((value, key) => {
        headers[key] = value
      })
      const call: RecordedCall = {
        url: String(input),
        method: (init.method ?? 'GET').toUpperCase(),
        headers,
        body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      }
      calls.push(call)
      return handler(call)
    }),
  )
  return calls
}

export function setCookie(name: string, value: string): void {
  document.cookie = `${name}=${encodeURIComponent(value)}; path=/`
}

export function clearCookies(): void {
  for (const part of document.cookie.split(';')) {
    const name = part.split('=')[0]?.trim()
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`
  }
}

export { USERS } from './fixtures'

export interface Harness {
  pinia: Pinia
  router: Router
}

/** The app's real plugins (Pinia, router with guards, i18n in Russian, PrimeVue). */
export function createHarness(): Harness {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createAppRouter(createMemoryHistory())
  return { pinia, router }
}

/** Mounts with the harness and the app's plugins; `locale` picks the language (Russian by default). */
export function mountWithApp<C extends Component>(
  component: C,
  harness: Harness,
  options: ComponentMountingOptions<C> = {} as ComponentMountingOptions<C>,
  locale: AppLocale = 'ru',
) {
  const i18n = createAppI18n(locale)
  return mount(component, {
    ...options,
    attachTo: document.body,
    global: {
      plugins: [harness.pinia, harness.router, i18n, [PrimeVue, { theme: 'none' }], ToastService, ConfirmationService],
      directives: { tooltip: Tooltip },
      ...(options.global ?? {}),
    },
  } as ComponentMountingOptions<C>)
}
