import type { Instant } from '../../domain/time.js';

export interface AgentRow {
  readonly location: string;
  readonly firstSeenAt: Instant;
  readonly lastSeenAt: Instant;
  readonly silentSince: Instant | null;
  readonly version: string | null;
}

export interface AgentRepository {
  get(location: string): Promise<AgentRow | undefined>;
  list(): Promise<AgentRow[]>;
  save(row: AgentRow): Promise<void>;
  openSilence(location: string, from: Instant): Promise<void>;
  closeSilence(location: string, to: Instant): Promise<void>;
  /** Silences of the locations that overlap [from, to). */
  silences(
    locations: readonly string[],
    from: Instant,
    to: Instant,
  ): Promise<Array<{ location: string; from: Instant; to: Instant | null }>>;
  bindToken(tokenId: string, location: string): Promise<void>;
  tokenLocation(tokenId: string): Promise<string | undefined>;
}
