import type { RouteLocationNormalized, RouteRecordRaw } from 'vue-router'

/** The one-time link's token, read from the fragment (`#<token>`) of the e-mailed address. */
function tokenFromFragment(route: RouteLocationNormalized): { token: string } {
  return { token: decodeURIComponent(route.hash.replace(/^#/, '')) }
}

// Every page is its own chunk: a student never downloads the admin screens.
export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/features/auth/LoginPage.vue'),
    meta: { guestOnly: true, title: 'auth.login.title' },
  },
  {
    path: '/register',
    name: 'register',
    component: () => import('@/features/auth/RegisterPage.vue'),
    meta: { guestOnly: true, title: 'auth.register.title' },
  },
  {
    path: '/forgot-password',
    name: 'forgot-password',
    component: () => import('@/features/auth/ForgotPasswordPage.vue'),
    meta: { guestOnly: true, title: 'auth.forgot.title' },
  },
  // The emails link to exactly these three screens; they open with or without a session. The
  // one-time token rides in the URL fragment (`/invite#<token>`): browsers send a fragment neither
  // to the server nor in a Referer, so no access log holds it. The screen POSTs it to the API.
  {
    path: '/reset-password',
    name: 'reset-password',
    component: () => import('@/features/auth/ResetPasswordPage.vue'),
    props: tokenFromFragment,
    meta: { public: true, title: 'auth.reset.title' },
  },
  {
    path: '/invite',
    name: 'invite',
    component: () => import('@/features/auth/InvitePage.vue'),
    props: tokenFromFragment,
    meta: { public: true, title: 'auth.invite.title' },
  },
  {
    path: '/verify-email',
    name: 'verify-email',
    component: () => import('@/features/auth/VerifyEmailPage.vue'),
    props: tokenFromFragment,
    meta: { public: true, title: 'auth.verify.title' },
  },
  // Links mailed before the token moved to the fragment still open their screen.
  ...(['reset-password', 'invite', 'verify-email'] as const).map(
    (name): RouteRecordRaw => ({
      path: `/${name}/:token`,
      redirect: (to) => ({ name, hash: `#${String(to.params.token)}`, params: {} }),
    }),
  ),
  {
    path: '/',
    component: () => import('@/layout/AppLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/features/errors/HomeRedirect.vue') },
      {
        path: 'profile',
        name: 'profile',
        component: () => import('@/features/profile/ProfilePage.vue'),
        meta: { roles: ['student', 'teacher', 'admin'], title: 'profile.title' },
      },
      {
        path: 'profile/security',
        name: 'profile-security',
        component: () => import('@/features/security/SecurityPage.vue'),
        meta: { roles: ['student', 'teacher', 'admin'], title: 'security.title' },
      },
      {
        path: 'forbidden',
        name: 'forbidden',
        component: () => import('@/features/errors/ForbiddenPage.vue'),
        meta: { title: 'errors.forbidden.title' },
      },
      {
        // The notifications email links to `/lessons/<id>?feedback=1`.
        path: 'lessons/:id',
        name: 'student-lesson',
        component: () => import('@/features/feedback/LessonFeedbackPage.vue'),
        props: true,
        meta: { roles: ['student'], title: 'feedback.title' },
      },
      {
        path: 'student',
        meta: { roles: ['student'] },
        children: [
          {
            path: '',
            name: 'student-dashboard',
            component: () => import('@/features/student-dashboard/StudentDashboardPage.vue'),
            meta: { title: 'menu.dashboard' },
          },
          {
            path: 'teachers',
            name: 'student-teachers',
            component: () => import('@/features/booking/TeachersPage.vue'),
            meta: { title: 'menu.teachers' },
          },
          {
            // The earliest free times of every teacher, booked with whichever is free.
            path: 'teachers/any',
            name: 'student-any-teacher',
            component: () => import('@/features/booking/AnyTeacherPage.vue'),
            meta: { title: 'booking.anyTeacher.title' },
          },
          {
            path: 'teachers/:teacherId/book',
            name: 'student-booking',
            component: () => import('@/features/booking/BookingPage.vue'),
            props: true,
            meta: { title: 'booking.title' },
          },
          {
            path: 'lessons',
            name: 'student-lessons',
            component: () => import('@/features/lessons/LessonsPage.vue'),
            meta: { title: 'menu.myLessons' },
          },
          {
            path: 'offers',
            name: 'student-offers',
            component: () => import('@/features/waitlist-offers/WaitlistOffersPage.vue'),
            meta: { title: 'waitlistOffers.title' },
          },
          {
            path: 'ledger',
            name: 'student-ledger',
            component: () => import('@/features/ledger/LedgerPage.vue'),
            meta: { title: 'menu.ledger' },
          },
          {
            path: 'packages',
            name: 'student-catalogue',
            component: () => import('@/features/catalogue/CataloguePage.vue'),
            meta: { title: 'catalogue.studentTitle' },
          },
          {
            // The payment provider sends the browser back here with `?payment_id=`.
            path: 'payments/return',
            name: 'student-payment-return',
            component: () => import('@/features/catalogue/PaymentReturnPage.vue'),
            meta: { title: 'catalogue.returnTitle' },
          },
        ],
      },
      {
        path: 'teacher',
        meta: { roles: ['teacher'] },
        children: [
          {
            path: '',
            name: 'teacher-dashboard',
            component: () => import('@/features/teacher-dashboard/TeacherDashboardPage.vue'),
            meta: { title: 'menu.dashboard' },
          },
          {
            path: 'schedule',
            name: 'teacher-schedule',
            component: () => import('@/features/schedule/SchedulePage.vue'),
            meta: { title: 'menu.schedule' },
          },
          {
            path: 'availability',
            name: 'teacher-availability',
            component: () => import('@/features/availability/AvailabilityPage.vue'),
            meta: { title: 'menu.availability' },
          },
          {
            path: 'lessons/:id',
            name: 'teacher-lesson',
            component: () => import('@/features/journal/JournalPage.vue'),
            props: true,
            meta: { title: 'journal.title' },
          },
          {
            path: 'students/:studentId',
            name: 'teacher-student',
            component: () => import('@/features/journal/TeacherStudentPage.vue'),
            props: (route) => ({
              studentId: String(route.params.studentId),
              name: typeof route.query.name === 'string' ? route.query.name : undefined,
              lesson: typeof route.query.lesson === 'string' ? route.query.lesson : undefined,
            }),
            meta: { title: 'teacherStudent.title' },
          },
          {
            path: 'payroll',
            name: 'teacher-payroll',
            component: () => import('@/features/payroll/PayrollPage.vue'),
            meta: { title: 'menu.payroll' },
          },
        ],
      },
      {
        path: 'admin',
        meta: { roles: ['admin'] },
        children: [
          {
            path: '',
            name: 'admin-dashboard',
            component: () => import('@/features/admin-dashboard/AdminDashboardPage.vue'),
            meta: { title: 'menu.dashboard' },
          },
          {
            path: 'calendar',
            name: 'admin-calendar',
            component: () => import('@/features/calendar/StudioCalendarPage.vue'),
            meta: { title: 'calendar.title' },
          },
          {
            path: 'closed-days',
            name: 'admin-closed-days',
            component: () => import('@/features/closed-days/ClosedDaysPage.vue'),
            meta: { title: 'closedDays.title' },
          },
          {
            path: 'students',
            name: 'admin-students',
            component: () => import('@/features/students/StudentsPage.vue'),
            meta: { title: 'menu.students' },
          },
          {
            path: 'students/:id',
            name: 'admin-student',
            component: () => import('@/features/students/StudentDetailPage.vue'),
            props: true,
            meta: { title: 'menu.students' },
          },
          {
            path: 'teachers',
            name: 'admin-teachers',
            component: () => import('@/features/teachers/TeachersPage.vue'),
            meta: { title: 'menu.teachers' },
          },
          {
            path: 'teachers/:id',
            name: 'admin-teacher',
            component: () => import('@/features/staffing/TeacherStaffingPage.vue'),
            meta: { title: 'menu.teachers' },
          },
          {
            path: 'groups',
            name: 'admin-groups',
            component: () => import('@/features/groups/GroupsPage.vue'),
            meta: { title: 'menu.groups' },
          },
          {
            path: 'groups/:id',
            name: 'admin-group',
            component: () => import('@/features/groups/GroupDetailPage.vue'),
            props: true,
            meta: { title: 'menu.groups' },
          },
          {
            path: 'leads',
            name: 'admin-leads',
            component: () => import('@/features/leads/LeadsPage.vue'),
            meta: { title: 'menu.leads' },
          },
          {
            path: 'broadcasts',
            name: 'admin-broadcasts',
            component: () => import('@/features/broadcasts/BroadcastPage.vue'),
            meta: { title: 'broadcasts.title' },
          },
          {
            path: 'prices',
            name: 'admin-prices',
            component: () => import('@/features/prices/PricesPage.vue'),
            meta: { title: 'money.prices.title' },
          },
          {
            path: 'package-templates',
            name: 'admin-package-templates',
            component: () => import('@/features/catalogue/PackageTemplatesPage.vue'),
            meta: { title: 'catalogue.title' },
          },
          {
            path: 'debts',
            name: 'admin-debts',
            component: () => import('@/features/debts/DebtsPage.vue'),
            meta: { title: 'money.debts.title' },
          },
          {
            path: 'exports',
            name: 'admin-exports',
            component: () => import('@/features/exports/ExportsPage.vue'),
            meta: { title: 'moneyOps.exports.title' },
          },
          {
            path: 'payroll',
            name: 'admin-payroll',
            component: () => import('@/features/payroll-admin/PayrollAdminPage.vue'),
            meta: { title: 'money.payroll.title' },
          },
          {
            path: 'notifications',
            name: 'admin-notifications',
            component: () => import('@/features/notifications/NotificationsPage.vue'),
            meta: { title: 'menu.notifications' },
          },
          {
            path: 'audit',
            name: 'admin-audit',
            component: () => import('@/features/audit/AuditPage.vue'),
            meta: { title: 'audit.title' },
          },
        ],
      },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/features/errors/NotFoundPage.vue'),
    meta: { public: true, title: 'errors.notFound.title' },
  },
]
