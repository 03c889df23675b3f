// The one table of output formats: --format, --out-<format> and the help text come from it.
import type { Report } from "../model/report.js";
import { loadCatalog } from "../engine/bundle.js";
import { packageInfo, policyHelpUri } from "../version.js";
import { renderGithub } from "./github.js";
import { renderJson } from "./json.js";
import { renderJunit } from "./junit.js";
import { renderMarkdown } from "./markdown.js";
import { renderSarif } from "./sarif.js";
import { renderText } from "./text.js";

/** Presentation choices the CLI makes for a run; every renderer ignores what it does not use. */
export interface RenderOptions {
  /** ANSI colours (text on a terminal). */
  colour?: boolean;
  /** The Pulumi project's folder relative to the repository root (SARIF PROJECTROOT). */
  projectRoot?: string | undefined;
}

export interface OutputFormat {
  description: string;
  render(reports: readonly Report[], options?: RenderOptions): string;
}

const table = {
  text: { description: "human-readable report: verdict first, findings grouped by policy", render: (rs, o) => rs.map((r) => renderText(r, { colour: o?.colour ?? false })).join("\n") },
  json: { description: "the versioned JSON report (schemaVersion 1)", render: renderJson },
  sarif: {
    description: "SARIF 2.1.0 for code scanning (rules from the policy METADATA)",
    render: (rs, o) => {
      const { version, homepage } = packageInfo();
      return renderSarif(rs, {
        catalog: loadCatalog(),
        toolVersion: version,
        informationUri: homepage ?? undefined,
        helpUri: homepage ? (id) => policyHelpUri(homepage, id) : undefined,
        projectRoot: o?.projectRoot,
      });
    },
  },
  markdown: { description: "a pull-request comment, always under GitHub's 65,536-character limit", render: (rs) => renderMarkdown(rs) },
  github: { description: "GitHub Actions annotations: verdict first, capped at GitHub's 10 per kind and step", render: (rs) => renderGithub(rs) },
  junit: { description: "JUnit XML, one test case per policy and resource", render: (rs) => renderJunit(rs, loadCatalog()) },
} satisfies Record<string, OutputFormat>;

export type FormatName = keyof typeof table;
export const formats: Record<FormatName, OutputFormat> = table;
export const formatNames = Object.keys(formats) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formats, name);
}
