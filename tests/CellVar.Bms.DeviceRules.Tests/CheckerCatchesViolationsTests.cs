using System.Collections.Generic;
using System.Linq;
using System.Text;
using CellVar.Bms.DeviceRules.Tests.Checker;
using CellVar.Bms.DeviceRules.Tests.Snippets;
using Microsoft.CodeAnalysis;

namespace CellVar.Bms.DeviceRules.Tests
{
    /// <summary>
    /// The checker can fail: each forbidden construct, compiled by Roslyn against nanoFramework's mscorlib
    /// exactly like the device build, is reported with the right kind at the right type/method.
    /// </summary>
    public class CheckerCatchesViolationsTests
    {
        private static IReadOnlyList<Violation> CheckSnippet(string source, IEnumerable<MetadataReference>? extra = null)
        {
            using var image = NanoSnippetCompiler.Compile(source, "Snippet", extra);
            return DeviceRulesChecker.Check(image);
        }

        private static void AssertFound(IReadOnlyList<Violation> found, ViolationKind kind, string location, string? detailContains = null)
        {
            bool hit = found.Any(v => v.Kind == kind && v.Location == location && (detailContains == null || v.Detail.Contains(detailContains)));
            Assert.True(hit, $"expected {kind} at {location} ({detailContains}); found:\n" + string.Join("\n", found));
        }

        [Fact]
        public void Clean_Integer_Code_Passes()
        {
            // Exercises the IL walker on switch tables, long math, arrays, structs, interfaces, exceptions and strings.
            const string src = """
                namespace N
                {
                    public interface ISource { int Read(int channel); }
                    public struct Q16 { public int Raw; public Q16(int raw) { Raw = raw; } }
                    public sealed class Clean : ISource
                    {
                        private readonly int[] _buf = new int[8];
                        private const int Scale = 65536;
                        public int Read(int channel) { return _buf[channel & 7]; }
                        public static long MulQ16(int a, int b) { return ((long)a * b + (1 << 15)) >> 16; }
                        public static int Pick(int k)
                        {
                            switch (k) { case 0: return 3; case 1: return 5; case 2: return 7; case 3: return 11; case 4: return 13; default: return Scale; }
                        }
                        public static string Name() { return "clean"; }
                        public static int Safe(int a, int b) { try { return a / b; } catch (System.Exception) { return 0; } }
                        public static Q16 Make(int r) { return new Q16(r); }
                    }
                }
                """;
            var found = CheckSnippet(src);
            Assert.True(found.Count == 0, string.Join("\n", found));
        }

        [Fact]
        public void Double_Field_Is_Caught()
            => AssertFound(CheckSnippet("namespace N { public class C { public double X; } }"), ViolationKind.FloatType, "N.C::X", "double");

        [Fact]
        public void Float_Local_Is_Caught()
            => AssertFound(CheckSnippet("namespace N { public static class C { public static int M(int a) { float f = a; for (int i = 0; i < 3; i++) f = f * f; return (int)f; } } }"),
                ViolationKind.FloatType, "N.C::M", "locals");

        [Fact]
        public void Double_Literal_In_Il_Is_Caught()
            => AssertFound(CheckSnippet("namespace N { public static class C { public static int M(int a) { return (int)(a * 1.5); } } }"),
                ViolationKind.FloatConstant, "N.C::M", "ldc.r8");

        [Fact]
        public void Double_Const_Field_Is_Caught()
            => AssertFound(CheckSnippet("namespace N { public static class C { public const double K = 1.5; } }"),
                ViolationKind.FloatConstant, "N.C::K", "Double");

        [Fact]
        public void Int_To_Double_Conversion_Is_Caught()
            => AssertFound(CheckSnippet("namespace N { public static class C { public static long M(int a) { return (long)(double)a; } } }"),
                ViolationKind.FloatConversion, "N.C::M", "conv.r8");

        [Fact]
        public void Instructions_After_A_Switch_Table_Are_Still_Decoded()
        {
            // If the walker mis-sized the switch operand it would lose sync and miss the ldc.r8 after it.
            const string src = """
                namespace N { public static class C { public static int M(int k, int a) {
                    int r;
                    switch (k) { case 0: r = 1; break; case 1: r = 4; break; case 2: r = 9; break; case 3: r = 16; break; case 4: r = 25; break; case 5: r = 36; break; default: r = 0; break; }
                    return r + (int)(a * 2.25);
                } } }
                """;
            AssertFound(CheckSnippet(src), ViolationKind.FloatConstant, "N.C::M", "ldc.r8");
        }

        [Fact]
        public void Generic_Method_Definition_Is_Caught()
            => AssertFound(CheckSnippet("namespace N { public static class C { public static T Id<T>(T x) { return x; } } }"),
                ViolationKind.Generic, "N.C::Id", "generic method definition");

        [Fact]
        public void Generic_Method_Instantiation_Is_Caught_At_The_Caller()
        {
            const string src = "namespace N { public static class C { public static T Id<T>(T x) { return x; } public static int Use() { return Id<int>(3); } } }";
            AssertFound(CheckSnippet(src), ViolationKind.Generic, "N.C::Use", "generic method instantiation");
        }

        [Fact]
        public void Generic_Class_Is_Caught()
            => AssertFound(CheckSnippet("namespace N { public class Box<T> { public T V; } }"), ViolationKind.Generic, "N.Box`1", "generic type definition");

        [Fact]
        public void Generic_Type_Instantiation_Is_Caught_At_The_User()
        {
            const string src = "namespace N { public class Box<T> { public T V; } public static class C { public static int Use() { var b = new Box<int>(); b.V = 2; return b.V; } } }";
            AssertFound(CheckSnippet(src), ViolationKind.Generic, "N.C::Use", "Box`1<Int32>");
        }

        [Fact]
        public void Multidimensional_Array_Is_Caught()
        {
            const string src = "namespace N { public static class C { public static int M() { var a = new int[2, 3]; a[1, 2] = 5; return a[1, 2]; } } }";
            var found = CheckSnippet(src);
            AssertFound(found, ViolationKind.MultiDimArray, "N.C::M", "newobj");
            AssertFound(found, ViolationKind.MultiDimArray, "N.C::M", "Int32[,]::Set");
        }

        [Fact]
        public void Multidimensional_Array_Field_Is_Caught()
            => AssertFound(CheckSnippet("namespace N { public class C { public int[,] Grid; } }"), ViolationKind.MultiDimArray, "N.C::Grid");

        [Theory]
        [InlineData("static", 256, true)]
        [InlineData("static", 255, false)]
        [InlineData("instance", 256, true)]
        [InlineData("virtual", 256, true)]
        public void More_Than_255_Methods_Of_One_Kind_Is_Caught(string kind, int count, bool expectViolation)
        {
            string modifier = kind switch { "static" => "static ", "virtual" => "virtual ", _ => "" };
            var sb = new StringBuilder("namespace N { public class Big {\n");
            for (int i = 0; i < count; i++) sb.Append($"public {modifier}int M{i}() {{ return {i}; }}\n");
            sb.Append("} }");
            var found = CheckSnippet(sb.ToString());
            // Instance classes also get an instance constructor, which counts as an instance method.
            int expectedCount = kind == "instance" ? count + 1 : count;
            if (expectViolation) AssertFound(found, ViolationKind.TooManyMembers, "N.Big", $"{expectedCount} {kind} methods");
            else Assert.DoesNotContain(found, v => v.Kind == ViolationKind.TooManyMembers);
        }

        [Fact]
        public void Reference_To_Another_Assembly_Is_Caught()
        {
            var other = NanoSnippetCompiler.CompileReference("namespace O { public static class Helper { public static int One() { return 1; } } }", "OtherLib");
            var found = CheckSnippet("namespace N { public static class C { public static int M() { return O.Helper.One(); } } }", [other]);
            AssertFound(found, ViolationKind.ForeignAssembly, "assembly", "OtherLib");
        }

        [Theory]
        [InlineData("namespace System { public static class Math { public static int Abs(int a) { return a < 0 ? -a : a; } } }", "return System.Math.Abs(a);")]
        [InlineData("namespace System.Linq { public static class Enumerable { public static int Count(int[] a) { return a.Length; } } }", "return System.Linq.Enumerable.Count(new int[a]);")]
        [InlineData("namespace System { public struct ValueTuple { public int X; } }", "var t = new System.ValueTuple(); t.X = a; return t.X;")]
        public void References_To_Math_Linq_ValueTuple_Are_Caught(string lib, string body)
        {
            // nanoFramework's mscorlib has none of these, so a stand-in assembly provides a type with the forbidden name.
            var other = NanoSnippetCompiler.CompileReference(lib, "StandIn");
            var found = CheckSnippet("namespace N { public static class C { public static int M(int a) { " + body + " } } }", [other]);
            AssertFound(found, ViolationKind.ForbiddenApi, "N.C::M");
        }
    }
}
