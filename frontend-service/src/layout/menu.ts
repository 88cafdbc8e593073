import type { Role } from '@/api'

export interface MenuLink {
  /** i18n key */
  label: string
  icon: string
  to: { name: string }
}

export interface MenuSection {
  label: string
  items: MenuLink[]
}

const link = (label: string, icon: string, name: string): MenuLink => ({ label, icon, to: { name } })

/** The sidebar for each role; a route not listed here is still guarded by its own meta.roles. */
export const MENU_BY_ROLE: Record<Role, MenuSection[]> = {
  student: [
    {
      label: 'menu.sections.study',
      items: [
        link('menu.dashboard', 'pi pi-home', 'student-dashboard'),
        link('menu.teachers', 'pi pi-users', 'student-teachers'),
        link('menu.myLessons', 'pi pi-calendar', 'student-lessons'),
        link('menu.ledger', 'pi pi-wallet', 'student-ledger'),
        link('catalogue.studentTitle', 'pi pi-ticket', 'student-catalogue'),
        link('waitlistOffers.menu', 'pi pi-ticket', 'student-offers'),
      ],
    },
  ],
  teacher: [
    {
      label: 'menu.sections.work',
      items: [
        link('menu.dashboard', 'pi pi-home', 'teacher-dashboard'),
        link('menu.schedule', 'pi pi-calendar', 'teacher-schedule'),
        link('menu.availability', 'pi pi-clock', 'teacher-availability'),
        link('menu.payroll', 'pi pi-money-bill', 'teacher-payroll'),
      ],
    },
  ],
  admin: [
    {
      label: 'menu.sections.studio',
      items: [
        link('menu.dashboard', 'pi pi-chart-bar', 'admin-dashboard'),
        link('calendar.title', 'pi pi-calendar', 'admin-calendar'),
        link('closedDays.title', 'pi pi-calendar-times', 'admin-closed-days'),
        link('menu.students', 'pi pi-id-card', 'admin-students'),
        link('menu.teachers', 'pi pi-users', 'admin-teachers'),
        link('menu.groups', 'pi pi-sitemap', 'admin-groups'),
      ],
    },
    {
      label: 'money.menu.section',
      items: [
        link('money.menu.prices', 'pi pi-tags', 'admin-prices'),
        link('catalogue.title', 'pi pi-ticket', 'admin-package-templates'),
        link('money.menu.debts', 'pi pi-exclamation-circle', 'admin-debts'),
        link('money.menu.payroll', 'pi pi-money-bill', 'admin-payroll'),
        link('moneyOps.exports.title', 'pi pi-file-export', 'admin-exports'),
      ],
    },
    {
      label: 'menu.sections.sales',
      items: [
        link('menu.leads', 'pi pi-filter', 'admin-leads'),
        link('menu.broadcasts', 'pi pi-megaphone', 'admin-broadcasts'),
        link('menu.notifications', 'pi pi-bell', 'admin-notifications'),
        link('audit.title', 'pi pi-history', 'admin-audit'),
      ],
    },
  ],
}
