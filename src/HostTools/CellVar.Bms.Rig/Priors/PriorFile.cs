using System.Collections.Generic;

namespace CellVar.Bms.Rig.Priors
{
    /// <summary>A validated cellvar-priors v1 file: pack-wide priors per quantity and the per-cell priors after overrides.</summary>
    public sealed class PriorFile
    {
        /// <summary>Creates the file model.</summary>
        public PriorFile(string source, IReadOnlyDictionary<PriorQuantityName, QuantityPrior> quantities,
            IReadOnlyDictionary<(int Cell, PriorQuantityName Name), QuantityPrior> cellOverrides)
        {
            Source = source;
            Quantities = quantities;
            CellOverrides = cellOverrides;
        }

        /// <summary>The file's free-text <c>source</c> (what produced it).</summary>
        public string Source { get; }

        /// <summary>Pack-wide prior of each quantity present in the file.</summary>
        public IReadOnlyDictionary<PriorQuantityName, QuantityPrior> Quantities { get; }

        /// <summary>Complete per-cell priors (1-based cell) where the file overrides the pack-wide one.</summary>
        public IReadOnlyDictionary<(int Cell, PriorQuantityName Name), QuantityPrior> CellOverrides { get; }

        /// <summary>Highest cell index named by an override (0 if none).</summary>
        public int MaxOverrideCell
        {
            get
            {
                int max = 0;
                foreach (var key in CellOverrides.Keys) if (key.Cell > max) max = key.Cell;
                return max;
            }
        }

        /// <summary>The prior for <paramref name="cell"/> (1-based), or null when the file has none for that quantity.</summary>
        public QuantityPrior? For(int cell, PriorQuantityName name)
        {
            if (CellOverrides.TryGetValue((cell, name), out QuantityPrior? p)) return p;
            return Quantities.TryGetValue(name, out p) ? p : null;
        }
    }
}
