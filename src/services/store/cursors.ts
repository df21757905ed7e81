/** A reader's position in the signal stream, moved atomically with what it produced. */
export interface CursorRepository {
  get(name: string): Promise<number>;
  /** Moves the cursor from `from` to `to`; false when another reader moved it first. */
  advance(name: string, from: number, to: number): Promise<boolean>;
}
