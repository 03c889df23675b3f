// `npm run docs`: regenerates the README's policy table from the METADATA catalog.
import { loadCatalog } from "../engine/bundle.js";
import { writeReadmeTable } from "./policy-table.js";

writeReadmeTable(new URL("../../../README.md", import.meta.url).pathname, loadCatalog());
