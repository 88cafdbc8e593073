import type { RouteRecordRaw } from 'vue-router'

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
  // The emails link to exactly these three paths; they open with or without a session.
  {
    path: '/reset-password/:token',
    name: 'reset-password',
    component: () => import('@/features/auth/ResetPasswordPage.vue'),
    props: true,
    meta: { public: true, title: 'auth.reset.title' },
  },
  {
    path: '/invite/:token',
    name: 'invite',
    component: () => import('@/features/auth/InvitePage.vue'),
    props: true,
    meta: { public: true, title: 'auth.invite.title' },
  },
  {
    path: '/verify-email/:token',
    name: 'verify-email',
    component: () => import('@/features/auth/VerifyEmailPage.vue'),
    props: true,
    meta: { public: true, title: 'auth.verify.title' },
  },
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
            path: 'ledger',
            name: 'student-ledger',
            component: () => import('@/features/ledger/LedgerPage.vue'),
            meta: { title: 'menu.ledger' },
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
            path: 'debts',
            name: 'admin-debts',
            component: () => import('@/features/debts/DebtsPage.vue'),
            meta: { title: 'money.debts.title' },
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
