// Compute instances, clusters and attached AKS; managed online endpoints.
import * as z from "zod";
import { access, name, regionName, subnetRef, suppress, vmSize } from "./values.ts";

const ComputeBase = Object.freeze({
  name: name("Compute name."),
  subnet: subnetRef.optional(),
  publicIp: z.boolean().default(false).describe("Secure by default: no public IP (F23)."),
  region: regionName.optional().describe("Defaults to the workspace region (F25)."),
  vmSize: vmSize.default("Standard_DS3_v2"),
  suppress,
});

export const Compute = z
  .object({
    instances: z.array(z.object({ ...ComputeBase }).strict()).default([]),
    clusters: z
      .array(
        z
          .object({ ...ComputeBase, minNodes: z.number().int().min(0).default(0), maxNodes: z.number().int().min(1).default(4) })
          .strict(),
      )
      .default([]),
    kubernetes: z
      .array(
        z
          .object({
            name: name("AKS cluster name."),
            subnet: subnetRef,
            region: regionName.optional(),
            private: z.boolean().default(true),
            privateClusterPublicFqdn: z.boolean().default(false),
            outboundType: z.enum(["loadBalancer", "userDefinedRouting", "managedNATGateway"]).default("loadBalancer"),
            mlExtension: z.boolean().default(true),
            scoringTls: z
              .object({
                cname: z
                  .string()
                  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a lower-case DNS name")
                  .describe("The name clients score on; its certificate and key are given at deployment (secrets, never written)."),
              })
              .strict()
              .optional()
              .describe("TLS for inference on the cluster (F27): the Azure ML extension refuses to run secure scoring without it."),
            allowInsecureScoring: z.boolean().default(false).describe("Score over plain HTTP instead of TLS: an explicit choice, reported as a warning."),
            attach: z.boolean().default(true),
            suppress,
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

export const Inference = z
  .object({
    onlineEndpoints: z
      .array(
        z
          .object({
            name: name("Online endpoint name."),
            publicNetworkAccess: access.default("Disabled").describe("Inbound scoring (F47)."),
            egressPublicNetworkAccess: access
              .optional()
              .describe("Legacy deployment egress flag (F47): not for managed networks; can't change later."),
            suppress,
          })
          .strict(),
      )
      .default([]),
  })
  .strict();
