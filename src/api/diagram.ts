// The topology diagram of an opened project: the graph, its layout and the SVG.
import { diagramGraph } from "../report/diagram/graph.ts";
import { layoutDiagram, type Layout } from "../report/diagram/layout.ts";
import { diagramSvg } from "../report/diagram/svg.ts";
import type { Project } from "./project.ts";

export interface Diagram {
  readonly layout: Layout;
  readonly svg: string;
}

export async function drawDiagram(project: Project): Promise<Diagram> {
  const layout = await layoutDiagram(diagramGraph(project.analysis));
  return { layout, svg: diagramSvg(layout, `Topology of ${project.file}`) };
}
