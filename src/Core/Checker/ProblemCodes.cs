namespace OnnxKit.Checker;

/// <summary>
/// The <see cref="CheckProblem.Code"/> values the checker reports. Codes are stable: tools may match on them.
/// <c>docs/checker.md</c> lists each with its severity and the rule behind it.
/// </summary>
public static class ProblemCodes
{
    // Model, IR version and opset imports

    /// <summary>The model declares no IR version (or zero or a negative one).</summary>
    public const string IrVersionMissing = "ir-version-missing";

    /// <summary>The IR version is newer than any ONNX release OnnxKit knows.</summary>
    public const string IrVersionUnknown = "ir-version-unknown";

    /// <summary>A feature the model uses (model-local functions) needs a newer IR version than it declares.</summary>
    public const string IrVersionTooOld = "ir-version-too-old";

    /// <summary>
    /// The IR version is older than the one the ai.onnx opset was released with (a warning: ONNX's full
    /// checker and ONNX Runtime accept such models, e.g. ONNX's own opset-9 models of IR version 3).
    /// </summary>
    public const string IrVersionOlderThanOpset = "ir-version-older-than-opset";

    /// <summary>A model of IR version 3 or newer imports no operator set.</summary>
    public const string OpsetImportMissing = "opset-import-missing";

    /// <summary>A model older than IR version 3 lists opset imports (those models implicitly use ai.onnx opset 1).</summary>
    public const string OpsetImportUnexpected = "opset-import-unexpected";

    /// <summary>The same domain is imported twice ("" and "ai.onnx" are the same domain).</summary>
    public const string DuplicateOpsetImport = "duplicate-opset-import";

    /// <summary>An opset version is not a positive 32-bit number.</summary>
    public const string OpsetVersionInvalid = "opset-version-invalid";

    /// <summary>An opset version of one of ONNX's own domains is newer than any OnnxKit knows.</summary>
    public const string OpsetUnknown = "opset-unknown";

    /// <summary>A node uses a domain that its model (or function) does not import.</summary>
    public const string DomainNotImported = "domain-not-imported";

    /// <summary>A metadata key appears twice (an error on the model, a warning elsewhere).</summary>
    public const string DuplicateMetadataKey = "duplicate-metadata-key";

    // Model-local functions

    /// <summary>A function has no name.</summary>
    public const string FunctionNameMissing = "function-name-missing";

    /// <summary>Two functions share domain, name and overload.</summary>
    public const string DuplicateFunction = "duplicate-function";

    /// <summary>Functions call each other in a cycle.</summary>
    public const string RecursiveFunction = "recursive-function";

    /// <summary>A function imports a domain at a version whose operator differs from the one the model's import selects.</summary>
    public const string FunctionOpsetIncompatible = "function-opset-incompatible";

    // Graph structure and names

    /// <summary>A graph has no name (ONNX's checker requires one; OnnxKit only warns).</summary>
    public const string GraphNameMissing = "graph-name-missing";

    /// <summary>A graph input, output, initializer or attribute has an empty name.</summary>
    public const string NameMissing = "name-missing";

    /// <summary>A value name is defined twice in one graph (inputs, initializers, node outputs: single static assignment).</summary>
    public const string DuplicateName = "duplicate-name";

    /// <summary>A subgraph defines a name that an enclosing graph already defines (ONNX forbids shadowing).</summary>
    public const string ShadowedName = "shadowed-name";

    /// <summary>A node input names a value that nothing defines.</summary>
    public const string UndefinedInput = "undefined-input";

    /// <summary>A graph or function output names a value that nothing in that graph defines.</summary>
    public const string UndefinedOutput = "undefined-output";

    /// <summary>A node reads a value before the node that computes it (nodes must be in topological order).</summary>
    public const string UseBeforeDefinition = "use-before-definition";

    /// <summary>Nodes depend on each other in a cycle.</summary>
    public const string Cycle = "cycle";

    /// <summary>A node reads a value of a graph it cannot see (a sibling or nested subgraph, another function).</summary>
    public const string OutOfScope = "out-of-scope";

    /// <summary>A node input is an IR value object that is not the one its graph defines under that name (in-memory models only).</summary>
    public const string DetachedValue = "detached-value";

    /// <summary>A subgraph output is a value of an enclosing graph rather than one defined in the subgraph.</summary>
    public const string OuterValueAsOutput = "outer-value-as-output";

    /// <summary>The same value is listed twice as a graph output.</summary>
    public const string DuplicateGraphOutput = "duplicate-graph-output";

    /// <summary>A graph has no outputs.</summary>
    public const string NoOutputs = "no-outputs";

    /// <summary>A value_info entry names a value the graph does not define, or is repeated.</summary>
    public const string StrayValueInfo = "stray-value-info";

    /// <summary>Two nodes of one graph share a name (allowed by ONNX's checker; the spec asks for unique names).</summary>
    public const string DuplicateNodeName = "duplicate-node-name";

    /// <summary>In IR version 3 and older, an initializer is not also listed as a graph input.</summary>
    public const string InitializerNotInput = "initializer-not-input";

    /// <summary>A subgraph initializer has the name of one of the subgraph's inputs.</summary>
    public const string InitializerShadowsInput = "initializer-shadows-input";

    // Types

    /// <summary>A main-graph input or output has no type.</summary>
    public const string TypeMissing = "type-missing";

    /// <summary>A type lacks a required part (tensor element type or shape, sequence element, map key or value, opaque name).</summary>
    public const string TypeIncomplete = "type-incomplete";

    /// <summary>A type names an element type that does not exist.</summary>
    public const string ElementTypeUnknown = "element-type-unknown";

    /// <summary>An initializer's data does not match the type declared for the graph input of the same name.</summary>
    public const string InitializerTypeMismatch = "initializer-type-mismatch";

    /// <summary>A node input or output has a type its operator does not allow.</summary>
    public const string TypeNotAllowed = "type-not-allowed";

    /// <summary>Values bound to one type parameter of an operator have different types.</summary>
    public const string TypeConflict = "type-conflict";

    /// <summary>A declared type (value_info, graph output) contradicts the type the producing operator gives.</summary>
    public const string DeclaredTypeMismatch = "declared-type-mismatch";

    // Tensors

    /// <summary>A tensor's stored data does not fit its element type and dims.</summary>
    public const string TensorData = "tensor-data";

    /// <summary>A sparse tensor's values, indices or dims are inconsistent.</summary>
    public const string SparseTensorData = "sparse-tensor-data";

    // Nodes and operators

    /// <summary>A node has no op_type.</summary>
    public const string OpTypeMissing = "op-type-missing";

    /// <summary>A node has neither inputs nor outputs.</summary>
    public const string NodeWithoutIo = "node-without-io";

    /// <summary>The operator does not exist in its (known) domain at the imported opset version.</summary>
    public const string UnknownOp = "unknown-op";

    /// <summary>The operator version selected by the imported opset is deprecated.</summary>
    public const string DeprecatedOp = "deprecated-op";

    /// <summary>The node's domain has no schemas here and no model-local function matches, so it cannot be verified.</summary>
    public const string UnverifiedOp = "unverified-op";

    /// <summary>The node uses one of ONNX's retired experimental operators, which have no schema.</summary>
    public const string ExperimentalOp = "experimental-op";

    /// <summary>The node has fewer inputs than its operator needs.</summary>
    public const string TooFewInputs = "too-few-inputs";

    /// <summary>The node has more inputs than its operator (or called function) takes.</summary>
    public const string TooManyInputs = "too-many-inputs";

    /// <summary>The node has fewer outputs than its operator needs.</summary>
    public const string TooFewOutputs = "too-few-outputs";

    /// <summary>The node has more outputs than its operator (or called function) gives.</summary>
    public const string TooManyOutputs = "too-many-outputs";

    /// <summary>An input or output that the operator declares as required is left empty.</summary>
    public const string RequiredIoMissing = "required-io-missing";

    /// <summary>An attribute name appears twice on one node (or in one function's attribute list).</summary>
    public const string DuplicateAttribute = "duplicate-attribute";

    /// <summary>The operator (or called function) has no attribute of this name.</summary>
    public const string UnknownAttribute = "unknown-attribute";

    /// <summary>An attribute's type differs from the one the operator declares.</summary>
    public const string AttributeTypeMismatch = "attribute-type-mismatch";

    /// <summary>A required attribute is absent.</summary>
    public const string RequiredAttributeMissing = "required-attribute-missing";

    /// <summary>A subgraph of If, Loop or Scan takes or gives a different number of values than the node passes or expects.</summary>
    public const string SubgraphArity = "subgraph-arity";

    /// <summary>An attribute has no type, or a type whose value is absent.</summary>
    public const string AttributeMalformed = "attribute-malformed";

    /// <summary>An attribute refers to a function attribute (<c>ref_attr_name</c>) outside a function, or to one the function lacks.</summary>
    public const string BadAttributeReference = "bad-attribute-reference";

    /// <summary>An integer attribute lies outside the range ONNX documents for it (a non-positive number of heads, groups or strides; a negative pad).</summary>
    public const string AttributeOutOfRange = "attribute-out-of-range";

    /// <summary>A constant scale of Resize or Upsample is NaN, infinite, zero or negative.</summary>
    public const string ScaleOutOfRange = "scale-out-of-range";

    // Resource limits (see docs/security.md)

    /// <summary>A Loop can never stop: it has no trip count and a condition that stays constant true, or neither.</summary>
    public const string LoopUnbounded = "loop-unbounded";

    /// <summary>A Loop's constant trip count, or a Scan's static length, is above the iteration limit.</summary>
    public const string LoopTooLong = "loop-too-long";

    /// <summary>A Loop with a constant trip count would stack scan outputs larger than the tensor limit.</summary>
    public const string LoopOutputTooLarge = "loop-output-too-large";

    /// <summary>The model has more nodes than the limit once its model-local functions are inlined.</summary>
    public const string ExpansionTooLarge = "expansion-too-large";
}
