import { describe, expect, it } from 'vitest';
import { maskMessage } from '../../../src/core/message-key.ts';

describe('maskMessage', () => {
  it('gives lines that differ only in ids, numbers and addresses one key', () => {
    expect(maskMessage('User User12 logged in.')).toBe(maskMessage('User User9731 logged in.'));
    expect(maskMessage('Connection from 10.0.0.1:5432 closed')).toBe(maskMessage('Connection from 192.168.20.4 closed'));
    expect(maskMessage('Request 3f2a9c1e-0b7d-4c8e-9f10-2a3b4c5d6e7f failed')).toBe(
      maskMessage('Request 00000000-1111-2222-3333-444444444444 failed'),
    );
    expect(maskMessage('Commit a3f9bc21d7 deployed')).toBe(maskMessage('Commit 0fe1d2c3b4 deployed'));
    expect(maskMessage('Reading /var/log/app/current.log')).toBe(maskMessage('Reading /srv/data/x.csv'));
    expect(maskMessage('Pointer 0xDEADBEEF freed')).toBe(maskMessage('Pointer 0x1f freed'));
  });

  it('keeps the words that carry meaning', () => {
    expect(maskMessage('Disk usage at 93% on node7')).toBe('Disk usage at <*>% on node<*>');
    expect(maskMessage('System updated to version 4.2.1.')).toBe('System updated to version <*>.');
    expect(maskMessage('Backup completed successfully.')).toBe('Backup completed successfully.');
  });

  it('does not mask plain words that happen to be hex letters', () => {
    expect(maskMessage('deadbeef facade accepted')).toBe('deadbeef facade accepted');
  });
});
