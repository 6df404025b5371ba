/** Every family of the system-log corpus. Add a family here once its file exists. */
import type { LogFamily } from '../family.ts';
import { SSHD } from './sshd.ts';

export const SYSTEM_FAMILIES: readonly LogFamily[] = [SSHD];
