using System.Reflection;
using System.Runtime.InteropServices;

[assembly: AssemblyTitle("CellVar.Bms.Firmware.Stm32")]
[assembly: AssemblyDescription("CellVar.Bms cell monitor firmware for nanoFramework (Stm32)")]
[assembly: AssemblyCompany("CellVar.Bms")]
[assembly: AssemblyProduct("CellVar.Bms")]
[assembly: AssemblyCopyright("CellVar.Bms contributors")]
[assembly: ComVisible(false)]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyFileVersion("0.1.0.0")]
