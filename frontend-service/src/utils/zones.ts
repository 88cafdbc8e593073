import { browserTimeZone } from './format'

let cached: string[] | null = null

/** Every IANA zone the browser knows, for zone pickers. */
export function timeZones(): string[] {
  if (cached) return cached
  try {
    cached = Intl.supportedValuesOf('timeZone')
  } catch {
    cached = [browserTimeZone()]
  }
  return cached
}
