// `npm run docs`: regenerates the README's policy table from the METADATA catalog and the JSON
// Schemas in schemas/ from the zod schemas.
import { loadCatalog } from "../engine/bundle.js";
import { writeReadmeTable } from "./policy-table.js";
import { writeJsonSchemas } from "./schemas.js";

writeReadmeTable(new URL("../../../README.md", import.meta.url).pathname, loadCatalog());
writeJsonSchemas(new URL("../../../schemas/", import.meta.url).pathname);
