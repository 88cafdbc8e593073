// Guard checks on every screen of the three roles (issue 21), desktop and phone:
//  - requests: an open page sits idle for 10 s without flooding the API;
//  - width: no page scrolls sideways and every control (row actions included) is on screen;
//  - accessibility: axe-core finds no serious or critical violation (contrast included).
// The screens come from the router's own route table (src/router/routes.ts), so a page someone
// adds is checked too; a route with a parameter needs an entry in PARAMS (the test says so).
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test'
import type { RouteRecordRaw } from 'vue-router'
import { routes } from '../src/router/routes'
import { DEMO, login } from './support'

type Role = 'student' | 'teacher' | 'admin'
type Audience = Role | 'guest'

interface Screen {
  name: string
  path: string
  audience: Audience
}

/** Idle API requests one open page may send in IDLE_MS (polling, a late refresh): far below a flood. */
const IDLE_MS = 10_000
const IDLE_REQUEST_LIMIT = 5
/** Routes that are not screens of their own (redirects, token links that need a real e-mail). */
const NOT_SCREENS = new Set(['home', 'not-found', 'reset-password', 'invite', 'verify-email', 'forbidden'])

/** Real ids for the routes with parameters, read through the API the role itself may call. */
const PARAMS: Record<string, (api: APIRequestContext) => Promise<Record<string, string>>> = {
  'student-booking': async (api) => ({ teacherId: (await firstOf(api, '/api/teachers')).id }),
  'student-lesson': async (api) => ({ id: (await firstOf(api, `/api/student/lessons?${weeksAround()}`)).id }),
  'teacher-lesson': async (api) => {
    const schedule = (await getJson(api, `/api/teacher/schedule?${weeksAround()}`)) as { lessons: { id: string }[] }
    return { id: first(schedule.lessons, 'teacher lessons').id }
  },
  'teacher-student': async (api) => {
    // A student on one of the teacher's lessons (the roster links to this screen).
    const schedule = (await getJson(api, `/api/teacher/schedule?${weeksAround()}`)) as { lessons: { id: string }[] }
    for (const lesson of schedule.lessons) {
      const detail = (await getJson(api, `/api/lessons/${lesson.id}`)) as { roster?: { student_id: string }[] }
      if (detail.roster?.length) return { studentId: detail.roster[0].student_id }
    }
    throw new Error('no teacher lesson with a student to open the screen with')
  },
  'admin-student': async (api) => ({ id: (await firstOf(api, '/api/admin/students')).id }),
  'admin-group': async (api) => ({ id: (await firstOf(api, '/api/admin/groups')).id }),
  'admin-teacher': async (api) => ({ id: (await firstOf(api, '/api/admin/teachers')).id }),
}

const LOGINS: Record<Role, string> = { student: DEMO.student, teacher: DEMO.teacher, admin: DEMO.admin }

function weeksAround(): string {
  const from = new Date(Date.now() - 28 * 86_400_000).toISOString()
  const to = new Date(Date.now() + 28 * 86_400_000).toISOString()
  return new URLSearchParams({ from, to }).toString()
}

async function getJson(api: APIRequestContext, url: string): Promise<unknown> {
  const response = await api.get(url)
  expect(response.status(), `${url}: ${await response.text()}`).toBe(200)
  return response.json()
}

function first<T>(items: T[] | undefined, what: string): T {
  if (!items?.length) throw new Error(`no ${what} to open the screen with`)
  return items[0]
}

async function firstOf(api: APIRequestContext, url: string): Promise<{ id: string }> {
  const body = (await getJson(api, url)) as { id: string }[] | { items: { id: string }[] }
  return first(Array.isArray(body) ? body : body.items, url)
}

/** Every named screen of the route table with the audience that sees it. */
export function screens(records: RouteRecordRaw[] = routes, parent = '', inherited?: Audience): Screen[] {
  const found: Screen[] = []
  for (const record of records) {
    const path = record.path.startsWith('/') ? record.path : `${parent.replace(/\/$/, '')}/${record.path}`
    const roles = record.meta?.roles as Role[] | undefined
    const guest = record.meta?.guestOnly ? 'guest' : undefined
    const audiences: Audience[] = roles ?? (guest ? [guest] : inherited ? [inherited] : [])
    for (const audience of audiences.length ? audiences : [undefined]) {
      if (record.name && audience && !NOT_SCREENS.has(String(record.name))) {
        found.push({ name: String(record.name), path: path || '/', audience })
      }
      if (record.children) found.push(...screens(record.children, path, audience ?? inherited))
    }
  }
  return found.filter((screen, index) => found.findIndex((other) => other.name === screen.name && other.audience === screen.audience) === index)
}

async function urlOf(screen: Screen, api: APIRequestContext): Promise<string> {
  if (!screen.path.includes(':')) return screen.path
  const resolve = PARAMS[screen.name]
  if (!resolve) throw new Error(`route ${screen.name} (${screen.path}) has parameters: add it to PARAMS in screens.spec.ts`)
  const params = await resolve(api)
  return screen.path.replace(/:(\w+)/g, (_, key: string) => encodeURIComponent(params[key]))
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(300)
}

/** Sideways scrolling and controls outside the viewport (a row's "Отменить" off-screen). */
async function widthProblems(page: Page): Promise<string[]> {
  // The device's width, not innerWidth: a phone browser widens its layout viewport to fit a page
  // that is too wide (the leads page measured 932 px), so innerWidth would hide the defect.
  const device = page.viewportSize()?.width ?? 0
  return page.evaluate((width) => {
    const problems: string[] = []
    const scrolling = document.scrollingElement?.scrollWidth ?? 0
    if (scrolling > width) problems.push(`the page is ${scrolling}px wide on a ${width}px screen`)
    for (const control of Array.from(document.querySelectorAll<HTMLElement>('main button, main a[href], main [role="button"]'))) {
      const box = control.getBoundingClientRect()
      if (box.width === 0 || box.height === 0 || getComputedStyle(control).visibility === 'hidden') continue
      // A wide grid that declares its own horizontal scrolling (the studio calendar's teacher
      // columns) may hold controls beyond the edge; the page itself still must not scroll.
      if (control.closest('[data-scrolls-x]')) continue
      if (box.right > width + 1 || box.left < -1) {
        const label = (control.getAttribute('aria-label') ?? control.textContent ?? control.tagName).trim().slice(0, 40)
        problems.push(`"${label}" is off-screen (${Math.round(box.left)}–${Math.round(box.right)}px of ${width}px)`)
      }
    }
    return problems
  }, device)
}

async function axeProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}) ×${violation.nodes.length}: ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(' | ')}`,
    )
}

/**
 * Every screen open side by side, each watched for the API requests it sends from the moment it
 * settles until IDLE_MS after the last one settled, untouched; meanwhile each is checked for width
 * and by axe-core in turn (neither sends a request), rather than opened a second time for it.
 */
async function checkScreens(context: BrowserContext, urls: Map<string, string>): Promise<string[]> {
  let idleEnd = Infinity
  const opened = await Promise.all(
    [...urls].map(async ([name, url]) => {
      const page = await context.newPage()
      await page.goto(url)
      await settle(page)
      const watch = { name, url, page, requests: 0 }
      page.on('request', (request) => {
        if (Date.now() <= idleEnd && new URL(request.url()).pathname.startsWith('/api/')) watch.requests += 1
      })
      return watch
    }),
  )
  idleEnd = Date.now() + IDLE_MS
  const problems: string[] = []
  for (const { name, url, page } of opened) {
    expect(new URL(page.url()).pathname, `${name} redirected`).toBe(url.split('?')[0])
    for (const problem of await widthProblems(page)) problems.push(`${name} ${url}: ${problem}`)
    for (const problem of await axeProblems(page)) problems.push(`${name} ${url}: ${problem}`)
  }
  await opened[0].page.waitForTimeout(Math.max(0, idleEnd - Date.now()))
  for (const { name, url, requests } of opened) {
    if (requests > IDLE_REQUEST_LIMIT) problems.push(`${name} ${url}: ${requests} API requests in ${IDLE_MS / 1000} s idle`)
  }
  await Promise.all(opened.map(({ page }) => page.close()))
  return problems
}

const ALL = screens()

test('the route table yields screens for every audience', () => {
  for (const audience of ['guest', 'student', 'teacher', 'admin'] as const) {
    expect(ALL.filter((screen) => screen.audience === audience).length, audience).toBeGreaterThan(0)
  }
})

for (const audience of ['guest', 'student', 'teacher', 'admin'] as const) {
  test(`every ${audience} screen: no request flood, no sideways scrolling, no serious accessibility violation`, async ({
    page,
    context,
  }) => {
    // About 20 s per screen (10 s idle watch, axe-core, loading) on the busy shared machine, so a
    // role that gains a screen does not run out of time.
    test.setTimeout(Math.max(240_000, 30_000 + 20_000 * ALL.filter((candidate) => candidate.audience === audience).length))
    if (audience !== 'guest') await login(page, LOGINS[audience])
    const urls = new Map<string, string>()
    for (const screen of ALL.filter((candidate) => candidate.audience === audience)) {
      urls.set(screen.name, await urlOf(screen, page.request))
    }

    const problems = await checkScreens(context, urls)
    expect(problems, problems.join('\n')).toEqual([])
  })
}
