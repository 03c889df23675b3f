// The policy pack's entry (CommonJS, which every Pulumi Node language host can start). It runs
// the built adapter from this repository's dist/ (run `npm run build` first); a project that
// installs blastguard from npm uses `import("blastguard/pack")` instead.
import("../dist/src/pack/main.js").catch(() => {
  console.error("blastguard policy pack: could not start (is the project built? run npm run build)");
  process.exit(1);
});
