using System.Collections.Generic;
using System.Linq;
using CellVar.Bms.Evaluation.Metrics;
using CellVar.Bms.Evaluation.Scenarios;

namespace CellVar.Bms.Evaluation.Reporting
{
    /// <summary>
    /// Picks the operating points a report shows: each method at its default threshold, and each baseline at its most
    /// sensitive threshold whose pooled false-alarm rate is at or below ours at our default ("FA-matched"). Matching on the
    /// same healthy runs the rates are measured on is in-sample and so favours the baselines.
    /// </summary>
    public static class Comparison
    {
        /// <summary>The id of our method.</summary>
        public const string Ours = "ours";

        /// <summary>Threshold index of <paramref name="method"/> for <paramref name="quantity"/>: default, or FA-matched when <paramref name="matched"/>.</summary>
        public static int Index(EvaluationResult r, string method, Quantity quantity, bool matched)
        {
            PooledFalseAlarms p = Pool(r, method, quantity);
            if (!matched || method == Ours) return p.DefaultIndex;
            PooledFalseAlarms ours = Pool(r, Ours, quantity);
            return p.LowestIndexAtOrBelow(ours.RatePer1000(ours.DefaultIndex));
        }

        /// <summary>The pooled false alarms of one method and quantity.</summary>
        public static PooledFalseAlarms Pool(EvaluationResult r, string method, Quantity quantity) =>
            r.Pooled.First(p => p.Method == method && p.Quantity == quantity);

        /// <summary>The operating point of a method on a group (null when no threshold qualifies).</summary>
        public static OperatingPoint? Point(EvaluationResult r, GroupResult g, string method, bool matched)
        {
            int k = Index(r, method, g.Quantity, matched);
            return k < 0 ? null : g.Points[method][k];
        }

        /// <summary>Method ids in report order.</summary>
        public static IEnumerable<string> MethodIds(EvaluationResult r) => r.Methods.Select(m => m.Id);
    }
}
