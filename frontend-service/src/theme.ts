import { definePreset } from '@primeuix/themes'
import Aura from '@primeuix/themes/aura'
import { DARK_CLASS } from '@/layout/composables/layout'

export const StudioPreset = definePreset(Aura, {
  semantic: {
    primary: {
      50: '{emerald.50}',
      100: '{emerald.100}',
      200: '{emerald.200}',
      300: '{emerald.300}',
      400: '{emerald.400}',
      500: '{emerald.500}',
      600: '{emerald.600}',
      700: '{emerald.700}',
      800: '{emerald.800}',
      900: '{emerald.900}',
      950: '{emerald.950}',
    },
    // WCAG 2.2 AA needs 4.5:1 for text. Aura's light scheme puts white on emerald-500 (2.5:1),
    // emerald-500 links on white (2.4:1) and slate-500 muted text on slate-100 (4.3:1); a shade
    // or two darker passes (axe-core checks every screen in e2e-platform/screens.spec.ts).
    colorScheme: {
      light: {
        primary: {
          color: '{primary.700}',
          contrastColor: '#ffffff',
          hoverColor: '{primary.800}',
          activeColor: '{primary.900}',
        },
        text: {
          mutedColor: '{surface.600}',
          hoverMutedColor: '{surface.700}',
        },
      },
    },
  },
  components: {
    // The language and theme switches: slate-500 on slate-100 was 4.3:1.
    togglebutton: { colorScheme: { light: { root: { color: '{surface.600}', hoverColor: '{surface.800}' } } } },
    // Text and outlined buttons of a severity ("Отменить" in a lesson row): red-500 on white was 3.8:1.
    button: {
      colorScheme: {
        light: {
          text: {
            danger: { color: '{red.700}' },
            success: { color: '{green.700}' },
            warn: { color: '{orange.700}' },
            info: { color: '{sky.700}' },
            help: { color: '{purple.700}' },
          },
          outlined: {
            danger: { color: '{red.700}', borderColor: '{red.300}' },
            success: { color: '{green.700}', borderColor: '{green.300}' },
          },
        },
      },
    },
  },
})

export const themeOptions = {
  preset: StudioPreset,
  options: { darkModeSelector: `.${DARK_CLASS}`, cssLayer: false },
}

/**
 * PrimeVue pass-through for every component. Password puts aria-expanded and aria-haspopup on an
 * <input type="password">, which has no role that allows them (axe-core: critical).
 */
export const passThrough = {
  // Each body cell carries its column's header, so a phone shows table rows as labelled cards.
  column: {
    bodyCell: (options: { props?: { header?: unknown } }) => ({
      'data-label': typeof options.props?.header === 'string' ? options.props.header : undefined,
    }),
  },
  password: { pcInputText: { root: { 'aria-expanded': undefined, 'aria-haspopup': undefined } } },
}
