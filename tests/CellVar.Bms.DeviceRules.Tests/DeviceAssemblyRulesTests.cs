using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using CellVar.Bms.DeviceRules.Tests.Checker;
using CellVar.Bms.DeviceRules.Tests.Snippets;

namespace CellVar.Bms.DeviceRules.Tests
{
    /// <summary>The real nanoFramework build of src/OnDevice obeys every device rule.</summary>
    public class DeviceAssemblyRulesTests
    {
        [Fact]
        public void Nano_Device_Assembly_Is_Compiled_Against_Nano_Mscorlib()
        {
            string path = BuildPaths.NanoDeviceAssembly;
            Assert.True(File.Exists(path), "nano build output missing: " + path);
            using var pe = new PEReader(File.OpenRead(path));
            MetadataReader md = pe.GetMetadataReader();
            // The real library, not an empty shell: the monitor itself is in it.
            Assert.Contains(md.TypeDefinitions, t => md.GetString(md.GetTypeDefinition(t).Name) == "PackMonitor"
                                                     && md.GetString(md.GetTypeDefinition(t).Namespace) == "CellVar.Bms.OnDevice");
            Assert.Equal(["mscorlib"], md.AssemblyReferences.Select(a => md.GetString(md.GetAssemblyReference(a).Name)));
        }

        [Fact]
        public void Nano_Device_Assembly_Has_No_Rule_Violations()
        {
            var violations = DeviceRulesChecker.Check(BuildPaths.NanoDeviceAssembly);
            Assert.True(violations.Count == 0, "Device rule violations:\n" + string.Join("\n", violations));
        }
    }
}
