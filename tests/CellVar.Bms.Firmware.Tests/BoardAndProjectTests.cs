using System.IO;
using System.Linq;
using System.Xml.Linq;
using CellVar.Bms.Firmware.Tests.Support;
using CellVar.Bms.Provisioning.Boards;
using CellVar.Bms.Tests.Common;

namespace CellVar.Bms.Firmware.Tests
{
    /// <summary>Board definitions and the nanoFramework projects agree with each other and with the package rules.</summary>
    public class BoardAndProjectTests
    {
        [Fact]
        public void Every_board_points_at_an_existing_app_project_of_its_family()
        {
            foreach (string id in Configs.Boards().Ids)
            {
                BoardDefinition b = Configs.Boards().Get(id);
                string nfproj = Path.Combine(RepoPaths.Root, b.FirmwareProject);
                Assert.True(File.Exists(nfproj), $"{id}: {b.FirmwareProject} missing");
                string text = File.ReadAllText(nfproj);
                // Hardware.Esp32 has no native part on STM32 runtimes: only the ESP32 app may reference it.
                Assert.Equal(b.Family == "esp32", text.Contains("<Reference Include=\"nanoFramework.Hardware.Esp32\">"));
                Assert.Equal(4095, b.Adc.MaxCount);
                if (b.Network == "wifi")
                    Assert.Contains("ADC2", b.UnusableWithWifi);
                Assert.All(b.Channels.Where(c => c.Unit == "ADC2"), c => Assert.Contains("ADC2", b.UnusableWithWifi));
            }
        }

        [Theory]
        [InlineData("firmware/Esp32/packages.config")]
        [InlineData("firmware/Stm32/packages.config")]
        [InlineData("firmware/NFUnitTest/packages.config")]
        public void Packages_target_netnano_and_corelibrary_1_17_11(string path)
        {
            XDocument d = XDocument.Load(Path.Combine(RepoPaths.Root, path));
            var packages = d.Root!.Elements("package").ToList();
            Assert.NotEmpty(packages);
            Assert.All(packages, p => Assert.Equal("netnano1.0", (string)p.Attribute("targetFramework")));
            Assert.Equal("1.17.11", (string)packages.Single(p => (string)p.Attribute("id") == "nanoFramework.CoreLibrary").Attribute("version"));
            // Every HintPath of the sibling nfproj names a package version listed here.
            string nfproj = Directory.GetFiles(Path.GetDirectoryName(Path.Combine(RepoPaths.Root, path))!, "*.nfproj").Single();
            string text = File.ReadAllText(nfproj);
            foreach (var p in packages)
                Assert.Contains($"packages\\{(string)p.Attribute("id")}.{(string)p.Attribute("version")}\\lib\\", text);
        }

        [Fact]
        public void Solution_lists_the_nfprojs_without_build_entries()
        {
            string sln = File.ReadAllText(Path.Combine(RepoPaths.Root, "CellVar.Bms.sln"));
            foreach (string guid in new[] { "{5B0E7C2A-3F4D-4C8E-9A61-2D7F0B9E4C11}", "{8C3D1E5F-6A2B-4F70-B8D9-4E1A7C2F9B33}", "{E2A4C6D8-1B3F-4E5A-9C7D-0F2B4D6E8A55}" })
            {
                Assert.Contains("Project(\"{11A8DD76-328B-46DF-9F39-F559912D0360}\")", sln);
                Assert.Contains(guid + ".Debug|Any CPU.ActiveCfg", sln);
                // A Build.0 line would make `dotnet build CellVar.Bms.sln` try to build a project the .NET SDK cannot build.
                Assert.DoesNotContain(guid + ".Debug|Any CPU.Build.0", sln);
                Assert.DoesNotContain(guid + ".Release|Any CPU.Build.0", sln);
                Assert.DoesNotContain(guid + ".Debug|x64.Build.0", sln);
            }
        }
    }
}
