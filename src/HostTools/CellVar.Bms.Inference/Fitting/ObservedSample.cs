using System;
using System.Collections.Generic;
using System.Linq;

namespace CellVar.Bms.Inference.Fitting
{
    /// <summary>
    /// A univariate sample with optional right-censoring: a censored value means "the true value is at least this"
    /// (e.g. a cell still above its end-of-life capacity when the test stopped).
    /// </summary>
    public sealed class ObservedSample
    {
        /// <summary>Creates a sample. Missing (NaN) values must already be removed.</summary>
        public ObservedSample(IReadOnlyList<double> values, IReadOnlyList<bool>? censored = null, string name = "value")
        {
            if (censored != null && censored.Count != values.Count)
                throw new ArgumentException("censored must have one flag per value", nameof(censored));
            for (int i = 0; i < values.Count; i++)
            {
                if (!double.IsFinite(values[i]))
                    throw new InvalidInputException($"'{name}' value #{i + 1} is not finite ({values[i]}).", "Remove or correct non-finite entries.");
            }
            Values = values.ToArray();
            Censored = censored?.ToArray() ?? new bool[values.Count];
            Name = name;
        }

        /// <summary>Name of the quantity (column).</summary>
        public string Name { get; }

        /// <summary>All values (observed and censored).</summary>
        public double[] Values { get; }

        /// <summary>True where the value is a right-censoring time.</summary>
        public bool[] Censored { get; }

        /// <summary>Number of values.</summary>
        public int Count => Values.Length;

        /// <summary>Number of exactly observed (uncensored) values.</summary>
        public int ObservedCount => Censored.Count(c => !c);

        /// <summary>True when at least one value is censored.</summary>
        public bool HasCensoring => Censored.Any(c => c);

        /// <summary>The uncensored values.</summary>
        public double[] ObservedValues => Values.Where((_, i) => !Censored[i]).ToArray();

        /// <summary>True when every value is &gt; 0.</summary>
        public bool AllPositive => Values.All(v => v > 0);
    }
}
