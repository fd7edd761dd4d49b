import { type CSSVariablesResolver, createTheme } from '@mantine/core';

/**
 * A darker primary shade than Mantine's default, so white-on-primary buttons and primary-coloured links meet
 * WCAG AA contrast (the browser tests run axe-core and fail on serious violations).
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 6 },
  defaultRadius: 'md',
  focusRing: 'auto',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
});

/**
 * Contrast fixes for the light scheme: Mantine's dimmed grey (gray.6) is below AA on white for small text (gray.7
 * passes), and dark text on the hover shade of "light" buttons and nav links (shade 2) is too (one shade lighter
 * each keeps hover visible and passes).
 */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => {
  const light: Record<string, string> = { '--mantine-color-dimmed': resolved.colors.gray[7] };
  for (const name of Object.keys(resolved.colors)) {
    light[`--mantine-color-${name}-light`] = `var(--mantine-color-${name}-0)`;
    light[`--mantine-color-${name}-light-hover`] = `var(--mantine-color-${name}-1)`;
  }
  return { variables: {}, light, dark: {} };
};
