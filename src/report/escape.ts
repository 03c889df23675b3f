// Escaping for the text-based outputs. Resource names, messages and override reasons come from
// the checked change and from people; none of them may break a table, open a tag, mention a
// user or inject a workflow command.

/** Control characters and line breaks as one space; lone surrogates as U+FFFD. */
export function oneLine(s: string): string {
  return s
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/** Cuts to at most max UTF-16 units (never inside a surrogate pair), marking the cut. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max - 1;
  if (/[\ud800-\udbff]/.test(s.charAt(end - 1))) end--;
  return s.slice(0, end) + "…";
}

/** Markdown text: characters that start emphasis, links, HTML, tables or mentions escaped. */
export function mdText(s: string, max = 500): string {
  return clip(oneLine(s), max).replace(/[\\`*_[\]<>|~&@]/g, (c) => `\\${c}`);
}

/** A Markdown code span that survives any content; in a table cell `|` is escaped too. */
export function mdCode(s: string, inTable: boolean, max = 500): string {
  const body = clip(oneLine(s), max);
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = body.startsWith("`") || body.endsWith("`") ? " " : "";
  const span = `${fence}${pad}${body}${pad}${fence}`;
  return inTable ? span.replaceAll("|", "\\|") : span;
}

/** XML 1.0 character data or attribute value. */
export function xml(s: string): string {
  return s
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "\ufffd")
    .replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** XML attribute value that keeps line breaks as character references. */
export function xmlAttr(s: string): string {
  return xml(s).replace(/\r/g, "&#13;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

/** The message part of a GitHub Actions workflow command. */
export function ghData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property value (e.g. title=) of a GitHub Actions workflow command. */
export function ghProperty(s: string): string {
  return ghData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
