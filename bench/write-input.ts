// Writes one generated import input (bench/import-inputs.ts) to a new file, in a process of its
// own: the measurement then reads it as the installed command reads a file, in a process whose
// heap holds nothing of the generation. Usage: write-input.ts <kind> <size> <path>.
import { writeFileSync } from "node:fs";
import { centralEndpointsEstate, hubAndSpokesTemplate, loopTemplate, nestedTemplate, resourceGraphEstate, sameSpaceEstate, workspacesEstate } from "./import-inputs.ts";

const [kind, size, path] = process.argv.slice(2);
const n = Number(size);
const text = kind === "nested" ? nestedTemplate(n) : kind === "loop" ? loopTemplate(n) : kind === "spokes" ? hubAndSpokesTemplate(n) : kind === "estate" ? resourceGraphEstate(n) : kind === "central" ? centralEndpointsEstate(n) : kind === "samespace" ? sameSpaceEstate(n) : kind === "workspaces" ? workspacesEstate(n) : undefined;
if (text === undefined) throw new Error(`no generated input of kind ${kind}`);
// Created, never overwritten (the path is in a directory made for this run).
writeFileSync(path, text, { flag: "wx" });
