import { Modal, type ModalProps } from '@mantine/core';

/** Mantine's Modal with a named close button (its default × has no accessible name). Escape also closes it. */
export function AdminModal(props: ModalProps) {
  return <Modal closeButtonProps={{ 'aria-label': 'Close' }} {...props} />;
}
