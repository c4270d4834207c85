/** A backup or restore refused or failed for a reason the operator can act on, in Vietnamese and English. */
export class BackupError extends Error {
  readonly vi: string;
  readonly en: string;

  constructor(vi: string, en: string) {
    super(en);
    this.vi = vi;
    this.en = en;
  }
}
