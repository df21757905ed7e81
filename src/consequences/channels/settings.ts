import type { Language } from '../../domain/localized.js';

/** A channel's settings with its secrets resolved (the runtime reads any environment references). */
export interface ChannelSettings {
  readonly name: string;
  readonly type: string;
  readonly language: Language;
  readonly timeoutMs: number;
  readonly url?: string | undefined;
  readonly secret?: string | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly smtp?:
    | {
        readonly host: string;
        readonly port: number;
        readonly secure: boolean;
        readonly user?: string | undefined;
        readonly password?: string | undefined;
        readonly verifyCertificate: boolean;
      }
    | undefined;
  readonly from?: string | undefined;
  readonly to: readonly string[];
}
