// Every stack's full result (its check report, stores and tenants), kept on disk rather than in
// memory while the fleet is judged: each worker appends the results it judges to its own file in
// a private temporary folder and tells the pool only where each one is. The formats that list
// findings (json, sarif, junit) read them back one at a time, in the report's order, so memory
// does not grow with the fleet. The folder is removed once the outputs are written.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Where one result is: its worker's file, the byte offset and the length. */
export type SpillAt = readonly [file: string, offset: number, length: number];

/** In a worker: appends results to one file. */
export class SpillWriter {
  private readonly fd: number;
  private offset = 0;

  constructor(private readonly file: string) {
    this.fd = openSync(file, "wx", 0o600);
  }

  append(text: string): SpillAt {
    const bytes = Buffer.from(text, "utf8");
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, this.offset + done);
    const at = [this.file, this.offset, bytes.length] as const;
    this.offset += bytes.length;
    return at;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** In the pool: a private folder for the workers' files, and reading results back. */
export class SpillFolder {
  readonly dir = mkdtempSync(join(tmpdir(), "blastguard-audit-"));
  private readonly open = new Map<string, number>();
  private files = 0;

  /** A fresh file name for a new worker. */
  nextFile(): string {
    return join(this.dir, `worker-${++this.files}.json`);
  }

  read([file, offset, length]: SpillAt): string {
    let fd = this.open.get(file);
    if (fd === undefined) this.open.set(file, (fd = openSync(file, "r")));
    const bytes = Buffer.allocUnsafe(length);
    for (let done = 0; done < length; ) {
      const n = readSync(fd, bytes, done, length - done, offset + done);
      if (n === 0) throw new Error(`${file}: a spilled result is cut short`);
      done += n;
    }
    return bytes.toString("utf8");
  }

  remove(): void {
    for (const fd of this.open.values()) closeSync(fd);
    this.open.clear();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
