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
    path: '/',
    component: () => import('@/layout/AppLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/features/errors/HomeRedirect.vue') },
      {
        path: 'forbidden',
        name: 'forbidden',
        component: () => import('@/features/errors/ForbiddenPage.vue'),
        meta: { title: 'errors.forbidden.title' },
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
