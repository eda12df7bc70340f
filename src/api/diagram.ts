// The topology diagram of an opened project: the graph, its layout and the SVG.
import { diagramGraph } from "../report/diagram/graph.ts";
import { layoutDiagram, type Layout, type LayoutCache } from "../report/diagram/layout.ts";
import { diagramSvg } from "../report/diagram/svg.ts";
import type { Project } from "./project.ts";

export type { LayoutCache };

export interface Diagram {
  readonly layout: Layout;
  readonly svg: string;
}

/** `cache`: layouts to reuse, kept by a caller that draws variations of one input (the web view). */
export async function drawDiagram(project: Project, cache?: LayoutCache): Promise<Diagram> {
  const layout = await layoutDiagram(diagramGraph(project.analysis), cache);
  return { layout, svg: diagramSvg(layout, `Topology of ${project.file}`) };
}
