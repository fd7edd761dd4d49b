import { Box, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface TicketFact {
  label: string;
  value: ReactNode;
}

/** Label/value pairs about a ticket (issue type, dates, agent, custom fields), as a description list. */
export function TicketFacts({ facts, cols = { base: 1, xs: 2 } }: { facts: TicketFact[]; cols?: number | Record<string, number> }) {
  return (
    <SimpleGrid component="dl" cols={cols} spacing="md" verticalSpacing="sm" m={0}>
      {facts.map((fact) => (
        <Box key={fact.label}>
          <Text component="dt" size="sm" c="dimmed">
            {fact.label}
          </Text>
          <Text component="dd" m={0} className="user-text">
            {fact.value}
          </Text>
        </Box>
      ))}
    </SimpleGrid>
  );
}
