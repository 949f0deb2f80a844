using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace CellVar.Bms.DeviceRules.Tests.Snippets
{
    /// <summary>Compiles C# snippets with Roslyn against nanoFramework's mscorlib only, the way the nano device build does.</summary>
    internal static class NanoSnippetCompiler
    {
        private static readonly Lazy<MetadataReference> Mscorlib = new(() => MetadataReference.CreateFromFile(BuildPaths.NanoMscorlib));

        /// <summary>Compiles <paramref name="source"/> into an in-memory library; throws with the diagnostics if it does not compile.</summary>
        public static MemoryStream Compile(string source, string assemblyName = "Snippet", IEnumerable<MetadataReference>? extraReferences = null)
        {
            var refs = new List<MetadataReference> { Mscorlib.Value };
            if (extraReferences != null) refs.AddRange(extraReferences);
            CSharpCompilation c = CSharpCompilation.Create(
                assemblyName,
                [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp12))],
                refs,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Disable));
            var pe = new MemoryStream();
            EmitResult r = c.Emit(pe, options: new EmitOptions(runtimeMetadataVersion: "v4.0.30319"));
            if (!r.Success)
                throw new InvalidOperationException("Snippet does not compile:\n" + string.Join("\n", r.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            pe.Position = 0;
            return pe;
        }

        /// <summary>Compiles a snippet and returns it as a reference for another snippet.</summary>
        public static MetadataReference CompileReference(string source, string assemblyName) =>
            MetadataReference.CreateFromImage(Compile(source, assemblyName).ToArray());
    }
}
