using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("CellVar.Bms firmware tests for nanoFramework.TestFramework (device or nanoCLR)")]
[assembly: AssemblyCompany("CellVar.Bms")]
[assembly: AssemblyProduct("CellVar.Bms")]
[assembly: AssemblyCopyright("CellVar.Bms contributors")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
