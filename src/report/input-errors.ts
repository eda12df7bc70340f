// The input error codes a blueprint can get, for `amlnet explain BPnnn`.

export const INPUT_ERRORS: Readonly<Record<string, { title: string; description: string }>> = {
  BP000: { title: "File can't be read", description: "The file is missing, a folder, not readable, larger than --max-bytes, or not UTF-8 (the message names the first bad byte's line and column)." },
  BP001: { title: "YAML syntax", description: "The text isn't valid YAML (a tab used for indentation, a duplicate key, an unclosed bracket), or holds more than one document. The position is where the parser stopped." },
  BP002: { title: "Not a mapping", description: "A blueprint is a YAML mapping with at least region, workspace, storage and keyVault; this file is empty, a list or a single value." },
  BP003: { title: "Unknown key", description: "A key the blueprint language doesn't have, often a typo (isolaton for isolation). Keys starting with x- are allowed at the top level to hold YAML anchors." },
  BP004: { title: "Missing required key", description: "A key the object needs is absent; the position is the object that lacks it." },
  BP005: { title: "Wrong value", description: "A value of the wrong type (a number where a mapping belongs), out of range, or not in the form Azure accepts (a port range like 99999-1, an address like 300.300.300.300, an NSG source that is neither a prefix nor a service tag)." },
  BP006: { title: "Input past a limit", description: "The file is larger than --max-bytes, its YAML aliases expand past --max-values, an alias names no anchor or itself, or it nests more than 100 levels. Raise the limits for a very large estate." },
  BP010: { title: "Reference or Azure rule", description: "A name that refers to nothing declared (a subnet, VNet, NSG), a duplicate name (Azure names ignore case), or a value Azure refuses at deployment: an unknown region for the cloud, a name breaking its type's naming rules, two NSG rules with one priority and direction, minNodes above maxNodes, a suppression of a rule that doesn't exist." },
};
