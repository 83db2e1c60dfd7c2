/** The administration's pages: the roles for platform admins, the background jobs for all staff. */
export const adminTabs = (isPlatformAdmin: boolean) => [
  ...(isPlatformAdmin ? [{ href: '/administration', label: 'Rôles' }] : []),
  { href: '/administration/taches', label: 'Tâches de fond' },
];
