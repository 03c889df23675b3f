// Loads the compiled policy and evaluates it in the calling thread. Used by the engine's worker
// thread (wasm-worker.js) and directly by a thread that is itself stopped at the time limit (an
// audit worker). Plain JavaScript so the same file runs from the source tree and the package.
import opa from "@open-policy-agent/opa-wasm";

// opa-wasm writes some load problems with console.error; our only voice is the error we return.
console.error = () => {};

/** Engine failures can be thrown strings or plain objects; report only a known category, never their text. */
export function describeEngineFailure(thrown) {
  const message = typeof thrown === "object" && thrown !== null ? thrown.message : undefined;
  const text = typeof thrown === "string" ? thrown : typeof message === "string" ? message : "";
  if (/ABI version/i.test(text)) return "policy bundle has an unsupported Wasm ABI version";
  if (/conflict/i.test(text)) return "policy engine aborted: conflicting rule values";
  if (/not implemented|builtin/i.test(text)) return "policy engine aborted: a builtin is not available";
  if (/malloc|memory|grow/i.test(text)) return "policy engine ran out of memory";
  if (/entrypoint/i.test(text)) return "policy entrypoint is missing";
  return "policy engine failed";
}

/**
 * The policy, ready to evaluate. The policy's allocator grows memory one 64 KiB page at a time,
 * and each grow costs about a millisecond: start with a large memory instead (untouched pages
 * take no RAM). Compiled here and loaded synchronously: opa-wasm's async loader tests for a fetch
 * Response, and touching that global makes Node load its whole fetch stack first. `reads` is the
 * result of readsEntrypoint (what the policies read of the input), or null when the bundle has none.
 */
export async function loadEngine(wasm, initialPages, maxPages, readsEntrypoint) {
  const module = await WebAssembly.compile(wasm);
  const policy = opa.loadPolicySync(module, { initial: initialPages, maximum: maxPages });
  // opa-wasm only warns when the module declares no ABI version; we refuse it.
  const major = policy.wasmInstance.exports.opa_wasm_abi_version;
  if (major?.value !== 1 || !(policy.minorVersion >= 2)) throw "unsupported ABI version (needs 1.2 or newer)";
  // What the policies read (policies/lib/reads.rego), when the bundle declares it; null otherwise.
  const reads = readsEntrypoint && Object.hasOwn(policy.entrypoints, readsEntrypoint) ? policy.evaluate({}, readsEntrypoint)[0]?.result ?? null : null;
  return {
    reads,
    /** The result set as JSON text, and the time the evaluation took. */
    evaluate(input, entrypoint) {
      const started = performance.now();
      const resultSet = policy.evaluate(input, entrypoint);
      return { json: JSON.stringify(resultSet), ms: performance.now() - started };
    },
  };
}
