import { AppShell, Burger, Button, em, Group, getBreakpointValue, NavLink, Stack, Text, UnstyledButton, useMantineTheme } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconLogout } from '@tabler/icons-react';
import { type ComponentType, type ReactNode, useEffect, useState } from 'react';
import { Link, Outlet, useLocation, useMatch } from 'react-router';
import type { Me } from '../../../common/src/users';
import { useSession } from '../hooks/use-session';
import { describeError } from '../lib/error-messages';
import { ErrorAlert } from './ErrorAlert';

export interface AreaNavItem {
  label: string;
  to: string;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean | 'true' }>;
  /** Active only on exactly this path (a list page whose sub-pages have their own nav item). */
  end?: boolean;
}

/**
 * The frame of a signed-in area: header with the area's name, the person and "Sign out", and the area's navigation.
 * `top`: the navigation sits in the header (few items; the customer portal on a phone). `side`: a sidebar (the admin
 * console). On small screens both fold into a menu behind the burger button.
 */
export function AreaShell({
  areaName,
  nav,
  placement,
  headerExtra,
}: {
  areaName: string;
  nav: AreaNavItem[];
  placement: 'top' | 'side';
  /** Something small for the header, before the person's name (the agent's availability switch). */
  headerExtra?: ReactNode;
}) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const theme = useMantineTheme();
  const isWide = useMediaQuery(`(min-width: ${em(getBreakpointValue('sm', theme.breakpoints))})`) ?? false;
  // A collapsed navbar is only moved off-screen; inert keeps its links out of the tab order and screen readers.
  const isNavbarHidden = isWide ? placement === 'top' : !opened;
  useEffect(() => {
    // Following a link in the phone menu closes it.
    if (location.pathname) close();
  }, [location.pathname, close]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened, desktop: placement === 'top' } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <a className="skip-link" href="#main-content">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? 'Close menu' : 'Open menu'} aria-expanded={opened} />
            <UnstyledButton component={Link} to={nav[0]?.to ?? '/'} fw={700} fz="lg">
              Parley <Text span fw={400} fz="sm" visibleFrom="xs">{` · ${areaName}`}</Text>
            </UnstyledButton>
            {placement === 'top' && (
              <Group component="nav" aria-label="Main" gap={4} visibleFrom="sm" ml="md" wrap="nowrap">
                {nav.map((item) => (
                  <TopNavLink key={item.to} item={item} />
                ))}
              </Group>
            )}
          </Group>
          <Group gap="sm" wrap="nowrap">
            {headerExtra}
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main" inert={isNavbarHidden}>
        <Stack gap={4}>
          {nav.map((item) => (
            <SideNavLink key={item.to} item={item} />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main-content" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

function useIsActive(item: AreaNavItem): boolean {
  return useMatch({ path: item.to, end: item.end ?? false }) !== null;
}

function SideNavLink({ item }: { item: AreaNavItem }) {
  const active = useIsActive(item);
  const Icon = item.icon;
  return (
    <NavLink
      component={Link}
      to={item.to}
      label={item.label}
      leftSection={<Icon size={18} aria-hidden="true" />}
      active={active}
      aria-current={active ? 'page' : undefined}
    />
  );
}

function TopNavLink({ item }: { item: AreaNavItem }) {
  const active = useIsActive(item);
  const Icon = item.icon;
  return (
    <Button
      component={Link}
      to={item.to}
      variant={active ? 'light' : 'subtle'}
      leftSection={<Icon size={18} aria-hidden="true" />}
      aria-current={active ? 'page' : undefined}
    >
      {item.label}
    </Button>
  );
}

function displayName(me: Me): string {
  const name = [me.first_name, me.last_name].filter(Boolean).join(' ').trim();
  return name || me.email;
}

function UserMenu() {
  const { state, signOut } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const me = state.status === 'signed-in' ? state.me : null;

  async function handleSignOut() {
    setBusy(true);
    setError(null);
    try {
      // On success the area guard sends the person to the login page.
      await signOut();
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  }

  return (
    <Group gap="sm" wrap="nowrap">
      {me && (
        <Text size="sm" visibleFrom="sm" truncate maw={220} title={me.email}>
          {displayName(me)}
        </Text>
      )}
      <Button variant="default" size="sm" leftSection={<IconLogout size={16} aria-hidden="true" />} loading={busy} onClick={handleSignOut}>
        Sign out
      </Button>
      {error && (
        <div style={{ position: 'fixed', top: 68, right: 16, zIndex: 300, maxWidth: 360 }}>
          <ErrorAlert title="Could not sign out" message={error} />
        </div>
      )}
    </Group>
  );
}
