// Runs the compiled policy in a worker thread so the host can stop a runaway evaluation at its
// time limit. Plain JavaScript so the same file runs from the source tree and the package.
// Messages in: {type:"load", wasm:Uint8Array, initialPages:number, maxPages:number} then {type:"eval", input:ArrayBuffer}.
// Messages out: {type:"loaded"} | {type:"result", json:string, ms:number} | {type:"error", message}.
import { parentPort } from "node:worker_threads";
import opa from "@open-policy-agent/opa-wasm";

// opa-wasm writes some load problems with console.error; our only voice is the error reply.
console.error = () => {};

/** Engine failures can be thrown strings or plain objects; report only a known category, never their text. */
function describe(thrown) {
  const message = typeof thrown === "object" && thrown !== null ? thrown.message : undefined;
  const text = typeof thrown === "string" ? thrown : typeof message === "string" ? message : "";
  if (/ABI version/i.test(text)) return "policy bundle has an unsupported Wasm ABI version";
  if (/conflict/i.test(text)) return "policy engine aborted: conflicting rule values";
  if (/not implemented|builtin/i.test(text)) return "policy engine aborted: a builtin is not available";
  if (/malloc|memory|grow/i.test(text)) return "policy engine ran out of memory";
  if (/entrypoint/i.test(text)) return "policy entrypoint is missing";
  return "policy engine failed";
}

let policy;
parentPort.on("message", async (msg) => {
  try {
    if (msg.type === "load") {
      // The policy's allocator grows memory one 64 KiB page at a time, and each grow costs about a
      // millisecond: start with a large memory instead (untouched pages take no RAM).
      // Compiled here and loaded synchronously: opa-wasm's async loader tests for a fetch
      // Response, and touching that global makes Node load its whole fetch stack first.
      const module = await WebAssembly.compile(msg.wasm);
      policy = opa.loadPolicySync(module, { initial: msg.initialPages, maximum: msg.maxPages });
      // opa-wasm only warns when the module declares no ABI version; we refuse it.
      const major = policy.wasmInstance.exports.opa_wasm_abi_version;
      if (major?.value !== 1 || !(policy.minorVersion >= 2)) throw "unsupported ABI version (needs 1.2 or newer)";
      parentPort.postMessage({ type: "loaded" });
    } else if (msg.type === "eval") {
      const started = performance.now();
      const resultSet = policy.evaluate(msg.input, msg.entrypoint);
      parentPort.postMessage({ type: "result", json: JSON.stringify(resultSet), ms: performance.now() - started });
    }
  } catch (thrown) {
    parentPort.postMessage({ type: "error", message: describe(thrown) });
  }
});
