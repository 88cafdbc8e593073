import type { AvailabilityRule } from '@/api'

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/

export type RuleProblem = 'format' | 'order' | 'overlap'

/** Problems per rule index: bad `HH:MM`, end not after start, or overlap with another interval that day. */
export function validateRules(rules: AvailabilityRule[]): Map<number, RuleProblem> {
  const problems = new Map<number, RuleProblem>()
  rules.forEach((rule, index) => {
    if (!TIME.test(rule.start_time) || !TIME.test(rule.end_time)) problems.set(index, 'format')
    else if (rule.end_time <= rule.start_time) problems.set(index, 'order')
  })
  const malformed = new Set(problems.keys())
  rules.forEach((rule, index) => {
    if (malformed.has(index)) return
    const overlaps = rules.some(
      (other, j) =>
        j !== index &&
        !malformed.has(j) &&
        other.weekday === rule.weekday &&
        other.start_time < rule.end_time &&
        rule.start_time < other.end_time,
    )
    if (overlaps) problems.set(index, 'overlap')
  })
  return problems
}

export function sortRules(rules: AvailabilityRule[]): AvailabilityRule[] {
  return [...rules].sort((a, b) => a.weekday - b.weekday || a.start_time.localeCompare(b.start_time))
}
