import type { Instant } from '../../domain/time.js';

export interface LeaseRepository {
  /**
   * Takes the named lease for `owner` until `until` if nobody holds it at `now`; false while
   * anyone (this instance too) still does. A lease held until a job's next run makes it due.
   */
  claim(name: string, owner: string, until: Instant, now: Instant): Promise<boolean>;
}
