// The input error codes a blueprint (BPnnn) or a template or estate (ARnnn) can get, for `amlnet explain`.

export const INPUT_ERRORS: Readonly<Record<string, { title: string; description: string }>> = {
  BP000: { title: "File can't be read", description: "The file is missing, a folder, not readable, larger than --max-bytes, or not UTF-8 (the message names the first bad byte's line and column)." },
  BP001: { title: "YAML syntax", description: "The text isn't valid YAML (a tab used for indentation, a duplicate key, an unclosed bracket), or holds more than one document. The position is where the parser stopped." },
  BP002: { title: "Not a mapping", description: "A blueprint is a YAML mapping with at least region, workspace, storage and keyVault; this file is empty, a list or a single value." },
  BP003: { title: "Unknown key", description: "A key the blueprint language doesn't have, often a typo (isolaton for isolation). Keys starting with x- are allowed at the top level to hold YAML anchors." },
  BP004: { title: "Missing required key", description: "A key the object needs is absent; the position is the object that lacks it." },
  BP005: { title: "Wrong value", description: "A value of the wrong type (a number where a mapping belongs), out of range, or not in the form Azure accepts (a port range like 99999-1, an address like 300.300.300.300, an NSG source that is neither a prefix nor a service tag)." },
  BP006: { title: "Input past a limit", description: "The file is larger than --max-bytes, its YAML aliases expand past --max-values, an alias names no anchor or itself, or it nests more than 100 levels. Raise the limits for a very large estate." },
  BP010: { title: "Reference or Azure rule", description: "A name that refers to nothing declared (a subnet, VNet, NSG), a duplicate name (Azure names ignore case), or a value Azure refuses at deployment: an unknown region for the cloud, a name breaking its type's naming rules, two NSG rules with one priority and direction, minNodes above maxNodes, a suppression of a rule that doesn't exist." },
  AR001: { title: "JSON syntax", description: "The template or estate isn't JSON as ARM reads it (comments and trailing commas are allowed). The position is where the parser stopped." },
  AR002: { title: "Not a template or an estate", description: "JSON that is neither a deployment template (its $schema names deploymentTemplate.json), an Azure Resource Graph result ({count, data}), nor a list of resource bodies (each with an id and a type); or a parameters file given where the template belongs." },
  AR003: { title: "Expression error", description: "An ARM expression that doesn't parse, or that fails when evaluated (a parameter or variable the template doesn't declare, a property the value lacks, a wrong argument). The position is the expression, at the offending part." },
  AR004: { title: "Parameter needs a value", description: "A template parameter without a default, not nullable and not secure, that neither --parameters nor --param gives. ARM would refuse the deployment the same way." },
  AR005: { title: "Parameter value", description: "A parameters file that isn't {\"parameters\": {name: {value}}}, a parameter the template doesn't declare, or a --param whose value isn't written as its type wants (JSON for int, bool, array and object)." },
};
