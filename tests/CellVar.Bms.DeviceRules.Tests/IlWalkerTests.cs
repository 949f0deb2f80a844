using System.Linq;
using System.Reflection.Emit;
using CellVar.Bms.DeviceRules.Tests.Checker;
using CellVar.Bms.DeviceRules.Tests.Snippets;

namespace CellVar.Bms.DeviceRules.Tests
{
    /// <summary>The opcode table and IL walker decode real-world IL without losing sync.</summary>
    public class IlWalkerTests
    {
        [Fact]
        public void Opcode_Table_Knows_All_Ecma_Opcodes()
        {
            // ECMA-335 defines 226 opcodes incl. prefixes; the reflection-derived table must have them all
            // and must map each to a distinct encoding.
            var all = IlOpCodeTable.All().ToList();
            Assert.True(all.Count >= 218, "only " + all.Count + " opcodes");
            Assert.Contains(all, o => o.Value == OpCodes.Switch.Value);
            Assert.Contains(all, o => o.Value == OpCodes.Ldc_R8.Value);
            Assert.Contains(all, o => o.Value == OpCodes.Readonly.Value);
        }

        [Fact]
        public void Walking_Nano_Mscorlib_Decodes_Every_Body()
        {
            // nanoFramework's own mscorlib uses floats and generics-free IL of every shape; the walker must
            // decode every method body (no InvalidIl) and find its legitimate float constants.
            var found = DeviceRulesChecker.Check(BuildPaths.NanoMscorlib);
            Assert.DoesNotContain(found, v => v.Kind == ViolationKind.InvalidIl);
            Assert.Contains(found, v => v.Kind == ViolationKind.FloatType && v.Location.StartsWith("System.Double"));
        }

        [Fact]
        public void Walking_The_Host_Core_Library_Decodes_Every_Body()
        {
            // System.Private.CoreLib is the largest, most varied IL at hand (switches, prefixes, calli, function pointers).
            var found = DeviceRulesChecker.Check(typeof(object).Assembly.Location);
            Assert.DoesNotContain(found, v => v.Kind == ViolationKind.InvalidIl);
            Assert.Contains(found, v => v.Kind == ViolationKind.FloatConversion);
            Assert.Contains(found, v => v.Kind == ViolationKind.Generic && v.Detail.Contains("generic method instantiation"));
        }
    }
}
