// The pipeline's layering, enforced by test/layering.test.ts (npm test). Each folder imports only
// from folders below it: core <- frontends, engine <- questions <- rules <- report; core <-
// backends; api wires them; cli and web import only api. Front ends are imported by api alone,
// so an importer never pulls in another front end's code. Tests (*.test.ts) are exempt.
const layer = (name, allowed, comment) => ({
  name: `${name.replace(/[^a-z]+/g, "-")}-imports-only-below`,
  comment,
  severity: "error",
  from: { path: `^src/${name}/`, pathNot: "\\.test\\.ts$" },
  to: { path: "^src/", pathNot: `^src/(${[name, ...allowed].join("|")})/` },
});

module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", comment: "A cycle means two modules are one; merge them or move the shared part down.", from: {}, to: { circular: true } },
    layer("core", [], "core is the ground: the model, ids, CIDR and packet sets, views, the type registry and the knowledge tables."),
    {
      name: "frontends-import-only-core",
      comment: "A front end turns its input into the model; it shares nothing with other front ends.",
      severity: "error",
      from: { path: "^src/frontends/([^/]+)/", pathNot: "\\.test\\.ts$" },
      to: { path: "^src/", pathNot: ["^src/core/", "^src/frontends/$1/"] },
    },
    layer("engine", ["core"], "The data plane knows the model and nothing above it."),
    layer("questions", ["core", "engine"], "Flows, studio and diff ask the engine."),
    layer("rules", ["core", "engine", "questions"], "Rules that concern reachability ask the engine (and the documented flows)."),
    layer("backends", ["core"], "Back ends render the model (through the core views); they never see a front end, the engine or the rules."),
    layer("report", ["core", "engine", "questions", "rules"], "Reports format results."),
    layer("api", ["core", "frontends", "engine", "questions", "rules", "backends", "report"], "The library entry point wires the pipeline."),
    layer("cli", ["api"], "The command line is a thin layer over the api."),
    layer("web", ["api"], "The web view is a thin layer over the api."),
    {
      name: "analyses-read-through-the-analysis",
      comment: "Rules, questions, the engine and the views read properties through analysis.props, which records unknown reads; the plain views (core/props.ts) are for front and back ends. Its types may be imported.",
      severity: "error",
      from: { path: ["^src/(engine|questions|rules)/", "^src/core/views\\.ts$"], pathNot: "\\.test\\.ts$" },
      to: { path: "^src/core/props\\.ts$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "no-node-builtins-below-api",
      comment: "Everything below api runs in a browser too (the web view runs the engine there).",
      severity: "error",
      from: { path: "^src/(core|frontends|engine|questions|rules|backends|report)/", pathNot: "\\.test\\.ts$" },
      to: { dependencyTypes: ["core"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
