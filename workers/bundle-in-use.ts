/**
 * The bundle the classify worker runs with, as its services pass it around: the bundle itself,
 * and where it came from (the built-in default, or a stored version).
 */
import type { ModelBundle } from '../src/core/bundle.ts';

export interface BundleInUse {
  bundle: ModelBundle;
  builtIn: boolean;
  /** The stored version in use; null for the built-in default. */
  versionId: string | null;
}
