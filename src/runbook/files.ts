// Writing a runbook (`check --out-runbook`) and reading one back (`blastguard runbook`). A plan
// that does not validate against the runbook schema is refused: the script is only ever made
// from a runbook blastguard wrote.
import { writeFileSync } from "node:fs";
import { InputError } from "../errors.js";
import type { Report } from "../model/report.js";
import { decodeUtf8, DEFAULT_LIMITS, readFileLimited } from "../readers/bytes.js";
import { packageVersion } from "../version.js";
import { Runbook, RUNBOOK_SCHEMA_VERSION } from "./model.js";
import { renderScript } from "./script.js";

/** The whole runbook of a checked report: its runbook section plus the report's input. */
export function runbookOf(report: Report): Runbook {
  if (report.runbook === null) throw new InputError("no runbook: the policies reported no destroyed resources for this input");
  const { schemaVersion, kind, ...rest } = report.runbook;
  const { label, digest, inventoryComplete } = report.input;
  return { schemaVersion, kind, input: { label, digest, inventoryComplete }, ...rest };
}

/** The runbook of a checked change, as the versioned JSON plan. */
export function renderRunbook(report: Report): string {
  return JSON.stringify(runbookOf(report), null, 2) + "\n";
}

/** `--out-runbook`: for `preview`, the first report (the preview digest; the saved plan is the same change). */
export function writeRunbook(file: string, report: Report): void {
  const text = renderRunbook(report);
  try {
    writeFileSync(file, text);
  } catch {
    throw new InputError(`cannot write ${file}`);
  }
}

export async function readRunbook(path: string): Promise<Runbook> {
  const text = decodeUtf8(await readFileLimited(path, DEFAULT_LIMITS), path);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InputError(`${path}: not valid JSON`);
  }
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== RUNBOOK_SCHEMA_VERSION) throw new InputError(`${path}: not a blastguard runbook of schemaVersion ${RUNBOOK_SCHEMA_VERSION}`);
  const result = Runbook.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(`${path}: invalid runbook at ${issue?.path.map(String).join(".") || "(top level)"}: ${issue?.code ?? "invalid"}`);
  }
  return result.data;
}

/** `blastguard runbook <plan.json>`: the restore script. */
export async function restoreScript(path: string, concurrency: number | undefined): Promise<string> {
  return renderScript(await readRunbook(path), { concurrency, generator: `blastguard ${packageVersion()}` });
}
