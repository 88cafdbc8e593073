import { loadLocaleMessages } from '@/i18n'

// Both languages' texts are at hand in tests (the app fetches English when it is chosen).
await loadLocaleMessages('en')

// jsdom lacks these browser APIs; the router and PrimeVue overlays call them.
window.scrollTo = () => undefined
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList
}

if (!('ResizeObserver' in window)) {
  class ResizeObserverStub {
    observe() {}
    unobserve() {}
    disconnect() {}
  }
  Object.assign(window, { ResizeObserver: ResizeObserverStub })
  Object.assign(globalThis, { ResizeObserver: ResizeObserverStub })
}
