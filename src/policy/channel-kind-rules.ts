/** The settings a channel declaration in the policy may carry besides its common ones. */
export type ChannelField = 'url' | 'secret' | 'headers' | 'smtp' | 'from' | 'to';

/**
 * What the policy compiler must know of a channel type: the settings it takes and which of
 * them it cannot do without. Declared here, by the compiler; each channel's own file
 * (consequences/channels/) declares its rules beside how it sends, and runtime hands the list in.
 */
export interface ChannelKindRules {
  readonly type: string;
  /** Each setting the type takes; `required` says what to write when it is missing. */
  readonly settings: Readonly<Partial<Record<ChannelField, { readonly required?: string }>>>;
}
