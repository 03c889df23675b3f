// Imported first by the CLI entry, and only there: starts the policy engine's worker before the
// rest of the program is evaluated (see worker.ts). Library users start it on first evaluation.
import { startEngineEarly } from "./worker.js";

// `blastguard audit` never adopts it: each of its workers runs its own engine.
if (process.argv[2] !== "audit") startEngineEarly();
