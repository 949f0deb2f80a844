using System.Linq;

namespace CellVar.Bms.Evaluation.Methods
{
    /// <summary>
    /// Alarm episodes of one run for every threshold of a sweep: [threshold index][cell] → ascending raise times (s) and the
    /// matching clear times (+∞ when the episode was still active at the end of the run).
    /// </summary>
    /// <param name="Raises">Raise times.</param>
    /// <param name="Clears">Clear time of each episode, same shape as <paramref name="Raises"/>.</param>
    public sealed record AlarmEvents(double[][][] Raises, double[][][] Clears)
    {
        /// <summary>Episodes that never clear (for hand-made test data).</summary>
        public AlarmEvents(double[][][] raises)
            : this(raises, raises.Select(k => k.Select(c => c.Select(_ => double.PositiveInfinity).ToArray()).ToArray()).ToArray()) { }

        /// <summary>True when cell <paramref name="cell"/> is in alarm at time <paramref name="t"/> for threshold index <paramref name="k"/>.</summary>
        public bool ActiveAt(int k, int cell, double t)
        {
            double[] r = Raises[k][cell], c = Clears[k][cell];
            for (int i = 0; i < r.Length; i++)
                if (r[i] <= t && t < c[i]) return true;
            return false;
        }

        internal static double[] Close(System.Collections.Generic.List<double> clears, int episodes)
        {
            var a = new double[episodes];
            for (int i = 0; i < episodes; i++) a[i] = i < clears.Count ? clears[i] : double.PositiveInfinity;
            return a;
        }
    }
}
