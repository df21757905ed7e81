/** A place in the policy document: keys and indexes from its root. */
export type Path = ReadonlyArray<string | number>;
/** Records a problem at a place in the document; `key` points at the key rather than its value. */
export type Report = (path: Path, message: string, key?: boolean) => void;
