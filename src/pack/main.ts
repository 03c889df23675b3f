// Entry point of the policy pack process (pack/index.js, pack/blastguard-pack): the engine starts
// it, reads the port it prints, and talks the analyzer protocol to it.
import { startPolicyPack } from "./index.js";

startPolicyPack();
