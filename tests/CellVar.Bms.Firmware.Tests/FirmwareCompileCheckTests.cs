using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using CellVar.Bms.Tests.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CellVar.Bms.Firmware.Tests
{
    /// <summary>
    /// Shows that the firmware compile check bites: firmware/ + the device library + tests/FirmwareStubs compile
    /// against nanoFramework's real mscorlib 1.17.11 as they are, and stop compiling when a call is changed to an
    /// overload or member the upstream packages do not have. (The same file set builds in CI as
    /// tests/FirmwareStubs/CellVar.Bms.Firmware.CompileCheck.csproj, part of the solution build.)
    /// </summary>
    public class FirmwareCompileCheckTests
    {
        private static readonly string[] StubFolders = { "M2Mqtt", "SystemDeviceAdc", "HardwareEsp32", "SystemIO", "SystemNet", "TestFramework" };

        private static Dictionary<string, string> Sources()
        {
            string root = RepoPaths.Root;
            var files = new List<string>();
            foreach (string f in StubFolders)
                files.AddRange(Directory.GetFiles(Path.Combine(root, "tests", "FirmwareStubs", f), "*.cs", SearchOption.AllDirectories));
            files.AddRange(Directory.GetFiles(Path.Combine(root, "firmware", "Common"), "*.cs", SearchOption.AllDirectories));
            files.Add(Path.Combine(root, "firmware", "Esp32", "Program.cs"));
            files.Add(Path.Combine(root, "firmware", "Esp32", "Properties", "AssemblyInfo.cs"));
            files.Add(Path.Combine(root, "firmware", "Stm32", "Program.cs"));
            files.AddRange(Directory.GetFiles(Path.Combine(root, "firmware", "NFUnitTest"), "*.cs"));
            string device = Path.Combine(root, "src", "OnDevice");
            foreach (string f in Directory.GetFiles(device, "*.cs", SearchOption.AllDirectories))
            {
                string rel = Path.GetRelativePath(device, f).Replace('\\', '/');
                if (!rel.StartsWith("Nano/") && !rel.StartsWith("obj/") && !rel.StartsWith("bin/"))
                    files.Add(f);
            }
            return files.ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText);
        }

        private static IReadOnlyList<Diagnostic> CompileErrors(Dictionary<string, string> sources)
        {
            string mscorlib = typeof(FirmwareCompileCheckTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "NanoMscorlib").Value!;
            Assert.True(File.Exists(mscorlib), "nanoFramework mscorlib not restored at " + mscorlib);
            var parse = new CSharpParseOptions(LanguageVersion.Latest);
            var trees = sources.Select(kv => CSharpSyntaxTree.ParseText(kv.Value, parse, kv.Key));
            var compilation = CSharpCompilation.Create("FirmwareCheck", trees,
                new[] { MetadataReference.CreateFromFile(mscorlib) },
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
            return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        }

        [Fact]
        public void Firmware_compiles_against_the_upstream_stubs_as_is()
        {
            var sources = Sources();
            Assert.Contains("firmware/Common/Hardware/M2MqttLink.cs", sources.Keys);
            Assert.Contains("tests/FirmwareStubs/M2Mqtt/MqttClient.cs", sources.Keys);
            var errors = CompileErrors(sources);
            Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));
        }

        [Theory]
        // The README's stale Publish(topic, bytes, qos, retain) overload does not exist in M2Mqtt 5.1.x.
        [InlineData("firmware/Common/Hardware/M2MqttLink.cs",
            "c.Publish(topic, message, null, null, qos == 0 ? MqttQoSLevel.AtMostOnce : MqttQoSLevel.AtLeastOnce, retain);",
            "c.Publish(topic, message, qos == 0 ? MqttQoSLevel.AtMostOnce : MqttQoSLevel.AtLeastOnce, retain);",
            "CS1503")]
        // The session's watchdog and window rely on MqttMsgPublishedEventArgs.IsPublished; upstream's args carry no reason code.
        [InlineData("firmware/Common/Hardware/M2MqttLink.cs", "_to.OnPublished(_connection, e.MessageId, e.IsPublished);", "_to.OnPublished(_connection, e.MessageId, e.ReasonCode == MqttReasonCode.Success);", "CS1061")]
        // ReadValueAveraged exists only in GiantGecko.Adc, not in System.Device.Adc.
        [InlineData("firmware/Common/Hardware/AdcChannelReader.cs", "return c.ReadValue();", "return c.ReadValueAveraged(8);", "CS1061")]
        // MqttSettings timeouts have internal setters upstream.
        [InlineData("firmware/Common/Hardware/M2MqttLink.cs", "c.Settings.InflightQueueSize = ClientInflightQueue;", "c.Settings.DelayOnRetry = 500;", "CS0200")]
        // The in-flight window matches PUBACKs by MqttMsgPublishedEventArgs.MessageId (MQTTnet calls it PacketIdentifier).
        [InlineData("firmware/Common/Hardware/M2MqttLink.cs", "OnPublished(_connection, e.MessageId, e.IsPublished)", "OnPublished(_connection, e.PacketIdentifier, e.IsPublished)", "CS1061")]
        // A typo in a member name.
        [InlineData("firmware/Common/Hardware/AdcChannelReader.cs", "controller.OpenChannel(ch)", "controller.OpenChanel(ch)", "CS1061")]
        // System.IO.FileSystem's File has no ReadAllBytes.
        [InlineData("firmware/Common/Hardware/DeviceFiles.cs", "return File.Exists(path);", "return File.ReadAllBytes(path) != null;", "CS0117")]
        // TestFramework has no tolerance overload (nanoframework.md 1.4).
        [InlineData("firmware/NFUnitTest/GoldenVectorTests.cs", "Assert.AreEqual(0, BootSelfTest.Run());", "Assert.AreEqual(0, BootSelfTest.Run(), 0, \"tolerance\");", "CS1501")]
        public void A_deliberate_signature_error_fails_the_check(string file, string find, string replace, string expectedId)
        {
            var sources = Sources();
            Assert.Contains(find, sources[file]);
            sources[file] = sources[file].Replace(find, replace);
            var errors = CompileErrors(sources);
            Assert.NotEmpty(errors);
            Assert.Contains(errors, d => d.Id == expectedId && d.Location.SourceTree!.FilePath == file);
        }
    }
}
