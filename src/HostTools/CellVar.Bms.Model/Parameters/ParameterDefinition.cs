using System;
using System.Globalization;

namespace CellVar.Bms.Model.Parameters
{
    /// <summary>
    /// One named, overridable scalar of <see cref="CellParameters"/>: its unit, meaning and physically admissible range.
    /// </summary>
    public sealed class ParameterDefinition
    {
        private readonly Func<CellParameters, double> _get;
        private readonly Func<CellParameters, double, CellParameters> _with;

        internal ParameterDefinition(string name, string unit, string description, double minimum, bool minimumInclusive,
            double maximum, bool maximumInclusive, Func<CellParameters, double> get, Func<CellParameters, double, CellParameters> with)
        {
            Name = name;
            Unit = unit;
            Description = description;
            Minimum = minimum;
            MinimumInclusive = minimumInclusive;
            Maximum = maximum;
            MaximumInclusive = maximumInclusive;
            _get = get;
            _with = with;
        }

        /// <summary>The name used by <c>--set NAME=VALUE</c>, population specs and <see cref="CellParameters.Get"/>; the unit suffix is part of it.</summary>
        public string Name { get; }

        /// <summary>SI unit in plain text ("m", "m^2 s^-1", "1" for dimensionless).</summary>
        public string Unit { get; }

        /// <summary>What the parameter means.</summary>
        public string Description { get; }

        /// <summary>Lower bound of the admissible range.</summary>
        public double Minimum { get; }

        /// <summary>True if <see cref="Minimum"/> itself is admissible.</summary>
        public bool MinimumInclusive { get; }

        /// <summary>Upper bound of the admissible range.</summary>
        public double Maximum { get; }

        /// <summary>True if <see cref="Maximum"/> itself is admissible.</summary>
        public bool MaximumInclusive { get; }

        /// <summary>Reads this parameter from a set.</summary>
        public double Get(CellParameters parameters) => _get(parameters);

        /// <summary>Returns a copy of <paramref name="parameters"/> with this parameter replaced (not validated).</summary>
        public CellParameters With(CellParameters parameters, double value) => _with(parameters, value);

        /// <summary>True if <paramref name="value"/> is finite and inside the admissible range.</summary>
        public bool IsAdmissible(double value)
        {
            if (!double.IsFinite(value)) return false;
            bool lowOk = MinimumInclusive ? value >= Minimum : value > Minimum;
            bool highOk = MaximumInclusive ? value <= Maximum : value < Maximum;
            return lowOk && highOk;
        }

        /// <summary>The admissible range in interval notation, e.g. "(0, 1)".</summary>
        public string RangeText =>
            (MinimumInclusive ? "[" : "(") + Minimum.ToString("G6", CultureInfo.InvariantCulture) + ", "
            + Maximum.ToString("G6", CultureInfo.InvariantCulture) + (MaximumInclusive ? "]" : ")");
    }
}
