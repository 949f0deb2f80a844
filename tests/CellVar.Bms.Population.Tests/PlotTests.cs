using System;
using System.IO;
using System.Linq;
using CellVar.Bms.Population.Plots;

namespace CellVar.Bms.Population.Tests
{
    public class PlotTests
    {
        [Fact]
        public void HistogramAndQqPlotsAreWrittenAsPng()
        {
            var rng = new Random(3);
            var x = Enumerable.Range(0, 500).Select(_ => Distributions.LatentMath.StandardNormal(rng)).ToArray();
            string dir = Path.Combine(Path.GetTempPath(), "cellvar-population-plots-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                PopulationPlots.Histogram(x, "z", Path.Combine(dir, "h.png"));
                PopulationPlots.Qq(x, "z", Path.Combine(dir, "q.png"));
                foreach (var f in new[] { "h.png", "q.png" })
                {
                    var bytes = File.ReadAllBytes(Path.Combine(dir, f));
                    Assert.True(bytes.Length > 1000);
                    Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes.Take(4).ToArray());
                }
            }
            finally { Directory.Delete(dir, true); }
        }
    }
}
