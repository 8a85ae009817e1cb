using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;
using OnnxKit.Optimizer.Rules.Patterns;
using OnnxKit.Optimizer.Tests.TestSupport;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Tests.Rewriting;

/// <summary>The declarative rewriter itself: how patterns match, how checks decline, how replacements are placed and named.</summary>
public sealed class PatternRewriterTests
{
    /// <summary>A pass made of the given rules, for these tests.</summary>
    private sealed class RulePass(params RewriteRule[] rules) : PatternRewritePass
    {
        public override string Name => "test-rules";
        public override string Description => "test";
        public override PassLevel Level => PassLevel.All;
        protected override IReadOnlyList<RewriteRule> Rules => rules;
    }

    /// <summary>Runs the rules once on a copy; returns the result and the trace.</summary>
    private static (Model Model, bool Modified, List<string> Trace) Run(Model model, params RewriteRule[] rules)
    {
        var trace = new List<string>();
        var copy = model.Clone();
        var result = new RulePass(rules).Run(copy, new PassContext { Trace = trace.Add });
        return (result.Model, result.Modified, trace);
    }

    /// <summary>x + x·c → x·(1 + c): a rule whose replacement is built from the match.</summary>
    private static readonly RewriteRule Factor = new("factor")
    {
        Patterns = [Pattern.Of(p =>
        {
            var x = p.Var("x");
            return x + x * p.Scalar("c");
        })],
        Replacement = (b, m) => b.Mul(m["x"], b.Constant(DenseTensor.FromFloats([(float)(1 + m.Scalar("c"))], []), "factor")),
    };

    [Fact]
    public void ACommutativeOperatorMatchesEitherOrderAndTheReplacementTakesTheRootsPlaceNameAndType()
    {
        foreach (bool swap in new[] { false, true })
        {
            var g = new GraphBuilder();
            var x = g.Input("x", 2);
            var c = g.Floats("c", [3f], []);
            var scaled = swap ? g.Mul(c, x) : g.Mul(x, c);
            var sum = swap ? g.AddNode("Add", [scaled, x], name: "sum") : g.AddNode("Add", [x, scaled], name: "sum");
            var y = g.Relu(sum.Outputs[0]);
            g.Output(sum.Outputs[0], DataType.Float, 2).Output(y, DataType.Float, 2);
            var model = g.ToModel();

            var (result, modified, _) = Run(model, Factor);

            Assert.True(modified);
            Assert.Equal(["Mul", "Relu"], Optimize.Ops(result));
            var mul = result.Graph.Nodes.First!;
            Assert.Equal("sum", mul.Name);
            Assert.Equal("add", mul.Outputs[0].Name);
            Assert.Equal("tensor(float)[2]", mul.Outputs[0].Type?.ToString());
            Assert.Same(mul.Outputs[0], result.Graph.Outputs[0]);
            Assert.Equal([4f], result.Graph.Initializers["factor"]!.ConstValue!.ToArray<float>());
            Numerics.AssertSameOutputs(model, result, rtol: 1e-6, atol: 1e-6);
        }
    }

    [Fact]
    public void AChainMatchesInAnyAssociationButNotWhenAnInnerResultIsUsedElsewhere()
    {
        var rule = new RewriteRule("product-of-three")
        {
            Patterns = [Pattern.Of(p => p.Var("a") * p.Var("b") * 2.0)],
            Replacement = (b, m) => b.Identity(m["a"]),
        };
        Model Product(bool shareInner)
        {
            var g = new GraphBuilder();
            var a = g.Input("a", 2);
            var b = g.Input("b", 2);
            var inner = g.Mul(g.Floats("two", [2f], []), b);
            var outer = g.Mul(a, inner);
            g.Output(outer, DataType.Float, 2);
            if (shareInner) g.Output(inner, DataType.Float, 2);
            return g.ToModel();
        }

        Assert.Equal(["Identity"], Optimize.Ops(Run(Product(shareInner: false), rule).Model));
        var (kept, modified, trace) = Run(Product(shareInner: true), rule);
        Assert.False(modified);
        Assert.Equal(["Mul", "Mul"], Optimize.Ops(kept));
        Assert.Contains(trace, line => line.Contains("chain has 2 operands, the pattern 3"));
    }

    [Fact]
    public void AnIntermediateUsedOutsideThePatternIsDeclinedWithTheReason()
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2);
        var scaled = g.Mul(x, g.Floats("c", [3f], []));
        g.Output(g.Add(x, scaled), DataType.Float, 2).Output(g.Neg(scaled), DataType.Float, 2);

        var (result, modified, trace) = Run(g.ToModel(), Factor);

        Assert.False(modified);
        Assert.Equal(["Mul", "Add", "Neg"], Optimize.Ops(result));
        Assert.Equal(["test-rules: Add -> add: an intermediate is used outside the pattern"], trace);
    }

    [Fact]
    public void AFailedCheckBacktracksIntoTheOtherInputOrder()
    {
        // Mul(c1, c2) with both inputs constants: x = c1 fails the check, x = c2 passes it.
        var rule = new RewriteRule("keep-the-small-one")
        {
            Patterns = [Pattern.Of(p => p.Var("x") * p.ConstantTensor("big"))],
            Checks = [new MatchCheck("big", m => m.Graph.ConstantDoubles(m["big"])![0] > 10 ? null : "the constant is small")],
            Replacement = (_, m) => m["x"],
        };
        var g = new GraphBuilder();
        var big = g.Floats("big", [100f], []);
        var small = g.Floats("small", [1f], []);
        g.Output(g.Neg(g.Mul(big, small)), DataType.Float);

        var result = Run(g.ToModel(), rule).Model;

        Assert.Equal(["Neg"], Optimize.Ops(result));
        Assert.Equal("small", result.Graph.Nodes.First!.Inputs[0]!.Name);
    }

    [Fact]
    public void ChecksNameTheReasonTheRuleDeclined()
    {
        var rule = new RewriteRule("positive-only")
        {
            Patterns = [Pattern.Of(p => p.Relu(p.Var("x") * p.Scalar("k")))],
            Checks = [new MatchCheck("positive-k", m => m.Scalar("k") > 0 ? null : "k is not positive")],
            Replacement = (b, m) => b.Mul(b.Relu(m["x"]), m["k"]),
        };
        var g = new GraphBuilder();
        var x = g.Input("x", 2);
        g.Output(g.Relu(g.Mul(x, g.Floats("k", [-2f], []))), DataType.Float, 2);

        var (_, modified, trace) = Run(g.ToModel(), rule);

        Assert.False(modified);
        Assert.Equal(["test-rules: Relu -> relu: positive-k: k is not positive"], trace);
    }

    [Fact]
    public void NumbersScalarsAndConstantTensorsMatchOnlyConstants()
    {
        var rule = new RewriteRule("half")
        {
            Patterns = [Pattern.Of(p => p.Var("x") * 0.5)],
            Replacement = (b, m) => b.Div(m["x"], b.Constant(DenseTensor.FromFloats([2f], []), "two")),
        };
        Model Scaled(Func<GraphBuilder, Value> factor)
        {
            var g = new GraphBuilder();
            var x = g.Input("x", 2);
            g.Output(g.Mul(x, factor(g)), DataType.Float, 2);
            return g.ToModel();
        }

        Assert.Equal(["Div"], Optimize.Ops(Run(Scaled(g => g.Floats("h", [0.5f, 0.5f], 2)), rule).Model));
        // A Constant node is a constant too; it is not part of the match, so it stays for eliminate-dead-code.
        Assert.Equal(["Constant", "Div"], Optimize.Ops(Run(Scaled(g => g.Op("Constant", [], IrAttribute.Float("value_float", 0.5000001f))), rule).Model));
        Assert.Equal(["Mul"], Optimize.Ops(Run(Scaled(g => g.Floats("h", [0.5f, 0.25f], 2)), rule).Model));
        Assert.Equal(["Mul"], Optimize.Ops(Run(Scaled(g => g.Input("h", 2)), rule).Model));
        // From IR version 4 an initializer that is also a graph input may be overridden: not a constant.
        var overridable = Scaled(g => g.Floats("h", [0.5f], []));
        overridable.Graph.Inputs.Add(overridable.Graph.Initializers["h"]!);
        Assert.Equal(["Mul"], Optimize.Ops(Run(overridable, rule).Model));
    }

    [Fact]
    public void AScalarUsedTwiceMustHoldTheSameNumber()
    {
        var rule = new RewriteRule("same-bound")
        {
            Patterns = [Pattern.Of(p =>
            {
                var x = p.Var("x");
                var k = p.Scalar("k");
                return p.Min(p.Max(x, k), k);
            })],
            Replacement = (_, m) => m["k"],
        };
        Model Clamp(float low, float high)
        {
            var g = new GraphBuilder();
            var x = g.Input("x", 2);
            g.Output(g.Min(g.Max(x, g.Floats("low", [low], [])), g.Floats("high", [high], [])), DataType.Float, 2);
            return g.ToModel();
        }

        Assert.True(Run(Clamp(1f, 1.000001f), rule).Modified);
        Assert.False(Run(Clamp(1f, 2f), rule).Modified);
    }

    [Fact]
    public void RequiredAttributesAndAttributePredicatesFilterNodes()
    {
        var rule = new RewriteRule("leaky")
        {
            Patterns = [Pattern.Of(p => p.Op("LeakyRelu", [p.Var("x")]).Where("alpha", a => a is not null && a.AsFloat() == 0f))],
            Replacement = (b, m) => b.Relu(m["x"]),
        };
        var exact = new RewriteRule("softmax-last")
        {
            Patterns = [Pattern.Of(p => p.Softmax(p.Var("x"), axis: -1))],
            Replacement = (b, m) => b.Identity(m["x"]),
        };
        Model With(string op, IrAttribute attribute)
        {
            var g = new GraphBuilder(13);
            g.Output(g.Op(op, [g.Input("x", 2, 2)], attribute), DataType.Float, 2, 2);
            return g.ToModel();
        }

        Assert.True(Run(With("LeakyRelu", IrAttribute.Float("alpha", 0f)), rule).Modified);
        Assert.False(Run(With("LeakyRelu", IrAttribute.Float("alpha", 0.1f)), rule).Modified);
        Assert.True(Run(With("Softmax", IrAttribute.Int("axis", -1)), exact).Modified);
        Assert.False(Run(With("Softmax", IrAttribute.Int("axis", 0)), exact).Modified);
    }

    [Fact]
    public void OneOfMatchesEachSpelling()
    {
        var rule = new RewriteRule("at-least")
        {
            Patterns = [Pattern.Of(p =>
            {
                var x = p.Var("x");
                var k = p.Var("k");
                return p.Op("Cast", [p.OneOf(p.GreaterOrEqual(x, k), p.Not(p.Less(x, k)))]);
            })],
            Replacement = (b, m) => b.Cast(b.GreaterOrEqual(m["x"], m["k"]), DataType.Float),
        };
        foreach (bool old in new[] { false, true })
        {
            var g = new GraphBuilder(13);
            var x = g.Input("x", 2);
            var k = g.Input("k", 2);
            var flag = old ? g.Not(g.Less(x, k)) : g.GreaterOrEqual(x, k);
            g.Output(g.Cast(flag, DataType.Float), DataType.Float, 2);
            Assert.Equal(["GreaterOrEqual", "Cast"], Optimize.Ops(Run(g.ToModel(), rule).Model));
        }
    }

    [Fact]
    public void AValueUsedTwiceInThePatternMatchesOneNodeOrTwoIdenticalOnes()
    {
        var rule = new RewriteRule("square")
        {
            Patterns = [Pattern.Of(p =>
            {
                var e = p.Exp(p.Var("x"));
                return p.Div(e, e);
            })],
            Replacement = (b, m) => b.Constant(DenseTensor.FromFloats([1f], []), "one"),
        };
        Model Ratio(bool shared, bool sameOp)
        {
            var g = new GraphBuilder();
            var x = g.Input("x", 2);
            var e = g.Exp(x);
            var other = shared ? e : sameOp ? g.Exp(x) : g.Log(x);
            g.Output(g.Neg(g.Div(e, other)), DataType.Float, 2);
            return g.ToModel();
        }

        Assert.Equal(["Neg"], Optimize.Ops(Run(Ratio(shared: true, sameOp: true), rule).Model));
        Assert.Equal(["Neg"], Optimize.Ops(Run(Ratio(shared: false, sameOp: true), rule).Model));
        Assert.False(Run(Ratio(shared: false, sameOp: false), rule).Modified);
    }

    [Fact]
    public void AShorterMatchIsLeftToALongerOneFurtherDown()
    {
        var rule = new RewriteRule("relu-chain")
        {
            Patterns =
            [
                Pattern.Of(p => p.Relu(p.Relu(p.Var("x"))), "two"),
                Pattern.Of(p => p.Relu(p.Var("x")), "one"),
            ],
            Replacement = (b, m) => b.Op("Sigmoid", [m["x"]], IrAttribute.String("matched", m.Pattern.Name)),
        };
        var g = new GraphBuilder();
        var x = g.Input("x", 2);
        g.Output(g.Relu(g.Relu(x)), DataType.Float, 2);

        var result = Run(g.ToModel(), rule).Model;

        var sigmoid = Assert.Single(result.Graph.Nodes);
        Assert.Equal("two", sigmoid.Attributes.GetString("matched", ""));
    }

    [Fact]
    public void ConstantsInAFunctionBodyBecomeConstantNodes()
    {
        var body = new GraphBuilder(17, "body");
        var fx = body.Input("fx", 2);
        body.Output(body.Add(fx, body.Mul(fx, body.Op("Constant", [], IrAttribute.Float("value_float", 3f)))));
        var function = new Function("local", "F", body.Graph, [new OpsetImport("", 17)]);
        var g = new GraphBuilder();
        var y = g.AddNode("F", [g.Input("x", 2)], domain: "local").Outputs[0];
        var model = g.Output(y, DataType.Float, 2).ToModel(moreImports: new OpsetImport("local", 1));
        model.Functions.Add(function);

        var result = Run(model, Factor).Model;

        Assert.Equal(["Constant", "Constant", "Mul"], result.Functions[0].Body.Nodes.Select(n => n.OpType));
        Assert.Empty(result.Functions[0].Body.Initializers);
        Numerics.AssertSameOutputs(model, result, rtol: 1e-6, atol: 1e-6);
    }

    [Fact]
    public void ANodeWithAFunctionAttributeReferenceIsSkippedAndTraced()
    {
        var rule = new RewriteRule("relu")
        {
            Patterns = [Pattern.Of(p => p.Op("LeakyRelu", [p.Var("x")]))],
            Replacement = (b, m) => b.Relu(m["x"]),
        };
        var body = new GraphBuilder(17, "body");
        var fx = body.Input("fx", 2);
        body.Output(body.Op("LeakyRelu", [fx], IrAttribute.Reference("alpha", AttributeType.Float, "slope")));
        var g = new GraphBuilder();
        var model = g.Output(g.AddNode("F", [g.Input("x", 2)], domain: "local").Outputs[0], DataType.Float, 2).ToModel(moreImports: new OpsetImport("local", 1));
        var function = new Function("local", "F", body.Graph, [new OpsetImport("", 17)]);
        function.AttributeNames.Add("slope");
        model.Functions.Add(function);

        var (_, modified, trace) = Run(model, rule);

        Assert.False(modified);
        Assert.Equal(["test-rules: LeakyRelu -> leakyrelu: an attribute refers to a function attribute"], trace);
    }

    [Fact]
    public void TheWorkedExampleOfTheDocsFusesHardSwishAndExplainsWhatItDeclines()
    {
        Model Gated(float alpha, long opset = 14)
        {
            var g = new GraphBuilder(opset);
            var x = g.Input("x", 2, 8);
            var gate = g.Op("HardSigmoid", [x], IrAttribute.Float("alpha", alpha), IrAttribute.Float("beta", 0.5f));
            g.Output(g.Mul(gate, x), DataType.Float, 2, 8);
            return g.ToModel();
        }
        var model = Gated(1f / 6);
        var trace = new List<string>();
        var fused = new HardSwishFusionPass().Run(model.Clone(), new PassContext { Trace = trace.Add }).Model;

        Assert.Equal(["HardSwish"], Optimize.Ops(fused));
        Assert.Empty(trace);
        Numerics.AssertSameOutputs(model, fused, rtol: 1e-6, atol: 1e-6);

        new HardSwishFusionPass().Run(Gated(0.2f), new PassContext { Trace = trace.Add });
        new HardSwishFusionPass().Run(Gated(1f / 6, opset: 13), new PassContext { Trace = trace.Add });
        Assert.Equal(
        [
            "fuse-hard-swish: Mul -> mul: hard-swish-slope: HardSigmoid has α = 0.2, β = 0.5, not 1/6 and 0.5",
            "fuse-hard-swish: Mul -> mul: HardSwish needs opset 14",
        ], trace);
    }
}
