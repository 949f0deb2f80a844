using System.IO;
using System.Linq;
using CellVar.Bms.Inference.Data;
using CellVar.Bms.Tests.Common;

namespace CellVar.Bms.Inference.Tests
{
    /// <summary>Loads the shared Baumhöfer 2014 cell summary.</summary>
    internal static class BaumhoferData
    {
        public static string SummaryPath => Path.Combine(RepoPaths.SharedData, "baumhofer2014", "baumhofer2014_cell_summary.csv");

        public static double[] Column(string name) => CsvTable.Load(SummaryPath).Numbers(name).Where(v => !double.IsNaN(v)).ToArray();
    }
}
